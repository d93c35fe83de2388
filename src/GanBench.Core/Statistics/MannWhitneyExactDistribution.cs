using System.Collections.Concurrent;

namespace GanBench.Core.Statistics;

/// <summary>Null distribution of U without ties: every one of the C(m+n, m) rankings equally likely.</summary>
internal static class MannWhitneyExactDistribution
{
    // Keyed by (smaller, larger) size; the power simulation asks for the same sizes thousands of times.
    private static readonly ConcurrentDictionary<(int, int), double[]> LowerTails = new();

    /// <summary>P(U ≥ u), computed as P(U ≤ m·n − u) by the symmetry of the distribution, as scipy does.</summary>
    public static double UpperTail(int u, int n1, int n2)
    {
        int m = Math.Min(n1, n2), n = Math.Max(n1, n2);
        int k = m * n - u;
        if (k < 0) return 0.0;
        var lower = LowerTails.GetOrAdd((m, n), key => ComputeLowerTail(key.Item1, key.Item2));
        return k >= lower.Length ? 1.0 : lower[k];
    }

    /// <remarks>
    /// Counts f(m, n, k) of rankings with U = k by the recurrence f(m, n, k) = f(m−1, n, k−n) + f(m, n−1, k)
    /// (Löffler 1983; scipy's [3] Theorem 2.5), iterated over n with one row per m. Only additions of
    /// non-negative integers, so the counts are exact up to 2^53 and keep full relative precision
    /// beyond; the exact branch has min(n1, n2) ≤ 8, which keeps this table small.
    /// </remarks>
    private static double[] ComputeLowerTail(int m, int n)
    {
        int maxU = m * n;
        var rows = new double[m + 1][];
        for (int j = 0; j <= m; j++)
        {
            rows[j] = new double[maxU + 1];
            rows[j][0] = 1.0; // f(j, 0, 0) = 1: with no y values U is 0.
        }
        for (int size = 1; size <= n; size++)
        {
            // Ascending j: rows[j - 1] already holds (j − 1, size) when rows[j] still holds (j, size − 1).
            for (int j = 1; j <= m; j++)
            {
                var current = rows[j];
                var shorter = rows[j - 1];
                for (int k = j * size; k >= size; k--) current[k] += shorter[k - size];
            }
        }

        var counts = rows[m];
        double total = 0.0;
        foreach (var c in counts) total += c;
        var lower = new double[maxU + 1];
        double cumulative = 0.0;
        for (int k = 0; k <= maxU; k++)
        {
            cumulative += counts[k];
            lower[k] = cumulative / total;
        }
        return lower;
    }
}
