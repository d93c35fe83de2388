using MathNet.Numerics.Distributions;
using MathStats = MathNet.Numerics.Statistics.Statistics;

namespace GanBench.Core.Results;

/// <summary>Summary of one metric over the seeds of one arm.</summary>
/// <param name="N">Values that counted: finite values of Ok trials.</param>
/// <param name="Excluded">Ok trials whose value was missing, null or non-finite.</param>
/// <param name="Ci95HalfWidth">t_{0.975, n-1} * s / sqrt(n); null for n &lt; 2 because one seed says
/// nothing about seed-to-seed spread, and printing 0 would claim certainty.</param>
public sealed record SampleStatistics(int N, int Excluded, double? Mean, double? StdDev, double? Ci95HalfWidth)
{
    public static SampleStatistics Empty { get; } = new(0, 0, null, null, null);
}

/// <param name="DegreesOfFreedom">Welch–Satterthwaite df; null when both variances are zero.</param>
public sealed record WelchTestResult(double T, double? DegreesOfFreedom, double PValue);

public static class ArmStatistics
{
    public const double ConfidenceLevel = 0.95;

    /// <summary>Splits raw values into the finite ones that count and the number excluded.</summary>
    public static (IReadOnlyList<double> Values, int Excluded) Finite(IEnumerable<double?> values)
    {
        var kept = new List<double>();
        int excluded = 0;
        foreach (var v in values)
        {
            if (v is double d && double.IsFinite(d)) kept.Add(d);
            else excluded++;
        }
        return (kept, excluded);
    }

    public static SampleStatistics Describe(IEnumerable<double?> values)
    {
        var (kept, excluded) = Finite(values);
        return Describe(kept, excluded);
    }

    public static SampleStatistics Describe(IReadOnlyList<double> values, int excluded = 0)
    {
        int n = values.Count;
        if (n == 0) return new SampleStatistics(0, excluded, null, null, null);
        double mean = MathStats.Mean(values);
        if (n == 1) return new SampleStatistics(1, excluded, mean, null, null);
        double sd = Math.Sqrt(Variance(values));
        double t = StudentT.InvCDF(0.0, 1.0, n - 1, 1.0 - (1.0 - ConfidenceLevel) / 2.0);
        return new SampleStatistics(n, excluded, mean, sd, t * sd / Math.Sqrt(n));
    }

    /// <summary>Two-sided Welch t-test of mean(a) = mean(b); null when it is undefined.</summary>
    /// <remarks>
    /// Undefined when either side has fewer than 2 values (no variance estimate).
    /// When both variances are exactly 0 the t statistic is 0/0 or x/0:
    /// equal means give p = 1 (two identical constant samples are no evidence of a difference, and
    /// that is common for saturated metrics such as modes_covered = 8 on every seed);
    /// different means give null rather than p = 0, because a zero-variance sample usually means a
    /// saturated or quantised metric, not an infinitely precise measurement.
    /// </remarks>
    public static WelchTestResult? WelchTest(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2) return null;
        double ma = MathStats.Mean(a), mb = MathStats.Mean(b);
        double sa = Variance(a) / a.Count, sb = Variance(b) / b.Count;
        double se2 = sa + sb;
        if (se2 == 0.0) return ma == mb ? new WelchTestResult(0.0, null, 1.0) : null;
        double t = (ma - mb) / Math.Sqrt(se2);
        double df = se2 * se2 / (sa * sa / (a.Count - 1) + sb * sb / (b.Count - 1));
        // The lower tail keeps precision for tiny p; 1 - CDF(|t|) would round to 0 early.
        double p = Math.Min(1.0, 2.0 * StudentT.CDF(0.0, 1.0, df, -Math.Abs(t)));
        return new WelchTestResult(t, df, p);
    }

    /// <summary>Sample variance (n - 1), exactly 0 for constant samples.</summary>
    /// <remarks>Summation rounding gives constant samples such as [0.1, 0.1, 0.1] a variance of ~1e-34,
    /// which would print a spurious CI and make the zero-variance rules of the Welch test unreachable.</remarks>
    private static double Variance(IReadOnlyList<double> values)
    {
        double first = values[0];
        bool constant = true;
        for (int i = 1; i < values.Count && constant; i++) constant = values[i] == first;
        return constant ? 0.0 : MathStats.Variance(values);
    }
}
