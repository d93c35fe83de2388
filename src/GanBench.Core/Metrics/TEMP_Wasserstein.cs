// Temporary until the w1 branch lands; NOT exact. Deleted at merge.
namespace GanBench.Core.Metrics;
public static class Wasserstein
{
    public static double Exact(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dim) => Sliced(a, b, dim);
    public static double Sliced(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dim, int directions = 128, int seed = 0)
    {
        var rng = new Random(seed); double total = 0;
        int n = a.Length / dim, m = b.Length / dim;
        var pa = new double[n]; var pb = new double[m]; var dir = new double[dim];
        for (int d = 0; d < directions; d++)
        {
            double norm = 0; for (int j = 0; j < dim; j++) { dir[j] = rng.NextDouble() - 0.5; norm += dir[j] * dir[j]; }
            norm = Math.Sqrt(norm);
            for (int i = 0; i < n; i++) { double s = 0; for (int j = 0; j < dim; j++) s += a[i * dim + j] * dir[j]; pa[i] = s / norm; }
            for (int i = 0; i < m; i++) { double s = 0; for (int j = 0; j < dim; j++) s += b[i * dim + j] * dir[j]; pb[i] = s / norm; }
            Array.Sort(pa); Array.Sort(pb); double acc = 0;
            for (int i = 0; i < Math.Min(n, m); i++) acc += Math.Abs(pa[i] - pb[i]);
            total += acc / Math.Min(n, m);
        }
        return total / directions;
    }
}
