namespace GanBench.Core.Statistics;

public enum BootstrapStatistic { InterquartileMean, Mean }

/// <param name="Estimate">The statistic on the original data.</param>
/// <param name="Level">Coverage the interval was built for, e.g. 0.95.</param>
public sealed record ConfidenceInterval(double Estimate, double Lower, double Upper, double Level);

/// <summary>Percentile bootstrap intervals, seeded so that a nightly report is reproducible.</summary>
/// <remarks>
/// Conventions, chosen to match rliable's use of arch's StratifiedBootstrap(...).conf_int(method='percentile'):
/// each resample draws every group with replacement at its own size (stratified by group, so X and Y
/// never borrow each other's values); the bounds are the (1 − level)/2 and (1 + level)/2 quantiles of
/// the resampled statistics with numpy's default linear interpolation between order statistics.
/// Reproducibility: one System.Random(seed) per call, whose seeded sequence .NET keeps stable across
/// versions; each resample draws all n1 indices of X, then all n2 of Y, with Random.Next(n).
/// </remarks>
public static class Bootstrap
{
    public const int DefaultResamples = 10_000;
    public const double DefaultLevel = 0.95;

    /// <summary>Interval for the statistic of one sample.</summary>
    public static ConfidenceInterval Ci(IReadOnlyList<double> sample, int seed,
        BootstrapStatistic statistic = BootstrapStatistic.InterquartileMean,
        int resamples = DefaultResamples, double level = DefaultLevel)
    {
        SampleGuard.RequireFiniteNonEmpty(sample, nameof(sample));
        var single = Of(statistic);
        // Y = [0] and stat(Y) is never used, so one-sample and two-sample runs share the resampler.
        return Resample(sample, [0.0], (x, _) => single(x), seed, resamples, level);
    }

    /// <summary>Interval for stat(X) − stat(Y) of two independent samples (tonight X, reference Y).</summary>
    public static ConfidenceInterval StratifiedCi(IReadOnlyList<double> x, IReadOnlyList<double> y, int seed,
        BootstrapStatistic statistic = BootstrapStatistic.InterquartileMean,
        int resamples = DefaultResamples, double level = DefaultLevel)
    {
        var single = Of(statistic);
        return StratifiedCi(x, y, (a, b) => single(a) - single(b), seed, resamples, level);
    }

    /// <summary>Interval for any statistic of two independent samples, e.g. the probability of improvement.</summary>
    /// <param name="statistic">Receives scratch buffers that are refilled for every resample; it may
    /// reorder them (the IQM sorts in place) but must not keep them.</param>
    public static ConfidenceInterval StratifiedCi(IReadOnlyList<double> x, IReadOnlyList<double> y,
        Func<double[], double[], double> statistic, int seed,
        int resamples = DefaultResamples, double level = DefaultLevel)
    {
        SampleGuard.RequireFiniteNonEmpty(x, nameof(x));
        SampleGuard.RequireFiniteNonEmpty(y, nameof(y));
        ArgumentNullException.ThrowIfNull(statistic);
        return Resample(x, y, statistic, seed, resamples, level);
    }

    private static ConfidenceInterval Resample(IReadOnlyList<double> x, IReadOnlyList<double> y,
        Func<double[], double[], double> statistic, int seed, int resamples, double level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        SampleGuard.RequireProbability(level, nameof(level));
        // Copies for the estimate, because the statistic may sort its arguments and resampling must
        // index the caller's order for the documented draw sequence to hold.
        double estimate = statistic(x.ToArray(), y.ToArray());
        double[] xSource = x.ToArray(), ySource = y.ToArray();

        var random = new Random(seed);
        var xs = new double[x.Count];
        var ys = new double[y.Count];
        var replicates = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < xs.Length; i++) xs[i] = xSource[random.Next(xs.Length)];
            for (int j = 0; j < ys.Length; j++) ys[j] = ySource[random.Next(ys.Length)];
            replicates[b] = statistic(xs, ys);
        }
        Array.Sort(replicates);
        double tail = (1.0 - level) / 2.0;
        return new ConfidenceInterval(estimate, Quantile(replicates, tail), Quantile(replicates, 1.0 - tail), level);
    }

    /// <summary>numpy.quantile(sorted, q) with method='linear' (Hyndman–Fan type 7).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int below = (int)Math.Floor(h);
        if (below >= sorted.Length - 1) return sorted[^1];
        double t = h - below, a = sorted[below], b = sorted[below + 1];
        // numpy interpolates from the nearer end so the result stays monotone in q; equal neighbours
        // give exactly their value, so a constant sample gives a degenerate interval.
        return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1.0 - t);
    }

    private static Func<double[], double> Of(BootstrapStatistic statistic) => statistic switch
    {
        BootstrapStatistic.InterquartileMean => RobustStatistics.InterquartileMeanInPlace,
        BootstrapStatistic.Mean => RobustStatistics.Mean,
        _ => throw new ArgumentOutOfRangeException(nameof(statistic), statistic, null),
    };
}
