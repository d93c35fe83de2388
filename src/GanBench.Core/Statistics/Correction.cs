namespace GanBench.Core.Statistics;

/// <summary>Adjusted p-values for a family of tests, as statsmodels.stats.multitest.multipletests
/// returns them (its second element), in the order of the input.</summary>
/// <remarks>A hypothesis is rejected at level alpha when its adjusted p-value is ≤ alpha; adjusted
/// values are capped at 1. Tied p-values get the same adjusted value whatever order they sort in.</remarks>
public static class Correction
{
    /// <summary>Holm–Bonferroni step-down: controls the family-wise error rate under any dependence.</summary>
    /// <remarks>The i-th smallest p (0-based) is multiplied by m − i, then a running maximum keeps
    /// the adjusted values in the order of the raw ones.</remarks>
    public static double[] Holm(IReadOnlyList<double> pValues)
    {
        var order = SortedOrder(pValues);
        int m = order.Length;
        var adjusted = new double[m];
        double runningMax = 0.0;
        for (int i = 0; i < m; i++)
        {
            runningMax = Math.Max(runningMax, pValues[order[i]] * (m - i));
            adjusted[order[i]] = Math.Min(runningMax, 1.0);
        }
        return adjusted;
    }

    /// <summary>Benjamini–Hochberg step-up (statsmodels 'fdr_bh'): controls the false discovery rate
    /// for independent or positively dependent tests.</summary>
    /// <remarks>The i-th smallest p (1-based) is divided by i/m, written that way because statsmodels
    /// does so and p·m/i can differ in the last bit; then a running minimum from the largest down.</remarks>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        var order = SortedOrder(pValues);
        int m = order.Length;
        var adjusted = new double[m];
        double runningMin = double.PositiveInfinity;
        for (int i = m - 1; i >= 0; i--)
        {
            double ecdf = (i + 1) / (double)m;
            runningMin = Math.Min(runningMin, pValues[order[i]] / ecdf);
            adjusted[order[i]] = Math.Min(runningMin, 1.0);
        }
        return adjusted;
    }

    private static int[] SortedOrder(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        for (int i = 0; i < pValues.Count; i++)
        {
            // NaN would make the sort order, and so every adjusted value, arbitrary.
            if (!(pValues[i] >= 0.0 && pValues[i] <= 1.0))
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"p-value [{i}] is not in [0, 1].");
        }
        var order = new int[pValues.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = pValues.ToArray();
        Array.Sort(keys, order);
        return order;
    }
}
