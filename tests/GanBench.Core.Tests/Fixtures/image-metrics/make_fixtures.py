#!/usr/bin/python3
"""Regenerates the FCD and PRDC reference fixtures for ImageMetricsReferenceTests.

Run with Debian's interpreter (numpy and scipy from apt):
    /usr/bin/python3 tests/GanBench.Core.Tests/Fixtures/image-metrics/make_fixtures.py

Features are rounded to 4 decimals and written with exactly those digits; both sides parse the
text to the nearest float32 and compute on those values in float64, so they see the same data.

FCD is computed the pytorch-fid way (scipy.linalg.sqrtm of sigma1 @ sigma2, real part, trace;
np.cov, i.e. n - 1), in float64 throughout. The eigenvalue form sum(Re sqrt(eig(sigma1 @ sigma2)))
the C# code uses is recorded too; the two agree to `fcd_reference_spread`, which is what the test's
tolerance may not be tighter than.

PRDC is a brute-force transcription of the `prdc` package (Naeem et al. 2020, which builds on
Kynkaanniemi et al. 2019), without sklearn: full distance matrices, the k-th nearest neighbour
via np.partition with self at distance 0 (kth index k), strict <. Precision/recall use k_pr and
density/coverage k_dc, where prdc uses one k for all four.

The C# side computes distances in float32, so a comparison may only flip when a distance is
within ~1e-6 (relative) of a radius: a case is redrawn (deterministically, from the same generator)
until its smallest relative gap between a squared distance and the squared radius it is compared
with is at least MIN_RELATIVE_GAP, ten times that.
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.linalg

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_RELATIVE_GAP = 1e-5


def features(rng, n, dim, mean=0.0, scale=1.0):
    x = rng.normal(size=(n, dim)) * scale + mean
    return np.round(x, 4)


def case_gaussians_16d(rng):
    real = features(rng, 300, 16)
    fake = features(rng, 250, 16, mean=0.3, scale=np.linspace(0.8, 1.4, 16))
    return real, fake, 3, 5


def case_same_distribution_16d(rng):
    return features(rng, 200, 16), features(rng, 200, 16), 3, 5


def case_collapsed_fake_8d(rng):
    real = features(rng, 120, 8)
    # Every fake is the same point, slightly off the real mean: all fake radii are exactly 0.
    fake = np.tile(features(rng, 1, 8, scale=0.2), (60, 1))
    return real, fake, 3, 5


def case_tiny_3d(rng):
    return features(rng, 12, 3, scale=2.0), features(rng, 10, 3, mean=0.5, scale=2.0), 3, 5


def case_other_k_23d(rng):
    # Counts and dim that fill neither a 6-row tile nor a 16-column panel, and other k.
    real = features(rng, 97, 23, mean=1.5)
    fake = features(rng, 113, 23, mean=1.7, scale=1.1)
    return real, fake, 1, 7


def case_fewer_samples_than_dims_64d(rng):
    # Singular covariances: sigma1 @ sigma2 has ~30 round-off eigenvalues, some negative or complex.
    return features(rng, 40, 64), features(rng, 50, 64, mean=0.1, scale=1.3), 3, 5


CASES = {
    "gaussians_16d_300_vs_250": case_gaussians_16d,
    "same_distribution_16d_200_vs_200": case_same_distribution_16d,
    "collapsed_fake_8d_120_vs_60": case_collapsed_fake_8d,
    "tiny_3d_12_vs_10": case_tiny_3d,
    "other_k_23d_97_vs_113": case_other_k_23d,
    "fewer_samples_than_dims_64d_40_vs_50": case_fewer_samples_than_dims_64d,
}


def fcd(real, fake):
    mu1, mu2 = real.mean(axis=0), fake.mean(axis=0)
    s1, s2 = np.cov(real, rowvar=False), np.cov(fake, rowvar=False)
    diff = mu1 - mu2
    covmean, _ = scipy.linalg.sqrtm(s1.dot(s2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * 1e-6
        covmean = scipy.linalg.sqrtm((s1 + offset).dot(s2 + offset))
    covmean = np.real(covmean)
    sqrtm_value = diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)
    eig = np.linalg.eigvals(s1.dot(s2)).astype(complex)
    eig_value = diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(eig).real.sum()
    return float(sqrtm_value), float(eig_value)


def distances(x, y):
    return np.linalg.norm(x[:, None, :] - y[None, :, :], axis=-1)


def kth_neighbour_radii(x, k):
    # prdc.compute_nearest_neighbour_distances: k + 1 smallest including self (0), take the largest.
    return np.partition(distances(x, x), k, axis=-1)[:, k]


def prdc(real, fake, k_pr, k_dc):
    real_r_pr = kth_neighbour_radii(real, k_pr)
    real_r_dc = kth_neighbour_radii(real, k_dc)
    fake_r_pr = kth_neighbour_radii(fake, k_pr)
    d = distances(real, fake)
    in_real_pr = d < real_r_pr[:, None]
    in_fake_pr = d < fake_r_pr[None, :]
    in_real_dc = d < real_r_dc[:, None]
    counts = {
        "precise_fakes": int(in_real_pr.any(axis=0).sum()),
        "recalled_reals": int(in_fake_pr.any(axis=1).sum()),
        "density_hits": int(in_real_dc.sum()),
        "covered_reals": int((d.min(axis=1) < real_r_dc).sum()),
    }
    scores = {
        "precision": float(in_real_pr.any(axis=0).mean()),
        "recall": float(in_fake_pr.any(axis=1).mean()),
        "density": float((1.0 / float(k_dc)) * in_real_dc.sum(axis=0).mean()),
        "coverage": float((d.min(axis=1) < real_r_dc).mean()),
    }
    d2 = d ** 2
    gaps = []
    for radii, shape in ((real_r_pr, (-1, 1)), (real_r_dc, (-1, 1)), (fake_r_pr, (1, -1))):
        r2 = (radii ** 2).reshape(shape)
        positive = np.broadcast_to(r2 > 0, d2.shape)
        if positive.any():
            gaps.append(np.min(np.abs(d2 - r2)[positive] / np.broadcast_to(r2, d2.shape)[positive]))
    return scores, counts, float(min(gaps))


def write_features(path, x):
    with open(path, "w") as f:
        for row in x:
            f.write(",".join(f"{v:.4f}" for v in row))
            f.write("\n")


def main():
    rng = np.random.default_rng(20250301)
    expected = {}
    for name, make in CASES.items():
        for attempt in range(1, 21):
            written_real, written_fake, k_pr, k_dc = make(rng)
            # What the C# side parses: the nearest float32 to each written decimal.
            real = written_real.astype(np.float32).astype(np.float64)
            fake = written_fake.astype(np.float32).astype(np.float64)
            scores, counts, gap = prdc(real, fake, k_pr, k_dc)
            if gap >= MIN_RELATIVE_GAP:
                break
            print(f"{name}: draw {attempt} has a distance within {gap:.1e} of a radius; drawing again",
                  file=sys.stderr)
        else:
            sys.exit(f"{name}: no draw kept every distance {MIN_RELATIVE_GAP} away from the radii")
        write_features(os.path.join(HERE, f"{name}_real.csv"), written_real)
        write_features(os.path.join(HERE, f"{name}_fake.csv"), written_fake)
        fcd_sqrtm, fcd_eig = fcd(real, fake)
        spread = abs(fcd_sqrtm - fcd_eig) / abs(fcd_sqrtm)
        expected[name] = {
            "dim": real.shape[1], "n_real": len(real), "n_fake": len(fake), "k_pr": k_pr, "k_dc": k_dc,
            "fcd": fcd_sqrtm, "fcd_eigenvalue_form": fcd_eig, "fcd_reference_spread": spread,
            **scores, "counts": counts, "min_relative_gap_to_radius": gap,
        }
        print(f"{name}: fcd {fcd_sqrtm!r} (eig {fcd_eig!r}, spread {spread:.1e}) {scores} gap {gap:.1e}",
              file=sys.stderr)
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump({"generator": "make_fixtures.py", "numpy_version": np.__version__,
                   "scipy_version": scipy.__version__, "cases": expected}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
