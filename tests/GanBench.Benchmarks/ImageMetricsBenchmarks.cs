using BenchmarkDotNet.Attributes;
using GanBench.Core.Metrics;

namespace GanBench.Benchmarks;

/// <summary>
/// The image metrics at the size one evaluation scores: 10,000 real against 10,000 generated
/// feature vectors. 128 is a small classifier's penultimate layer, 384 a wide one. The fake set is
/// shifted and widened so that every branch of the PRDC comparisons is taken.
/// </summary>
[MemoryDiagnoser]
public class ImageMetricsBenchmarks
{
    private const int Count = 10_000;
    private float[] _real = [];
    private float[] _fake = [];
    private GaussianStatistics? _realStatistics;

    [Params(128, 384)]
    public int Dim { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var generator = new BenchmarkGaussian(3);
        _real = new float[Count * Dim];
        _fake = new float[Count * Dim];
        for (int t = 0; t < _real.Length; t++) _real[t] = (float)generator.Next();
        // Scaled so that the two clouds overlap at this dimension: precision, recall and coverage
        // all land strictly between 0 and 1.
        double shift = 0.5 / Math.Sqrt(Dim);
        for (int t = 0; t < _fake.Length; t++) _fake[t] = (float)(shift + 1.02 * generator.Next());
        _realStatistics = FrechetDistance.Fit(_real, Count, Dim);
    }

    /// <summary>Per evaluation: fit the generated set, compare with the real statistics fitted once per trial.</summary>
    [Benchmark]
    public double FrechetFitFakeAndCompute() => FrechetDistance.Compute(_realStatistics!, FrechetDistance.Fit(_fake, Count, Dim));

    [Benchmark]
    public ManifoldScores ManifoldPrdc() => ManifoldMetrics.Compute(_real, Count, _fake, Count, Dim);
}
