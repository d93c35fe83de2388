namespace GanBench.Core.Statistics;

/// <summary>Location statistics that a single diverged seed cannot drag around.</summary>
public static class RobustStatistics
{
    public const double InterquartileTrim = 0.25;

    /// <summary>Interquartile mean (IQM), rliable's headline aggregate (Agarwal et al. 2021).</summary>
    /// <remarks>
    /// Convention: scipy.stats.trim_mean(x, 0.25), which rliable calls. floor(0.25·n) values are cut
    /// from each end of the sorted sample and the rest are averaged, so nothing is interpolated and
    /// no value is weighted fractionally. Consequences worth knowing: n ≤ 3 cuts nothing (the IQM
    /// is the mean), n = 4..7 cuts one value per end, n = 8..11 two, and so on; ties are kept as
    /// they fall. rliable picked the IQM because it is less sensitive to outlier runs than the mean
    /// and less noisy than the median at the 3–10 runs a benchmark can afford.
    /// </remarks>
    public static double InterquartileMean(IReadOnlyList<double> values)
    {
        SampleGuard.RequireFiniteNonEmpty(values, nameof(values));
        var copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = values[i];
        return InterquartileMeanInPlace(copy);
    }

    /// <summary>IQM that sorts its argument; the bootstrap calls it on scratch buffers to avoid copies.</summary>
    internal static double InterquartileMeanInPlace(double[] values)
    {
        Array.Sort(values);
        int cut = (int)(InterquartileTrim * values.Length);
        double sum = 0.0;
        for (int i = cut; i < values.Length - cut; i++) sum += values[i];
        return sum / (values.Length - 2 * cut);
    }

    /// <summary>The middle value, or the mean of the two middle values of an even count (numpy's and asv's median).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        SampleGuard.RequireFiniteNonEmpty(values, nameof(values));
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /// <summary>numpy.quantile(values, q) with its default, linear interpolation (Hyndman–Fan type 7).</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        SampleGuard.RequireFiniteNonEmpty(values, nameof(values));
        if (!(q >= 0.0 && q <= 1.0)) throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile lies in [0, 1]");
        return Bootstrap.Quantile(values.Order().ToArray(), q);
    }

    internal static double Mean(double[] values)
    {
        double sum = 0.0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }
}
