#!/usr/bin/python3
"""Regenerates expected.json, the scipy/statsmodels reference values for the Statistics tests.

A tool for maintainers; the tests only read expected.json. Run with Debian's interpreter
(apt-get install -y python3-scipy python3-statsmodels python3-numpy):
    /usr/bin/python3 tests/GanBench.Core.Tests/Fixtures/statistics/make_fixtures.py

Cases:
  trim_mean     scipy.stats.trim_mean(x, 0.25), rliable's interquartile mean, n = 1..12, with ties.
  mannwhitneyu  scipy.stats.mannwhitneyu(x, y, alternative=a) with the defaults method='auto' and
                use_continuity=True, for every alternative. "method" records which branch scipy's
                _mwu_choose_method took (exact iff no ties and not both sizes > 8), so a failure
                says whether the branch or the arithmetic differs.
  multipletests statsmodels.stats.multitest.multipletests(p, method=m)[1] for m in holm, fdr_bh.
  smallest_p    the p-value of completely separated samples, x all above y.

Inputs are rounded to at most 3 decimals or drawn as integers so that ties are real ties, and all
floats are written with repr, so both sides parse the same doubles.
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.stats
import statsmodels
from scipy.stats._mannwhitneyu import _mwu_choose_method
from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(os.path.abspath(__file__))
ALTERNATIVES = ("two-sided", "greater", "less")


def trim_mean_cases(rng):
    cases = []
    for n in range(1, 13):
        cases.append({"name": f"normal_{n}", "x": list(np.round(rng.normal(5, 2, n), 3))})
        cases.append({"name": f"ties_{n}", "x": [float(v) for v in rng.integers(0, 4, n)]})
    cases.append({"name": "constant_7", "x": [0.1] * 7})
    cases.append({"name": "outliers_8", "x": [1e6, -1e6, 1.0, 2.0, 3.0, 4.0, 5e5, -5e5]})
    cases.append({"name": "sorted_descending_10", "x": [float(v) for v in range(10, 0, -1)]})
    for c in cases:
        c["x"] = [float(v) for v in c["x"]]
        c["expected"] = float(scipy.stats.trim_mean(c["x"], 0.25))
    return cases


def mwu_pairs(rng):
    pairs = []

    def add(name, x, y):
        pairs.append((name, [float(v) for v in x], [float(v) for v in y]))

    for n1, n2 in [(1, 1), (1, 5), (2, 3), (3, 3), (4, 6), (5, 5), (7, 7), (8, 8), (6, 9), (8, 20),
                   (3, 30), (9, 9), (10, 10), (12, 15), (20, 20), (30, 30), (25, 11)]:
        add(f"normal_{n1}x{n2}", np.round(rng.normal(0.5, 1, n1), 3), np.round(rng.normal(0, 1, n2), 3))
    for n1, n2 in [(3, 4), (5, 5), (8, 8), (10, 10), (15, 12), (30, 30)]:
        # modes_covered-like counts: heavy ties, so scipy goes asymptotic with tie correction
        add(f"ties_{n1}x{n2}", rng.integers(5, 9, n1), rng.integers(4, 9, n2))
    add("separated_5x5", [6, 7, 8, 9, 10], [1, 2, 3, 4, 5])
    add("separated_below_5x5", [1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    add("separated_10x10", np.arange(11, 21), np.arange(1, 11))
    add("interleaved_4x4", [1, 3, 5, 7], [2, 4, 6, 8])
    add("u_at_centre_2x2", [1, 4], [2, 3])
    add("all_tied_6x6", [8] * 6, [8] * 6)
    add("one_tie_across_3x3", [1, 2, 5], [5, 6, 7])
    add("tie_within_x_only_4x4", [1, 1, 3, 9], [2, 4, 5, 6])
    add("saturated_vs_one_drop_10x10", [8] * 10, [8] * 9 + [7])
    add("shift_large_30x30", np.round(rng.normal(2, 1, 30), 3), np.round(rng.normal(0, 1, 30), 3))
    return pairs


def mannwhitneyu_cases(rng):
    cases = []
    for name, x, y in mwu_pairs(rng):
        method = _mwu_choose_method(len(x), len(y), np.concatenate((x, y)), "auto")
        for alternative in ALTERNATIVES:
            r = scipy.stats.mannwhitneyu(x, y, alternative=alternative)
            cases.append({"name": f"{name}_{alternative}", "x": x, "y": y, "alternative": alternative,
                          "method": method, "u1": float(r.statistic), "p": float(r.pvalue)})
    return cases


def multipletests_cases(rng):
    vectors = {
        "single": [0.03],
        "single_one": [1.0],
        "textbook_5": [0.01, 0.04, 0.03, 0.005, 0.2],
        "ties": [0.02, 0.02, 0.02, 0.5, 0.01, 0.01],
        "with_ones": [1.0, 0.001, 1.0, 0.04, 0.3],
        "with_zero": [0.0, 0.5, 0.049, 0.051],
        "all_large": [0.6, 0.9, 0.7, 0.8],
        "uniform_20": list(np.round(rng.uniform(0, 1, 20), 4)),
        "small_12": list(np.round(rng.uniform(0, 0.05, 12), 5)),
    }
    cases = []
    for name, p in vectors.items():
        p = [float(v) for v in p]
        for method in ("holm", "fdr_bh"):
            adjusted = multipletests(p, alpha=0.05, method=method)[1]
            cases.append({"name": f"{name}_{method}", "method": method, "p": p,
                          "adjusted": [float(v) for v in adjusted]})
    return cases


def smallest_p_cases():
    cases = []
    for n1, n2 in [(1, 1), (2, 2), (3, 3), (5, 5), (3, 7), (8, 8), (8, 40), (9, 9), (10, 10), (20, 20)]:
        x, y = np.arange(n2 + 1, n2 + n1 + 1), np.arange(1, n2 + 1)
        for alternative in ("two-sided", "greater"):
            p = scipy.stats.mannwhitneyu(x, y, alternative=alternative).pvalue
            cases.append({"n1": n1, "n2": n2, "alternative": alternative, "p": float(p)})
    return cases


def main():
    rng = np.random.default_rng(20240611)
    fixtures = {
        "generator": "make_fixtures.py",
        "scipy_version": scipy.__version__,
        "statsmodels_version": statsmodels.__version__,
        "trim_mean": trim_mean_cases(rng),
        "mannwhitneyu": mannwhitneyu_cases(rng),
        "multipletests": multipletests_cases(rng),
        "smallest_p": smallest_p_cases(),
    }
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(fixtures, f, indent=1)
        f.write("\n")
    for key in ("trim_mean", "mannwhitneyu", "multipletests", "smallest_p"):
        print(f"{key}: {len(fixtures[key])} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
