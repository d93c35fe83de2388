namespace GanBench.Core.Statistics;

/// <summary>Which direction of X relative to Y the test looks for.</summary>
public enum Alternative
{
    TwoSided,
    /// <summary>X tends to be larger than Y (P(X &gt; Y) &gt; 1/2).</summary>
    Greater,
    /// <summary>X tends to be smaller than Y.</summary>
    Less,
}

public enum MannWhitneyMethod { Exact, Asymptotic }

/// <param name="U1">U of the first sample: pairs with x &gt; y, plus half the tied pairs (scipy's statistic).</param>
/// <param name="Method">Which null distribution gave the p-value, so a report can say so.</param>
public sealed record MannWhitneyResult(double U1, double PValue, MannWhitneyMethod Method);

/// <summary>Mann–Whitney U test, reproducing scipy.stats.mannwhitneyu(x, y, alternative) with its
/// defaults (method='auto', use_continuity=True) as of scipy 1.7–1.10.</summary>
public static class MannWhitney
{
    /// <summary>scipy goes asymptotic only when both samples are larger than this (or there are ties).</summary>
    public const int ExactSizeBound = 8;

    /// <remarks>
    /// Method choice is scipy's _mwu_choose_method, not its docstring: exact when there are no ties
    /// and at least one sample has at most 8 values; otherwise the normal approximation with the tie
    /// correction of the variance and a continuity correction of 1/2 towards the null. The exact
    /// distribution ignores ties by construction, which is why ties force the approximation even for
    /// tiny samples. Two-sided p is twice the upper tail of max(U1, U2), clipped to 1.
    /// </remarks>
    public static MannWhitneyResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative = Alternative.TwoSided)
    {
        SampleGuard.RequireFiniteNonEmpty(x, nameof(x));
        SampleGuard.RequireFiniteNonEmpty(y, nameof(y));
        int n1 = x.Count, n2 = y.Count;
        var (rankSumX, tieTerm) = RankSumOfFirst(x, y);
        double u1 = rankSumX - n1 * (n1 + 1) / 2.0;
        double u2 = (double)n1 * n2 - u1;

        var (u, factor) = alternative switch
        {
            Alternative.Greater => (u1, 1.0),
            // The lower tail of U1 is the upper tail of U2; using it keeps one tail function.
            Alternative.Less => (u2, 1.0),
            _ => (Math.Max(u1, u2), 2.0),
        };

        bool exact = !(n1 > ExactSizeBound && n2 > ExactSizeBound) && tieTerm == 0.0;
        double upperTail = exact
            ? MannWhitneyExactDistribution.UpperTail((int)u, n1, n2)
            : AsymptoticUpperTail(u, n1, n2, tieTerm);
        double p = Math.Clamp(upperTail * factor, 0.0, 1.0);
        return new MannWhitneyResult(u1, p, exact ? MannWhitneyMethod.Exact : MannWhitneyMethod.Asymptotic);
    }

    /// <summary>The p-value of completely separated samples in the direction the alternative looks for:
    /// no data of these sizes can give less, so at a threshold below it the cell cannot flag anything.</summary>
    /// <remarks>Computed by testing separated samples, so it follows exactly the method switch of
    /// <see cref="Test"/> (2/C(10,5) = 0.0079 two-sided for 5 vs 5, the normal tail from 9 vs 9 on).</remarks>
    public static double SmallestAttainableP(int n1, int n2, Alternative alternative)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n2, 1);
        var low = new double[alternative == Alternative.Less ? n1 : n2];
        var high = new double[alternative == Alternative.Less ? n2 : n1];
        for (int i = 0; i < low.Length; i++) low[i] = i;
        for (int i = 0; i < high.Length; i++) high[i] = low.Length + i;
        return alternative == Alternative.Less
            ? Test(low, high, alternative).PValue
            : Test(high, low, alternative).PValue;
    }

    /// <summary>Rank sum of x in the pooled sample with average ranks for ties, and Σ(t³ − t) over tie groups.</summary>
    internal static (double RankSumX, double TieTerm) RankSumOfFirst(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n1 = x.Count, n = n1 + y.Count;
        var values = new double[n];
        var fromX = new bool[n];
        for (int i = 0; i < n1; i++) { values[i] = x[i]; fromX[i] = true; }
        for (int j = 0; j < y.Count; j++) values[n1 + j] = y[j];
        Array.Sort(values, fromX);

        double rankSum = 0.0, tieTerm = 0.0;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && values[end] == values[start]) end++;
            int t = end - start;
            // Ranks are 1-based, so the group start..end-1 shares the rank (start + 1 + end) / 2.
            double averageRank = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++) if (fromX[k]) rankSum += averageRank;
            tieTerm += (double)t * t * t - t;
            start = end;
        }
        return (rankSum, tieTerm);
    }

    /// <summary>P(Z ≥ z) for scipy's standardised U with tie and continuity corrections.</summary>
    private static double AsymptoticUpperTail(double u, int n1, int n2, double tieTerm)
    {
        double mu = (double)n1 * n2 / 2.0;
        double n = n1 + n2;
        double s = Math.Sqrt((double)n1 * n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1))));
        // Subtracting 1/2 always moves towards the null because the upper tail is always used.
        double numerator = u - mu - 0.5;
        // All values tied: s = 0 and U = mu, so scipy evaluates sf(-inf) = 1.
        if (s == 0.0) return numerator >= 0.0 ? 0.0 : 1.0;
        return NormalUpperTail(numerator / s);
    }

    /// <remarks>erfc keeps relative precision far into the upper tail, where 1 − Φ(z) would round to 0.</remarks>
    internal static double NormalUpperTail(double z) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2.0));
}
