#!/usr/bin/env python3
"""Usage: python3 scripts/fuzz-leaks.py .build/debug/katch Tests/Fixtures/mini-course RUNS SEED

Mutates the mini course with sneaky trainer-only placements and random damage, builds it with
katch, and checks: no crash (signal), no hang (timeout), and when the build succeeds, none of the
planted secrets in the participant edition."""
import os, random, shutil, subprocess, sys, time, tempfile
KATCH = sys.argv[1]; SRC = sys.argv[2]; N = int(sys.argv[3]); SEED = int(sys.argv[4])
rng = random.Random(SEED)
def secret(i): return f"Құпиясөз{i}зыр"
PLANTS = [
    lambda s: f"Мәтін[^{9}].\n\n> [!TRAINER]\n> Нұсқа.\n>\n> [^{9}]: {s}.\n",
    lambda s: ("> " * rng.randint(40, 60)) + f"[!ANSWER]\n" + ("> " * rng.randint(40, 60)) + f"{s}\n",
    lambda s: f"Қараңыз [сілтеме][r{rng.randint(0,9)}].\n\n> [!TRAINER]\n> x\n>\n> [r{rng.randint(0,9)}]: https://e.org/{s}\n",
    lambda s: f">**[!TRAINER]** {s}\n",
    lambda s: f"> [!ТRAINER]\n> {s}\n",
    lambda s: f"> [!TRAINER]\n> ### {s}\n",
    lambda s: f"> [!ANSWER]\n> - [{s}](https://e.org/x)\n",
    lambda s: f"- элемент\n\n  > [!TRAINER]\n  > {s}\n",
    lambda s: f"> > [!TRAINER]\n> > {s}\n",
    lambda s: f"#### Сұрақ {{#fz-q{rng.randint(0,999)} type=single}}\n- [x] Бір\n\n  > [!ANSWER]\n  > {s}\n- [ ] Екі\n",
    lambda s: f"> [!TRAINER] {s}\n> мәтін\n",
    lambda s: f"> [!TRAINER]\n> ```table download=d{rng.randint(0,3)}.csv\n> | А | Б |\n> | {s} | 2 |\n> ```\n",
    lambda s: f"> [!ANSWER] {s}\n",
    lambda s: f"> [!TRAINER]\n> > [!NOTE] {s}\n",
]
def damage(text):
    ops = rng.randint(0, 3)
    for _ in range(ops):
        if not text: break
        i = rng.randrange(len(text))
        c = rng.choice(["\n", ">", "[", "]", "`", "*", "\u0000", "\r\n", "{#", "---\n", "\t", "#"])
        text = text[:i] + c + text[i:] if rng.random() < 0.7 else text[:i] + text[i+1:]
    return text
stats = {"runs": 0, "refused": 0, "built": 0, "crashes": 0, "hangs": 0, "leaks": 0, "max_s": 0.0}
for n in range(N):
    d = tempfile.mkdtemp(prefix="katch-fuzz-")
    course = os.path.join(d, "c"); shutil.copytree(SRC, course)
    planted = []; damaged = set()
    files = [os.path.join(r, f) for r, _, fs in os.walk(course) for f in fs if f.endswith(".md")]
    for k in range(rng.randint(1, 4)):
        f = rng.choice(files); s = secret(n * 10 + k); planted.append(s)
        text = open(f, encoding="utf-8").read()
        parts = text.split("---", 2)
        body = parts[2] if len(parts) == 3 else text
        body = body + "\n\n" + rng.choice(PLANTS)(s) + "\n"
        if rng.random() < 0.3:
            # Damage can turn any plant of this file into ordinary text, which is then rightly shown.
            body = damage(body); damaged.update(p for p in planted if p in body)
        text = ("---".join(parts[:2]) + "---" + body) if len(parts) == 3 else body
        open(f, "w", encoding="utf-8", errors="surrogatepass").write(text)
    out = os.path.join(d, "site")
    t0 = time.time()
    try:
        r = subprocess.run([KATCH, "build", "--course", course, "--out", out], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        stats["hangs"] += 1; print("HANG", d); continue
    dt = time.time() - t0; stats["max_s"] = max(stats["max_s"], dt); stats["runs"] += 1
    if r.returncode < 0 or r.returncode > 1:
        stats["crashes"] += 1; print("CRASH", r.returncode, d, r.stderr[-300:]); continue
    if r.returncode == 1: stats["refused"] += 1; shutil.rmtree(d); continue
    stats["built"] += 1
    leaked = False
    for root, _, fs in os.walk(os.path.join(out, "participant")):
        for f in fs:
            data = open(os.path.join(root, f), "rb").read().decode("utf-8", "replace")
            for s in planted:
                if s in data:
                    if s in damaged: stats["visible_after_damage"] = stats.get("visible_after_damage", 0) + 1; continue
                    leaked = True; print("LEAK", s, os.path.join(root, f), d)
    if leaked: stats["leaks"] += 1
    else: shutil.rmtree(d)
print(stats)
