#!/usr/bin/python3
"""Regenerates the exact-W1 reference fixtures with POT.

Run with Debian's interpreter (the packages come from apt: python3-pot python3-numpy):
    /usr/bin/python3 tests/GanBench.Core.Tests/Fixtures/w1/make_fixtures.py

Coordinates are rounded to 6 decimals before anything is computed, so the CSV text is exactly
the data POT saw and the C# side parses the same doubles. Expected values come from
ot.emd2(uniform, uniform, ot.dist(x, y, metric='euclidean')). ot.dist computes Euclidean
distances through |x|^2 + |y|^2 - 2 x.y, which loses ~1e-8 absolute on near-zero distances, so
the value from a directly computed cost matrix is recorded too, as a cross-check.
"""
import json
import os
import sys
import time

import numpy as np
import ot

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)


def gaussian(n, mean, std):
    return rng.normal(size=(n, 2)) * std + np.asarray(mean, dtype=float)


def ring(n, radius=2.0, modes=8, std=0.02):
    centres = np.array([[radius * np.cos(2 * np.pi * k / modes), radius * np.sin(2 * np.pi * k / modes)]
                        for k in range(modes)])
    return centres[rng.integers(0, modes, size=n)] + rng.normal(size=(n, 2)) * std


def with_duplicates(n_distinct, copies):
    base = gaussian(n_distinct, (0, 0), 1.0)
    return np.repeat(base, copies, axis=0)


CASES = {
    "shifted_gaussians_200": lambda: (gaussian(200, (0, 0), 1.0), gaussian(200, (1.5, -0.5), 1.0)),
    "unequal_1_vs_3": lambda: (gaussian(1, (0, 0), 1.0), gaussian(3, (1, 1), 1.0)),
    "unequal_50_vs_80": lambda: (gaussian(50, (0, 0), 1.0), gaussian(80, (0.5, 0.5), 0.7)),
    "unequal_300_vs_170": lambda: (ring(300), gaussian(170, (0.3, 0), 1.2)),
    "duplicates_60_vs_90": lambda: (with_duplicates(20, 3), np.concatenate([with_duplicates(30, 2), gaussian(30, (0.2, 0.1), 1.0)])),
    "collapsed_vs_ring_150": lambda: (np.tile([[0.3, -0.2]], (150, 1)), ring(150)),
    "far_apart_clouds_120": lambda: (gaussian(120, (-50, 20), 0.5), gaussian(120, (60, -40), 2.0)),
    "ring_vs_gaussian_500": lambda: (ring(500), gaussian(500, (0, 0), 1.0)),
    "ring_vs_gaussian_4096": lambda: (ring(4096), gaussian(4096, (0.25, 0), 1.0)),
}


def write_points(path, points):
    with open(path, "w") as f:
        f.write("x,y\n")
        for x, y in points:
            f.write(f"{x!r},{y!r}\n")


def main():
    expected = {}
    for name, make in CASES.items():
        a, b = make()
        a, b = np.round(a, 6), np.round(b, 6)
        write_points(os.path.join(HERE, f"{name}_a.csv"), a)
        write_points(os.path.join(HERE, f"{name}_b.csv"), b)
        wa = np.full(len(a), 1.0 / len(a))
        wb = np.full(len(b), 1.0 / len(b))
        start = time.perf_counter()
        value = ot.emd2(wa, wb, ot.dist(a, b, metric="euclidean"), numItermax=100_000_000)
        seconds = time.perf_counter() - start
        direct = np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1))
        value_direct = ot.emd2(wa, wb, direct, numItermax=100_000_000)
        expected[name] = {"n_a": len(a), "n_b": len(b), "w1": float(value),
                          "w1_direct_costs": float(value_direct)}
        print(f"{name}: {value!r} (direct {value_direct!r}) in {seconds:.3f}s", file=sys.stderr)
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump({"generator": "make_fixtures.py", "pot_version": ot.__version__, "cases": expected},
                  f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
