#!/usr/bin/env python3
"""Writes reference.json: expected figures for the Statistics tests.

Every expected number is computed here with SciPy / NumPy, independently of
the Swift code.  Figures that the Swift library reports as unavailable are
written as {"reason": "..."} (the JSON form of StatValue); numbers as
{"value": x}.  The reasons follow the rules documented in the Swift API.

Run:  python3 make_fixtures.py   (writes reference.json next to this file)
Seeded, so the output is reproducible for a given SciPy/NumPy.
"""

import json
import math
from fractions import Fraction
import os

import numpy as np
import scipy
from scipy import special, stats

RNG = np.random.default_rng(20261202)
HERE = os.path.dirname(os.path.abspath(__file__))


def V(x):
    x = float(x)
    assert math.isfinite(x), x
    return {"value": x}


def R(reason):
    return {"reason": reason}


# ---------------------------------------------------------------- distributions

def distributions():
    out = {}

    inc = []
    for a, b, x in [
        (0.5, 0.5, 0.3), (1, 1, 0.42), (2, 3, 0.2), (2, 3, 0.8), (5, 0.5, 0.9),
        (0.5, 5, 0.01), (10, 10, 0.5), (30, 2, 0.95), (2, 30, 0.05), (100, 100, 0.45),
        (500, 0.5, 0.999), (0.5, 500, 0.001), (15, 0.5, 0.3), (1.5, 7.25, 0.6),
        (0.1, 0.1, 0.5), (50, 60, 0.3), (3, 4, 1e-6), (3, 4, 1 - 1e-6),
    ]:
        inc.append({"a": a, "b": b, "x": x, "expected": float(special.betainc(a, b, x))})
    out["incompleteBeta"] = inc

    tc = []
    for df in [1, 2, 3, 5, 10, 30, 100, 1000, 2.5, 0.5, 1e5]:
        for t in [-40.0, -6.0, -2.5, -1.0, -0.3, 0.0, 0.1, 0.7, 1.96, 2.0, 3.5, 12.0, 100.0]:
            tc.append({
                "t": t, "df": df,
                "cdf": float(stats.t.cdf(t, df)),
                "sf": float(stats.t.sf(t, df)),
                "twoSided": float(min(1.0, 2 * stats.t.sf(abs(t), df))),
                "pdf": float(stats.t.pdf(t, df)),
            })
    out["studentT"] = tc

    tq = []
    for df in [1, 2, 3, 4, 5, 9, 10, 29, 30, 100, 1000, 2.5, 0.7]:
        for p in [0.975, 0.995, 0.95, 0.9, 0.6, 0.5, 0.4, 0.025, 0.001, 1e-6]:
            tq.append({"p": p, "df": df, "expected": float(stats.t.ppf(p, df))})
    out["studentTQuantile"] = tq

    nz = []
    for z in [-38.0, -8.0, -5.0, -3.0, -1.959963984540054, -1.0, -0.25, 0.0, 0.5, 1.0,
              1.6448536269514722, 2.5, 4.0, 7.5, 9.0, 30.0]:
        nz.append({"z": z, "cdf": float(stats.norm.cdf(z)), "sf": float(stats.norm.sf(z)),
                   "twoSided": float(min(1.0, 2 * stats.norm.sf(abs(z))))})
    out["normal"] = nz

    bt = []
    for k, n, p in [(0, 1, 0.5), (1, 1, 0.5), (3, 10, 0.5), (5, 10, 0.5), (8, 10, 0.5),
                    (0, 24, 0.5), (7, 24, 0.5), (12, 24, 0.5), (2, 20, 0.3), (9, 20, 0.3),
                    (6, 20, 0.3), (15, 40, 0.2), (1, 50, 0.1), (40, 100, 0.5), (3, 7, 0.9),
                    (150, 400, 0.4), (0, 0, 0.5)]:
        expected = 1.0 if n == 0 else float(stats.binomtest(k, n, p).pvalue)
        bt.append({"k": k, "n": n, "p": p, "expected": expected,
                   "pmf": float(stats.binom.pmf(k, n, p)), "cdf": float(stats.binom.cdf(k, n, p))})
    out["binomial"] = bt

    mc = []
    for b, c in [(0, 1), (1, 0), (0, 5), (3, 10), (12, 12), (6, 7), (0, 24), (11, 13), (2, 22)]:
        p_exact = float(stats.binomtest(b, b + c, 0.5).pvalue)
        doubled = min(1.0, 2 * float(stats.binom.cdf(min(b, c), b + c, 0.5)))
        assert abs(p_exact - doubled) < 1e-12, (b, c)
        mc.append({"b": b, "c": c, "expected": p_exact})
    out["mcNemarExact"] = mc

    ch = []
    for x in [0.0, 1e-8, 0.04, 0.5, 1.0, 2.7055, 3.841458820694124, 6.63, 10.0, 25.0, 80.0]:
        ch.append({"x": x, "expected": float(stats.chi2.sf(x, 1))})
    out["chiSquare1"] = ch
    return out


# ---------------------------------------------------------------- descriptives

def describe(name, values):
    v = np.asarray(values, dtype=float)
    n = len(v)
    return {
        "name": name,
        "values": [float(x) for x in v],
        "mean": V(np.mean(v)) if n else R("n = 0"),
        "median": V(np.median(v)) if n else R("n = 0"),
        "sd": V(np.std(v, ddof=1)) if n >= 2 else R("n = 0" if n == 0 else "n < 2"),
    }


def descriptives():
    return [
        describe("empty", []),
        describe("one", [42.5]),
        describe("two", [10, 30]),
        describe("constant", [55, 55, 55, 55]),
        describe("odd", [3, 1, 4, 1, 5, 9, 2]),
        describe("even", [3, 1, 4, 1, 5, 9, 2, 6]),
        describe("random normal 57", RNG.normal(60, 15, 57)),
        describe("random 200 percent", np.round(RNG.uniform(0, 100, 200), 2)),
        describe("large offset", 1e6 + RNG.normal(0, 1, 30)),
    ]


# ---------------------------------------------------------------- paired

def exact(x):
    """The fraction katch reads a score as (Swift: Fraction(approximating:)): scores are
    fractions such as 100*k/11, and gains must tie when they are equal in points."""
    return Fraction(float(x)).limit_denominator(10**6)


def paired_case(name, pre, post, maximum=100.0):
    pre = np.asarray(pre, dtype=float)
    post = np.asarray(post, dtype=float)
    # Differences computed exactly, then converted: equal gains are equal floats, so SciPy ranks
    # them as ties (post - pre in floating point would break ties by rounding).
    d = np.array([float(exact(b) - exact(a)) for a, b in zip(pre, post)], dtype=float)
    n = len(d)
    e = {"n": n}
    if n == 0:
        nothing = R("nothing paired")
        e.update(meanPre=nothing, meanPost=nothing, meanGain=nothing, medianGain=nothing,
                 sdDifference=nothing, ciLower=nothing, ciUpper=nothing, t=nothing, df=nothing,
                 p=nothing, dz=nothing)
        e["wilcoxon"] = dict(nonZero=0, zeroDifferences=0, wPlus=nothing, wMinus=nothing,
                             statistic=nothing, z=nothing, signedZ=nothing, p=nothing,
                             rankBiserial=nothing)
        e["hake"] = dict(classGain=nothing, meanIndividualGain=nothing, included=0, excluded=0)
        return {"name": name, "pre": [], "post": [], "maximum": maximum, "expected": e}

    e["meanPre"] = V(np.mean(pre))
    e["meanPost"] = V(np.mean(post))
    e["meanGain"] = V(np.mean(d))
    e["medianGain"] = V(np.median(d))
    e["sdDifference"] = V(np.std(d, ddof=1)) if n >= 2 else R("n < 2")

    # t-test, CI and d_z
    reason = None
    if n < 2:
        reason = "n < 2"
    elif np.all(d == 0):
        reason = "all differences are zero"
    elif np.all(d == d[0]):
        reason = "zero variance"
    if reason:
        for key in ("ciLower", "ciUpper", "t", "p", "dz"):
            e[key] = R(reason)
        e["df"] = V(n - 1) if n >= 2 else R(reason)
    else:
        res = stats.ttest_rel(post, pre)
        ci = res.confidence_interval(0.95)
        e["t"] = V(res.statistic)
        e["p"] = V(res.pvalue)
        e["df"] = V(res.df)
        e["ciLower"] = V(ci.low)
        e["ciUpper"] = V(ci.high)
        e["dz"] = V(np.mean(d) / np.std(d, ddof=1))

    # Wilcoxon signed-rank
    nz = d[d != 0]
    w = {"nonZero": int(len(nz)), "zeroDifferences": int(n - len(nz))}
    if len(nz) == 0:
        u = R("all differences are zero")
        w.update(wPlus=u, wMinus=u, statistic=u, z=u, signedZ=u, p=u, rankBiserial=u)
    else:
        ranks = stats.rankdata(np.abs(nz))
        wp = float(ranks[nz > 0].sum())
        wm = float(ranks[nz < 0].sum())
        res = stats.wilcoxon(d, zero_method="wilcox", correction=True,
                             method="asymptotic")
        # signed, continuity-corrected z with the tie correction (hand formula,
        # cross-checked against SciPy's -|z|).
        m = len(nz)
        _, ties = np.unique(ranks, return_counts=True)
        se = math.sqrt((m * (m + 1) * (2 * m + 1) - 0.5 * float(np.sum(ties ** 3 - ties))) / 24)
        z = (wp - m * (m + 1) / 4) / se
        z -= np.sign(z) * 0.5 / se
        assert abs(-abs(z) - float(res.zstatistic)) < 1e-12, (name, z, res.zstatistic)
        assert abs(min(wp, wm) - float(res.statistic)) < 1e-9
        w.update(wPlus=V(wp), wMinus=V(wm), statistic=V(res.statistic), z=V(res.zstatistic),
                 signedZ=V(z), p=V(res.pvalue), rankBiserial=V((wp - wm) / (wp + wm)))
    e["wilcoxon"] = w

    # Hake
    mp, mq = np.mean(pre), np.mean(post)
    h = {}
    h["classGain"] = R("mean pre = maximum") if mp >= maximum else V((mq - mp) / (maximum - mp))
    keep = pre < maximum
    h["included"] = int(keep.sum())
    h["excluded"] = int(n - keep.sum())
    if keep.sum() == 0:
        h["meanIndividualGain"] = R("every pre = maximum")
    else:
        h["meanIndividualGain"] = V(np.mean((post[keep] - pre[keep]) / (maximum - pre[keep])))
    e["hake"] = h
    return {"name": name, "pre": [float(x) for x in pre], "post": [float(x) for x in post],
            "maximum": maximum, "expected": e}


def paired():
    cases = []
    # 20-question tests: percentages in steps of 5, lots of ties and some zeros.
    ability = RNG.normal(0, 1, 35)
    pre = np.clip(np.round((50 + 15 * ability + RNG.normal(0, 8, 35)) / 5) * 5, 0, 100)
    post = np.clip(np.round((62 + 15 * ability + RNG.normal(0, 8, 35)) / 5) * 5, 0, 100)
    cases.append(paired_case("random 35, steps of 5", pre, post))
    # Continuous scores, no ties.
    pre = RNG.uniform(20, 80, 60)
    post = np.clip(pre + RNG.normal(6, 10, 60), 0, 100)
    cases.append(paired_case("random 60 continuous", pre, post))
    # 10-question test, small class, with pre = 100 participants.
    pre = np.array([100, 100, 90, 80, 70, 60, 50, 40, 100, 70, 60, 80], dtype=float)
    post = np.array([100, 90, 100, 90, 70, 80, 70, 40, 100, 90, 60, 100], dtype=float)
    cases.append(paired_case("pre = 100 present", pre, post))
    # Losses dominate.
    pre = RNG.integers(40, 100, 25).astype(float)
    post = pre - RNG.integers(-5, 20, 25)
    cases.append(paired_case("mostly losses", pre, post))
    # Heavy ties in |d|, mixed signs.
    cases.append(paired_case("heavy ties", [50, 50, 60, 60, 70, 70, 80, 40, 30, 20],
                             [60, 40, 70, 50, 80, 60, 90, 50, 40, 20]))
    # Differences exactly balanced: W+ = W-, z = 0, p = 1.
    cases.append(paired_case("balanced", [50, 60, 70, 80], [60, 50, 80, 70]))
    # Thirds of a three-question test (non-representable percentages).
    cases.append(paired_case("thirds", [100 / 3, 200 / 3, 0, 100 / 3, 200 / 3, 100],
                             [200 / 3, 100, 100 / 3, 100 / 3, 100, 100]))
    cases.append(paired_case("empty", [], []))
    cases.append(paired_case("n = 1", [40], [70]))
    cases.append(paired_case("n = 1, pre = 100", [100], [100]))
    cases.append(paired_case("n = 2", [40, 55], [70, 60]))
    cases.append(paired_case("n = 2, one zero", [40, 55], [70, 55]))
    cases.append(paired_case("all zero differences", [30, 50, 70, 90], [30, 50, 70, 90]))
    cases.append(paired_case("constant gain", [30, 50, 70, 80], [40, 60, 80, 90]))
    cases.append(paired_case("constant scores", [60, 60, 60, 60, 60], [80, 80, 80, 80, 80]))
    cases.append(paired_case("all pre = 100", [100, 100, 100], [100, 90, 80]))
    cases.append(paired_case("large n 300", np.round(RNG.uniform(0, 90, 300), 1),
                             np.round(RNG.uniform(10, 100, 300), 1)))
    return cases


# ---------------------------------------------------------------- items

def item_case(name, matrix, policy):
    """matrix: list of rows with True/False/None (rectangular)."""
    k = max((len(r) for r in matrix), default=0)
    rows = [list(r) + [None] * (k - len(r)) for r in matrix]
    if policy == "excludeParticipant":
        kept = [r for r in rows if all(v is not None for v in r)]
    else:
        kept = rows
    excluded = len(rows) - len(kept)
    X = np.array([[1.0 if v is True else 0.0 for v in r] for r in kept], dtype=float).reshape(len(kept), k)
    n = X.shape[0]
    totals = X.sum(axis=1) if n else np.zeros(0)
    items = []
    for j in range(k):
        answered = sum(1 for r in kept if r[j] is not None)
        correct = sum(1 for r in kept if r[j] is True)
        if n == 0:
            disc = R("n = 0")
        elif n < 2:
            disc = R("n < 2")
        elif np.all(X[:, j] == X[0, j]):
            disc = R("constant item score")
        else:
            rest = totals - X[:, j]
            if np.all(rest == rest[0]):
                disc = R("constant rest score")
            else:
                disc = V(np.corrcoef(X[:, j], rest)[0, 1])
                r2 = stats.pearsonr(X[:, j], rest).statistic
                assert abs(r2 - disc["value"]) < 1e-12
        items.append({
            "answered": answered, "correct": correct,
            "facility": V(correct / n) if n else R("n = 0"),
            "facilityAmongAnswered": V(correct / answered) if answered else R("n = 0"),
            "discrimination": disc,
        })
    if k < 2:
        kr = R("k < 2")
    elif n == 0:
        kr = R("n = 0")
    elif n < 2:
        kr = R("n < 2")
    else:
        var = np.var(totals, ddof=0)
        if var == 0:
            kr = R("zero variance of totals")
        else:
            p = X.mean(axis=0)
            kr = V(k / (k - 1) * (1 - np.sum(p * (1 - p)) / var))
            # Cross-check: Cronbach's alpha with sample variances is the same number.
            alpha = k / (k - 1) * (1 - np.sum(np.var(X, axis=0, ddof=1)) / np.var(totals, ddof=1))
            assert abs(alpha - kr["value"]) < 1e-12
    e = {
        "participants": n, "excludedParticipants": excluded, "itemCount": k, "items": items,
        "meanTotal": V(np.mean(totals)) if n else R("n = 0"),
        "sdTotal": V(np.std(totals, ddof=1)) if n >= 2 else R("n = 0" if n == 0 else "n < 2"),
        "kr20": kr,
    }
    return {"name": name, "policy": policy, "matrix": rows, "expected": e}


def simulate(n, k, shift=0.0, missing=0.0, theta=None, difficulty=None):
    theta = RNG.normal(0, 1, n) if theta is None else theta
    difficulty = RNG.normal(0, 1, k) if difficulty is None else difficulty
    prob = 1 / (1 + np.exp(-(theta[:, None] + shift - difficulty[None, :])))
    correct = RNG.uniform(size=(n, k)) < prob
    rows = []
    for i in range(n):
        row = []
        for j in range(k):
            row.append(None if RNG.uniform() < missing else bool(correct[i, j]))
        rows.append(row)
    return rows


def items():
    cases = []
    m = simulate(40, 12, missing=0.05)
    cases.append(item_case("random 40x12 with missing", m, "incorrect"))
    cases.append(item_case("random 40x12 with missing", m, "excludeParticipant"))
    cases.append(item_case("random 120x25", simulate(120, 25), "incorrect"))
    c = simulate(15, 6)
    for r in c:
        r[2] = True  # an item everybody gets right
    cases.append(item_case("constant item", c, "incorrect"))
    cases.append(item_case("one participant", [[True, False, True]], "incorrect"))
    cases.append(item_case("two participants", [[True, False, True], [False, False, True]], "incorrect"))
    cases.append(item_case("identical rows", [[True, False, True]] * 4, "incorrect"))
    cases.append(item_case("single item", [[True], [False], [True]], "incorrect"))
    cases.append(item_case("no participants", [], "incorrect"))
    cases.append(item_case("all missing one row", [[None, None, None], [True, False, True],
                                                     [False, True, True], [True, True, True]],
                           "excludeParticipant"))
    cases.append(item_case("negative reliability", [[True, False], [False, True], [True, False],
                                                      [False, True], [True, True]], "incorrect"))
    return cases


# ---------------------------------------------------------------- McNemar

def mcnemar_expected(pre, post):
    out = []
    k = len(pre[0]) if pre else 0
    for j in range(k):
        b = c = pairs = 0
        for i in range(min(len(pre), len(post))):
            x, y = pre[i][j], post[i][j]
            if x is None or y is None:
                continue
            pairs += 1
            b += x and not y
            c += (not x) and y
        out.append(mcnemar_from_counts(b, c, pairs))
    return out


def mcnemar_from_counts(b, c, pairs):
    if b + c == 0:
        u = R("nothing paired" if pairs == 0 else "no discordant pairs")
        return {"pairs": pairs, "b": b, "c": c, "method": "none", "statistic": u, "p": u}
    if b + c < 25:
        return {"pairs": pairs, "b": b, "c": c, "method": "exactBinomial",
                "statistic": V(min(b, c)), "p": V(stats.binomtest(b, b + c, 0.5).pvalue)}
    stat = (abs(b - c) - 1) ** 2 / (b + c)
    return {"pairs": pairs, "b": b, "c": c, "method": "chiSquareContinuity",
            "statistic": V(stat), "p": V(stats.chi2.sf(stat, 1))}


def mcnemar():
    theta = RNG.normal(0, 1, 90)
    difficulty = np.array([-2.0, -1.0, -0.5, 0.0, 0.3, 0.8, 1.2, 2.0, 0.0, -3.0])
    pre = simulate(90, 10, theta=theta, difficulty=difficulty, missing=0.03)
    post = simulate(90, 10, shift=0.9, theta=theta, difficulty=difficulty, missing=0.03)
    small_pre = simulate(12, 5, theta=theta[:12], difficulty=difficulty[:5])
    small_post = simulate(12, 5, shift=0.5, theta=theta[:12], difficulty=difficulty[:5])
    matrices = [
        {"name": "random 90x10", "pre": pre, "post": post, "expected": mcnemar_expected(pre, post)},
        {"name": "random 12x5", "pre": small_pre, "post": small_post,
         "expected": mcnemar_expected(small_pre, small_post)},
        {"name": "unchanged", "pre": [[True, False]] * 3, "post": [[True, False]] * 3,
         "expected": mcnemar_expected([[True, False]] * 3, [[True, False]] * 3)},
    ]
    methods = {r["method"] for m in matrices for r in m["expected"]}
    assert {"exactBinomial", "chiSquareContinuity", "none"} <= methods, methods
    counts = [mcnemar_from_counts(b, c, b + c + 7) for b, c in
              [(0, 0), (0, 1), (3, 10), (12, 12), (11, 13), (12, 13), (13, 12), (20, 4),
               (30, 10), (25, 0), (0, 60), (40, 41)]]
    return {"matrices": matrices, "counts": counts}


# ---------------------------------------------------------------- ratings

def rating_case(name, ratings):
    valid = [r for r in ratings if r is not None and 1 <= r <= 5]
    n = len(valid)
    v = np.asarray(valid, dtype=float)
    return {
        "name": name, "ratings": ratings,
        "expected": {
            "counts": [int(np.sum(v == s)) for s in range(1, 6)],
            "n": n,
            "missing": sum(1 for r in ratings if r is None),
            "outOfRange": sum(1 for r in ratings if r is not None and not 1 <= r <= 5),
            "mean": V(np.mean(v)) if n else R("n = 0"),
            "median": V(np.median(v)) if n else R("n = 0"),
            "sd": V(np.std(v, ddof=1)) if n >= 2 else R("n = 0" if n == 0 else "n < 2"),
        },
    }


def ratings():
    r = [int(x) for x in RNG.choice([1, 2, 3, 4, 5], size=47, p=[0.05, 0.1, 0.2, 0.4, 0.25])]
    mixed = r[:20] + [None, 0, 6, None] + r[20:]
    return [
        rating_case("random 47", r),
        rating_case("mixed with missing and out of range", mixed),
        rating_case("empty", []),
        rating_case("only missing", [None, None]),
        rating_case("one", [4]),
        rating_case("constant", [5, 5, 5]),
    ]


def main():
    ref = {
        "generator": {"scipy": scipy.__version__, "numpy": np.__version__, "seed": 20261202},
        "distributions": distributions(),
        "descriptives": descriptives(),
        "paired": paired(),
        "items": items(),
        "mcnemar": mcnemar(),
        "ratings": ratings(),
    }
    path = os.path.join(HERE, "reference.json")
    with open(path, "w") as f:
        json.dump(ref, f, indent=1, allow_nan=False)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
