#!/usr/bin/python3
"""Times POT's exact W1 on the inputs of WassersteinExactBenchmarks (same generator, same seed).

    /usr/bin/python3 tests/GanBench.Benchmarks/pot_wasserstein_timing.py [n ...]
"""
import math
import sys
import time

import numpy as np
import ot

MASK = (1 << 64) - 1


class BenchmarkGaussian:
    def __init__(self, seed):
        self.state = seed & MASK

    def next_uint64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next(self):
        u1 = ((self.next_uint64() >> 11) + 1) * (1.0 / (1 << 53))
        u2 = ((self.next_uint64() >> 11) + 1) * (1.0 / (1 << 53))
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def ring_versus_blob(n, seed):
    g = BenchmarkGaussian(seed)
    real = np.empty((n, 2))
    for i in range(n):
        mode = g.next_uint64() % 8
        angle = 2 * math.pi * mode / 8
        real[i, 0] = 2 * math.cos(angle) + 0.02 * g.next()
        real[i, 1] = 2 * math.sin(angle) + 0.02 * g.next()
    fake = np.empty((n, 2))
    for i in range(n):
        fake[i, 0] = 0.25 + g.next()
        fake[i, 1] = g.next()
    return real, fake


def main():
    sizes = [int(s) for s in sys.argv[1:]] or [1024, 2048, 4096]
    for n in sizes:
        real, fake = ring_versus_blob(n, seed=1)
        w = np.full(n, 1.0 / n)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            value = ot.emd2(w, w, ot.dist(real, fake, metric="euclidean"), numItermax=100_000_000)
            times.append(time.perf_counter() - start)
        print(f"n={n}: W1={value!r} POT emd2 (incl. ot.dist) best {min(times):.3f}s, mean {sum(times)/len(times):.3f}s")


if __name__ == "__main__":
    main()
