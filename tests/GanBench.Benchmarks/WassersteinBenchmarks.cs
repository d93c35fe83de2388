using BenchmarkDotNet.Attributes;
using GanBench.Core.Metrics;

namespace GanBench.Benchmarks;

/// <summary>
/// Exact W1 on the kind of pair the harness scores: a ring-of-8-Gaussians "real" sample against a
/// blob-shaped "fake" one. The data is reproduced bit-for-bit by pot_wasserstein_timing.py, so POT
/// can be timed on the same inputs.
/// </summary>
[MemoryDiagnoser]
public class WassersteinExactBenchmarks
{
    private double[] _real = [];
    private double[] _fake = [];

    [Params(1024, 2048, 4096)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => (_real, _fake) = WassersteinBenchmarkData.RingVersusBlob(N, seed: 1);

    [Benchmark]
    public double Exact() => Wasserstein.Exact(_real, _fake, 2);
}

[MemoryDiagnoser]
public class WassersteinSlicedBenchmarks
{
    private const int N = 2048;
    private double[] _real = [];
    private double[] _fake = [];

    /// <summary>2 is the toy-data case; 784 is an MNIST-sized image flattened.</summary>
    [Params(2, 784)]
    public int Dim { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Dim == 2)
        {
            (_real, _fake) = WassersteinBenchmarkData.RingVersusBlob(N, seed: 1);
            return;
        }
        var generator = new BenchmarkGaussian(2);
        _real = Enumerable.Range(0, N * Dim).Select(_ => generator.Next()).ToArray();
        _fake = Enumerable.Range(0, N * Dim).Select(_ => 0.1 + 1.2 * generator.Next()).ToArray();
    }

    [Benchmark]
    public double Sliced() => Wasserstein.Sliced(_real, _fake, Dim, directions: 128, seed: 0);
}

public static class WassersteinBenchmarkData
{
    /// <summary>Row-major 2-D samples: ring of 8 modes (radius 2, std 0.02) and N((0.25, 0), I).</summary>
    public static (double[] Real, double[] Fake) RingVersusBlob(int n, int seed)
    {
        var generator = new BenchmarkGaussian(seed);
        var real = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            int mode = (int)(generator.NextUInt64() % 8);
            double angle = 2 * Math.PI * mode / 8;
            real[2 * i] = 2 * Math.Cos(angle) + 0.02 * generator.Next();
            real[2 * i + 1] = 2 * Math.Sin(angle) + 0.02 * generator.Next();
        }
        var fake = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            fake[2 * i] = 0.25 + generator.Next();
            fake[2 * i + 1] = generator.Next();
        }
        return (real, fake);
    }
}

/// <summary>SplitMix64 + Box–Muller without the spare value, simple enough to mirror in Python.</summary>
public sealed class BenchmarkGaussian(int seed)
{
    private ulong _state = (ulong)seed;

    public ulong NextUInt64() => GanBench.Core.Metrics.SplitMix64.Mix(unchecked(_state += GanBench.Core.Metrics.SplitMix64.Increment));

    public double Next()
    {
        double u1 = ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));
        double u2 = ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
