using System.Globalization;
using GanBench.Core.Results;
using MathNet.Numerics.Distributions;

namespace GanBench.Core.Claims;

/// <summary>A claim's verdict, computed from measured data by the rules written next to each claim.</summary>
public enum Verdict { Holds, DoesNotHold, Inconclusive }

/// <summary>
/// One evaluated claim: the statement, the rule that decides it, the verdict with its reason,
/// and Markdown tables of the measured figures that show it.
/// </summary>
public sealed record ClaimResult(int Number, string Title, string Statement, string Rule, Verdict Verdict, string Reason, IReadOnlyList<string> Tables)
{
    /// <summary>The charts drawn beside the verdict, from the data the rule judged.</summary>
    public IReadOnlyList<ClaimChart> Charts { get; init; } = [];

    public static string Text(Verdict v) => v switch
    {
        Verdict.Holds => "holds",
        Verdict.DoesNotHold => "does not hold",
        _ => "inconclusive",
    };
}

/// <summary>Small statistics shared by the claim rules; pure functions, no TorchSharp.</summary>
public static class ClaimMath
{
    /// <summary>Least-squares slope of y on x; null with fewer than 2 distinct x.</summary>
    public static double? Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 2) return null;
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0;
        for (int i = 0; i < x.Count; i++) { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my); }
        return sxx > 0 ? sxy / sxx : null;
    }

    /// <summary>Pearson correlation; null with fewer than 3 points or a constant series.</summary>
    public static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 3) return null;
        double mx = x.Average(), my = y.Average(), sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); sxy += (x[i] - mx) * (y[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : null;
    }

    /// <summary>Spearman's rank correlation (scipy.stats.spearmanr: Pearson of the average ranks); null as for <see cref="Pearson"/>.</summary>
    public static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        x.Count != y.Count ? null : Pearson(AverageRanks(x), AverageRanks(y));

    /// <summary>1-based ranks, ties sharing the mean of the ranks they span.</summary>
    public static IReadOnlyList<double> AverageRanks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start + 1;
            while (end < order.Length && values[order[end]] == values[order[start]]) end++;
            double rank = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++) ranks[order[k]] = rank;
            start = end;
        }
        return ranks;
    }

    /// <summary>
    /// 95% Welch interval for mean(b) − mean(a); null when a side has fewer than 2 values.
    /// With both variances 0 the interval is the point difference.
    /// </summary>
    public static (double Diff, double Low, double High)? WelchDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2) return null;
        double ma = a.Average(), mb = b.Average();
        double va = a.Sum(v => (v - ma) * (v - ma)) / (a.Count - 1), vb = b.Sum(v => (v - mb) * (v - mb)) / (b.Count - 1);
        double sa = va / a.Count, sb = vb / b.Count, se2 = sa + sb, diff = mb - ma;
        if (se2 <= 1e-300) return (diff, diff, diff);
        double df = se2 * se2 / (sa * sa / (a.Count - 1) + sb * sb / (b.Count - 1));
        double t = StudentT.InvCDF(0, 1, df, 0.975);
        double half = t * Math.Sqrt(se2);
        return (diff, diff - half, diff + half);
    }

    /// <summary>"mean ± half (n)" using the project's t interval; "-" without values.</summary>
    public static string MeanCi(IReadOnlyList<double> values, string format = "G3")
    {
        var s = ArmStatistics.Describe(values);
        if (s.Mean is not double m) return "-";
        return s.Ci95HalfWidth is double h ? $"{F(m, format)} ± {F(h, format)} (n={s.N})" : $"{F(m, format)} (n={s.N})";
    }

    public static string F(double v, string format = "G3") =>
        double.IsPositiveInfinity(v) ? "∞" : double.IsNegativeInfinity(v) ? "−∞" : double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);

    public static string F(double? v, string format = "G3") => v is double d ? F(d, format) : "-";

    /// <summary>
    /// The reason for a seed, arm or claim whose premise was not met, naming what was missing;
    /// every rule words it this way so a reader (and a test) can tell it from an undecided result.
    /// </summary>
    public static string PremiseNotMet(string what) => $"premise not met: {what}";

    /// <summary>Majority rule used where several seeds vote: a verdict needs decided seeds and no contrary seed.</summary>
    public static Verdict Combine(IReadOnlyList<Verdict> perSeed, int minimumHolds = 2)
    {
        int holds = perSeed.Count(v => v == Verdict.Holds), not = perSeed.Count(v => v == Verdict.DoesNotHold);
        if (not > holds) return Verdict.DoesNotHold;
        if (not == 0 && holds >= Math.Min(minimumHolds, Math.Max(1, perSeed.Count))) return Verdict.Holds;
        return Verdict.Inconclusive;
    }
}
