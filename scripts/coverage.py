#!/usr/bin/env python3
"""Coverage of the KATCH manual by the built course site (Python 3, stdlib only).

Compares the source text of the manual with the text of the *built* site and prints which share of
the source's words the site holds.  It builds nothing: run ``.build/debug/katch build`` first.

Usage (from the repository root)::

    .build/debug/katch build
    python3 scripts/coverage.py                       # trainer edition vs source, both parts
    python3 scripts/coverage.py --participant         # + handbook part vs the participant edition
    python3 scripts/coverage.py --min 95              # exit 1 if the trainer part is below 95 %
    python3 scripts/coverage.py --min 95 --participant --min-participant 95

Options::

    --site DIR              built trainer edition (default: _site/trainer)
    --participant-site DIR  built participant edition (default: _site/participant)
    --source FILE           the manual's text (default: ../shared/curriculum/002_6e211ecf5109a54f.txt)
    --participant           also report the participant handbook (source L5905-L6729) against the
                            participant edition, block by block (every handout of the handbook)
    --min PCT               exit 1 unless the trainer part's word share (multiset) is >= PCT
    --min-participant PCT   with --participant: exit 1 unless the handbook's share in the participant
                            edition (multiset) is >= PCT
    --threshold R           a source line is "missing" when less than R of its words are found in
                            context (default 0.5)
    --top N                 missing words listed per missing range (default 8)
    --max-ranges N          missing ranges printed per part (default: all)

The exit code is 0 unless --min / --min-participant is given and not met (then 1); 2 on bad input.

What is compared
----------------
* Site: every ``*.html`` of the edition except ``print.html`` and ``search.html`` (they repeat the other
  pages); the text of ``<main>`` (the whole ``<body>`` if a page has no ``<main>``), without
  ``<script>``/``<style>``; the address of an external link (``href="https://…"``) counts as text.
* Source: trainer part = L1-L5904, participant part = L5905-L6729 (handbook + Appendix 1).
  List markers at the start of a line (``1.``, ``a.``; an ordered list renders them as markup) are not
  words.  Dropped before counting (and reported): page-number-only lines; running page headers such as
  ``3534 1-модуль. …`` or ``149148 4-қосымша. …`` (a merged pair of page numbers followed by a module /
  appendix title); and duplicated link-list lines (a line holding only a URL that is already printed in
  a footnote, or that repeats an earlier URL-only line).
* Normalisation (both sides): Unicode NFC, lowercase, soft hyphens removed; in the source, a word split
  by an end-of-line hyphen is joined (when the joined word occurs in the site or elsewhere in the
  source, or when the halves are not both words of the site; otherwise - ``көшіп-`` / ``қонушы`` - the
  hyphen is a real one and both halves are kept); blank lines between the halves are skipped; a word
  broken over two lines without a hyphen (``қыз`` / ``дар``) is joined when the whole is a word of the
  site and the second half is not; Latin look-alike letters inside Cyrillic words (``бөлiм`` with a
  Latin i) are folded to Cyrillic on both sides.
* Words: maximal runs of digits, Latin and Cyrillic letters (Kazakh letters included).

Figures
-------
* **words (multiset)**: sum over words of min(source count, site count) / source tokens - the headline
  figure (target >= 95 % for the trainer part);
* **distinct words**: share of the source's distinct words found anywhere in the site;
* **in context**: share of source tokens that occur in the site inside the same three-word sequence
  (a token is covered when one of the three trigrams containing it is a trigram of the site; a source
  line of one or two words - a heading, a table cell - is covered when it occurs as such in the site).
  This is what finds left-out passages made of common words, so the list of missing lines uses it: a
  line is missing when fewer than ``--threshold`` of its tokens are covered in context; consecutive
  missing lines (blank lines in between allowed) form a range, printed with its size, first words and
  its top missing words (``*`` = word found nowhere in the site).  A range that lies inside the
  ``EXPLAINED`` table below (agenda layout, form blanks, tables rebuilt, repaired labels) is printed with
  its reason; the summary line counts the ranges that are "not explained".

With ``--participant`` the handbook part is also compared with the participant edition, as a whole and
block by block (``HANDBOOK_BLOCKS``: preparation, every activity's handout, the 12-item screening tool,
the Exercise 4 data, the 4.b protocol and NGO list, the 4.c role cards, the 4.d.1 scenarios, the 4.d.2
case, the joint case, Appendix 1), naming the page that holds most of each block; a block is marked
``CHECK`` when its word share is below 95 % or it has a missing range that is not explained.
"""

from __future__ import annotations

import argparse
import collections
import html.parser
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "curriculum" / "002_6e211ecf5109a54f.txt"
TRAINER_PART = (1, 5904)
PARTICIPANT_PART = (5905, 6729)

# Blocks of the trainer part (INVENTORY §0.1), reported one by one.
TRAINER_BLOCKS = [
    ((1, 198), "introduction, how to use, principles, rules"),
    ((199, 596), "training programme (agenda)"),
    ((597, 1747), "Module 1 + Exercise 1, Discussions 1-3"),
    ((1748, 2607), "Module 2 + Exercises 2-3, screening tool"),
    ((2608, 2832), "Module 3 + Exercise 4"),
    ((2833, 4933), "Module 4 (4.a-4.d.2) + joint case"),
    ((4934, 5101), "general reference information"),
    ((5102, 5163), "energizers"),
    ((5164, 5484), "Appendix 3: pre/post-test, feedback form"),
    ((5485, 5904), "Appendix 4: screening instrument"),
]

# Blocks of the participant handbook (INVENTORY §10.1): what the participant edition must hold.
HANDBOOK_BLOCKS = [
    ((5905, 5927), "handbook intro (copy of «how to use»)"),
    ((5928, 5963), "preparation information"),
    ((5964, 6003), "Module 1 / Exercise 1 worksheet"),
    ((6004, 6049), "Discussion 1 (4 scenarios)"),
    ((6050, 6068), "Discussion 2"),
    ((6069, 6086), "Discussion 3"),
    ((6087, 6094), "Module 2 / Exercise 2"),
    ((6095, 6190), "Exercise 3 + 12-item screening tool"),
    ((6191, 6257), "Module 3 / Exercise 4 data"),
    ((6258, 6330), "Module 4 / 4.a case «needs assessment»"),
    ((6331, 6530), "4.b «Protocol» case, protocol, NGO list"),
    ((6531, 6602), "4.c role cards"),
    ((6603, 6649), "4.d.1 rescue-operation scenarios"),
    ((6650, 6689), "4.d.2 evidence case"),
    ((6690, 6716), "joint case"),
    ((6717, 6729), "Appendix 1"),
]

# Source lines whose words are expected to be missing from the built site, with the reason (printed next
# to a missing range that lies inside one of these; see docs/notes/qa.md).
EXPLAINED = [
    ((204, 596), "agenda: rendered from course.yml as tables with katch's own column headers and clock times "
                 "(«1 сағат» → 60 мин); Russian header L268 and «час», «Упражнение» repaired (D5); material "
                 "labels from the catalogue"),
    ((2236, 2303), "«Жоқ Иә» checkbox labels: rendered as answer boxes «Иә / Жоқ»"),
    ((6121, 6188), "«Жоқ Иә» checkbox labels: rendered as answer boxes «Иә / Жоқ»"),
    ((2747, 2832), "Exercise 4 data / answer tables: one row per year in a table; answer years 2018–2020 → "
                   "2019–2021 (D17)"),
    ((6200, 6257), "Exercise 4 data table: one row per year in a table"),
    ((2543, 2543), "heading label «IV.B БӨЛІМ.» normalised to «IV.B.» (D60)"),
    ((3134, 3134), "«Жаттықтырушы нұсқаулары» heading → TRAINER callout title; fn 89 cited in the intro"),
    ((3976, 3976), "«Жаттықтырушы нұсқаулары» heading → TRAINER callout title; fn 98 inside it"),
    ((4430, 4430), "«Жаттықтырушы нұсқаулары» heading → TRAINER callout title; fn 103 cited in the intro"),
    ((4728, 4728), "«Жаттықтырушы нұсқаулары» heading → TRAINER callout title; fn 109 inside it"),
    ((3511, 3554), "NGO list and definition table rebuilt as tables (D64)"),
    ((6368, 6411), "NGO list and definition table rebuilt as tables (D64)"),
    ((5164, 5232), "test header: the registration block is rendered by katch with its own field labels "
                   "(D23); printed «Ваш пол» (D5)"),
    ((5307, 5375), "test header: the registration block is rendered by katch with its own field labels (D23)"),
    ((5250, 5250), "«вербовка» → «тарту» (D5)"),
    ((5393, 5393), "«вербовка» → «тарту» (D5)"),
    ((5485, 5904), "Appendix 4 form: rendered by the screening block (a «Ескертпелер» line under each scored "
                   "item, itemNotes); totals with Latin section letters (D27, D28, D43)"),
    ((6087, 6087), "participant handbook's module title; the site uses the trainer title"),
    ((6104, 6104), "participant footnote 1 of the screening tool = trainer fn 66"),
    ((6258, 6260), "participant handbook's module title «Мамандану»; the site uses «Мамандандыру»"),
    ((6331, 6331), "participant handbook's section label «4.B. БӨЛІМ.»"),
    ((6531, 6531), "participant handbook's section label «4.С. БӨЛІМ.»"),
    ((6603, 6603), "participant handbook's section label «4.D. БӨЛІМ»"),
]


def explained(lo: int, hi: int) -> str | None:
    for (a, b), why in EXPLAINED:
        if a <= lo and hi <= b:
            return why
    return None


TOKEN_RE = re.compile(r"[0-9a-z\u00df-\u00ff\u0100-\u024f\u0400-\u052f]+")
CYR_RE = re.compile(r"[\u0400-\u052f]")
LAT_RE = re.compile(r"[a-z]")
HOMOGLYPHS = str.maketrans({"a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р",
                            "x": "х", "y": "у", "k": "к", "h": "һ"})
PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")
HEADER_RE = re.compile(r"^\s*(\d{4}|\d{6})\s+\S.*(модуль|қосымша)", re.IGNORECASE)
URL_LINE_RE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
HYPHEN_END_RE = re.compile(r"([^\W\d_]+)[-\u2010\u2011]\s*$")
LETTER_START_RE = re.compile(r"^\s*[^\W\d_]")
# a list marker at the start of a source line («1.\t», «a.\t», «10.»): an ordered list renders it as markup
LIST_MARKER_RE = re.compile(r"^\s*(?:\d{1,2}|[a-hа-е])[.)](?=\s)", re.IGNORECASE)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\u00ad", "").lower()


def fold(token: str) -> str:
    if LAT_RE.search(token) and CYR_RE.search(token):
        return token.translate(HOMOGLYPHS)
    return token


def tokens(text: str) -> list[str]:
    return [fold(t) for t in TOKEN_RE.findall(normalise(text))]


# --------------------------------------------------------------------------------------------- site

INLINE_TAGS = {"a", "abbr", "b", "bdi", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small",
               "span", "strong", "u", "var", "wbr"}


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.main_parts: list[str] = []
        self.skip = 0
        self.in_main = 0
        self.saw_main = False

    def _sep(self, tag: str) -> None:
        if tag not in INLINE_TAGS:
            self._add(" ")

    def _add(self, s: str) -> None:
        self.parts.append(s)
        if self.in_main:
            self.main_parts.append(s)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            # an external link's address is content too (a footnote URL printed as a link text)
            href = dict(attrs).get("href") or ""
            if re.match(r"https?://", href):
                self._add(" " + href + " ")
        if tag in ("script", "style", "head"):
            self.skip += 1
        if tag == "main":
            self.in_main += 1
            self.saw_main = True
        self._sep(tag)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head") and self.skip:
            self.skip -= 1
        self._sep(tag)
        if tag == "main" and self.in_main:
            self.in_main -= 1

    def handle_data(self, data):
        if not self.skip:
            self._add(data)

    def text(self) -> str:
        return "".join(self.main_parts if self.saw_main else self.parts)


class Site:
    def __init__(self, directory: pathlib.Path) -> None:
        self.directory = directory
        self.pages = sorted(p for p in directory.glob("*.html") if p.name not in ("print.html", "search.html"))
        if not self.pages:
            raise SystemExit(f"coverage.py: no pages in {directory} (run `.build/debug/katch build` first)")
        self.counts: collections.Counter[str] = collections.Counter()
        self.trigrams: set[tuple[str, str, str]] = set()
        self.bigrams: set[tuple[str, str]] = set()
        self.page_trigrams: dict[str, set[tuple[str, str, str]]] = {}
        for page in self.pages:
            parser = _Text()
            parser.feed(page.read_text(encoding="utf-8", errors="replace"))
            toks = tokens(parser.text())
            self.counts.update(toks)
            self.page_trigrams[page.name] = set(zip(toks, toks[1:], toks[2:]))
            self.trigrams.update(self.page_trigrams[page.name])
            self.bigrams.update(zip(toks, toks[1:]))
        self.vocab = set(self.counts)


# ------------------------------------------------------------------------------------------- source

class Source:
    """The manual's lines, with dropped lines and hyphen joins applied, tokenised per line."""

    def __init__(self, path: pathlib.Path, site_vocab: set[str]) -> None:
        raw = path.read_text(encoding="utf-8").split("\n")
        while raw and not raw[-1].strip():
            raw.pop()
        self.lines = raw
        self.dropped: dict[str, list[int]] = {"page number": [], "running header": [], "duplicated link": []}
        keep = [True] * len(raw)
        url_lines = []
        for i, line in enumerate(raw):
            if PAGE_NUMBER_RE.match(line):
                self.dropped["page number"].append(i + 1)
                keep[i] = False
            elif HEADER_RE.match(line) and _is_page_pair(line.split()[0]):
                self.dropped["running header"].append(i + 1)
                keep[i] = False
            elif URL_LINE_RE.match(line):
                url_lines.append(i)
        # duplicated link lists: a URL-only line whose URL is printed elsewhere (footnote text, possibly
        # split over lines) or that repeats an earlier URL-only line
        url_set = set(url_lines)
        squeezed = "".join(re.sub(r"\s+", "", l) for j, l in enumerate(raw) if j not in url_set)
        seen: set[str] = set()
        for i in url_lines:
            url = raw[i].strip()
            key = re.sub(r"^(https?://)?(www\.)?", "", url, flags=re.I).rstrip("/.")
            if key in seen or (len(key) > 8 and key in squeezed):
                self.dropped["duplicated link"].append(i + 1)
                keep[i] = False
            seen.add(key)
        self.keep = keep

        # words of the source outside hyphen splits (for the join decision)
        per_line = [tokens(LIST_MARKER_RE.sub(" ", l)) if keep[i] else [] for i, l in enumerate(raw)]
        plain_vocab = set()
        for toks in per_line:
            plain_vocab.update(toks)
        self.joins = 0
        self.real_hyphens = 0
        self.unhyphenated_joins = 0
        self.unhyphenated_examples: list[tuple[int, str, str]] = []
        # lines with words, in order; blank lines between the halves of a split word are skipped
        kept_idx = [i for i in range(len(raw)) if keep[i] and per_line[i]]
        for a, b in zip(kept_idx, kept_idx[1:]):
            la, lb = normalise(raw[a]), normalise(raw[b])
            if not per_line[a] or not per_line[b] or not LETTER_START_RE.match(lb):
                continue
            head, tail = per_line[a][-1], per_line[b][0]
            joined = fold(head + tail)
            if HYPHEN_END_RE.search(la):
                if joined in site_vocab or joined in plain_vocab or not (head in site_vocab and tail in site_vocab):
                    self.joins += 1
                else:
                    self.real_hyphens += 1
                    continue
            elif re.search(r"[^\W\d_]\s*$", la) and joined in site_vocab and tail not in site_vocab \
                    and len(tail) > 1:
                # a word broken over two lines without a hyphen («қыз / дар»): the halves are no words
                # of the site but the whole is
                self.unhyphenated_joins += 1
                self.unhyphenated_examples.append((a + 1, head, tail))
            else:
                continue
            per_line[a][-1] = joined
            per_line[b] = per_line[b][1:]
        self.tokens = per_line  # index = line number - 1

    def part(self, lo: int, hi: int) -> list[tuple[int, str]]:
        out = []
        for n in range(lo, min(hi, len(self.lines)) + 1):
            out.extend((n, t) for t in self.tokens[n - 1])
        return out


def _is_page_pair(number: str) -> bool:
    half = len(number) // 2
    a, b = int(number[:half]), int(number[half:])
    return abs(a - b) == 1


# ------------------------------------------------------------------------------------------ figures

class Report:
    def __init__(self, toks: list[tuple[int, str]], site: Site) -> None:
        self.toks = toks
        words = [t for _, t in toks]
        self.total = len(words)
        counts = collections.Counter(words)
        self.multiset_hit = sum(min(c, site.counts.get(w, 0)) for w, c in counts.items())
        self.distinct = len(counts)
        self.distinct_hit = sum(1 for w in counts if w in site.vocab)
        covered = [False] * len(words)
        for k in range(len(words) - 2):
            if (words[k], words[k + 1], words[k + 2]) in site.trigrams:
                covered[k] = covered[k + 1] = covered[k + 2] = True
        if len(words) < 3:  # a part too short for trigrams: fall back to word presence
            covered = [w in site.vocab for w in words]
        # a line of one or two words (a heading, a table cell) is covered when it occurs as such
        by_line: dict[int, list[int]] = collections.defaultdict(list)
        for k, (n, _) in enumerate(toks):
            by_line[n].append(k)
        for ks in by_line.values():
            if len(ks) == 1 and words[ks[0]] in site.vocab:
                covered[ks[0]] = True
            elif len(ks) == 2 and (words[ks[0]], words[ks[1]]) in site.bigrams:
                covered[ks[0]] = covered[ks[1]] = True
        self.covered = covered
        self.context_hit = sum(covered)
        self.site = site

    @staticmethod
    def pct(a: int, b: int) -> float:
        return 100.0 * a / b if b else 100.0

    @property
    def multiset(self) -> float:
        return self.pct(self.multiset_hit, self.total)

    def summary(self, label: str) -> str:
        return (f"{label}: {self.total} words; words (multiset) {self.multiset:.2f}% "
                f"({self.multiset_hit}/{self.total}); distinct words {self.pct(self.distinct_hit, self.distinct):.2f}% "
                f"({self.distinct_hit}/{self.distinct}); in context {self.pct(self.context_hit, self.total):.2f}%")

    def missing_ranges(self, source: Source, threshold: float) -> list[tuple[int, int, list[str]]]:
        by_line: dict[int, list[tuple[str, bool]]] = collections.defaultdict(list)
        for (n, w), c in zip(self.toks, self.covered):
            by_line[n].append((w, c))
        missing_lines = sorted(n for n, ws in by_line.items()
                               if sum(c for _, c in ws) < threshold * len(ws))
        ranges: list[list[int]] = []
        for n in missing_lines:
            if ranges and all(not by_line.get(m) for m in range(ranges[-1][1] + 1, n)):
                ranges[-1][1] = n
            else:
                ranges.append([n, n])
        out = []
        for lo, hi in ranges:
            words = [w for n in range(lo, hi + 1) for w, c in by_line.get(n, []) if not c]
            out.append((lo, hi, words))
        return out


def print_ranges(report: Report, source: Source, args, label: str) -> None:
    ranges = report.missing_ranges(source, args.threshold)
    n_words = sum(len(w) for _, _, w in ranges)
    unexplained = [r for r in ranges if not explained(r[0], r[1])]
    print(f"  missing lines ({label}): {len(ranges)} ranges, {n_words} words not found in context; "
          f"not explained: {len(unexplained)} ranges, {sum(len(w) for _, _, w in unexplained)} words")
    shown = ranges if args.max_ranges is None else sorted(ranges, key=lambda r: -len(r[2]))[: args.max_ranges]
    for lo, hi, words in sorted(shown):
        where = f"L{lo}" if lo == hi else f"L{lo}-L{hi}"
        top = collections.Counter(words).most_common(args.top)
        top_s = ", ".join(f"{w}{'*' if w not in report.site.vocab else ''}×{c}" if c > 1 else
                          f"{w}{'*' if w not in report.site.vocab else ''}" for w, c in top)
        first = " ".join(source.lines[lo - 1].split())[:70]
        why = explained(lo, hi)
        print(f"    {where:13} {len(words):4} w  «{first}»  top: {top_s}" + (f"\n{'':24}explained: {why}" if why else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Share of the KATCH manual's words present in the built site.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--site", type=pathlib.Path, default=ROOT / "_site" / "trainer")
    ap.add_argument("--participant-site", type=pathlib.Path, default=ROOT / "_site" / "participant")
    ap.add_argument("--source", type=pathlib.Path, default=DEFAULT_SOURCE)
    ap.add_argument("--participant", action="store_true")
    ap.add_argument("--min", type=float, default=None)
    ap.add_argument("--min-participant", type=float, default=None)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--top", type=int, default=8)
    ap.add_argument("--max-ranges", type=int, default=None)
    args = ap.parse_args(argv)

    if not args.source.is_file():
        print(f"coverage.py: source not found: {args.source}", file=sys.stderr)
        return 2
    if not args.site.is_dir():
        print(f"coverage.py: site not found: {args.site} (run `.build/debug/katch build`)", file=sys.stderr)
        return 2
    site = Site(args.site)
    source = Source(args.source, site.vocab)
    print(f"source: {args.source} ({len(source.lines)} lines)")
    print(f"trainer edition: {args.site} ({len(site.pages)} pages, {sum(site.counts.values())} words)")
    for what, lines in source.dropped.items():
        print(f"dropped {what} lines: {len(lines)}" + (f" ({', '.join('L%d' % n for n in lines[:12])}"
                                                     f"{' …' if len(lines) > 12 else ''})" if lines else ""))
    print(f"end-of-line hyphen splits joined: {source.joins}; kept as real hyphens: {source.real_hyphens}; "
          f"words broken without a hyphen joined: {source.unhyphenated_joins}")
    print()

    status = 0
    trainer = Report(source.part(*TRAINER_PART), site)
    print(trainer.summary(f"trainer part L{TRAINER_PART[0]}-L{TRAINER_PART[1]} in trainer edition"))
    print("  by block (words multiset / in context):")
    for (lo, hi), name in TRAINER_BLOCKS:
        r = Report(source.part(lo, hi), site)
        print(f"    {f'L{lo}-L{hi}':12} {name:42} {r.multiset:6.2f}% / {r.pct(r.context_hit, r.total):6.2f}%  ({r.total} w)")
    print_ranges(trainer, source, args, "trainer part")
    print()
    part = Report(source.part(*PARTICIPANT_PART), site)
    print(part.summary(f"participant part L{PARTICIPANT_PART[0]}-L{PARTICIPANT_PART[1]} in trainer edition"))
    print_ranges(part, source, args, "participant part")
    if args.min is not None and trainer.multiset < args.min:
        print(f"\nFAIL: trainer part {trainer.multiset:.2f}% < --min {args.min}%")
        status = 1

    if args.participant:
        print()
        if not args.participant_site.is_dir():
            print(f"coverage.py: participant site not found: {args.participant_site}", file=sys.stderr)
            return 2
        psite = Site(args.participant_site)
        psource = Source(args.source, psite.vocab)
        print(f"participant edition: {args.participant_site} ({len(psite.pages)} pages, "
              f"{sum(psite.counts.values())} words)")
        hb = Report(psource.part(*PARTICIPANT_PART), psite)
        print(hb.summary(f"participant part L{PARTICIPANT_PART[0]}-L{PARTICIPANT_PART[1]} in participant edition"))
        print("  by handout block (words multiset / in context; the page holding most of it; "
              "«CHECK» = below 95 % or a missing range not explained):")
        for (lo, hi), name in HANDBOOK_BLOCKS:
            toks = psource.part(lo, hi)
            r = Report(toks, psite)
            words = [w for _, w in toks]
            grams = list(zip(words, words[1:], words[2:]))
            best = max(psite.page_trigrams, key=lambda pg: sum(g in psite.page_trigrams[pg] for g in grams))
            share = 100.0 * sum(g in psite.page_trigrams[best] for g in grams) / max(1, len(grams))
            bad = [x for x in r.missing_ranges(psource, args.threshold) if not explained(x[0], x[1])]
            flag = "   CHECK" if r.multiset < 95 or bad else ""
            print(f"    {f'L{lo}-L{hi}':12} {name:42} {r.multiset:6.2f}% / {r.pct(r.context_hit, r.total):6.2f}%"
                  f"  ({r.total} w)  {best} {share:.0f}%{flag}")
        print_ranges(hb, psource, args, "handbook in participant edition")
        if args.min_participant is not None and hb.multiset < args.min_participant:
            print(f"\nFAIL: handbook in participant edition {hb.multiset:.2f}% < --min-participant "
                  f"{args.min_participant}%")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
