namespace GanBench.Core.Metrics;

/// <summary>Mode statistics of 2-D samples against a mixture's means (VEEGAN / PacGAN protocol).</summary>
public sealed record ModeCoverageResult(
    int ModesCovered,
    double HqFraction,
    /// <summary>Σ pₖ log(pₖ K) over non-empty modes; null when no sample is high quality.</summary>
    double? ReverseKl,
    IReadOnlyList<int> HqCountPerMode);

public static class ModeCoverage
{
    /// <summary>
    /// A sample is high quality when its distance to the nearest mean is at most
    /// <paramref name="thresholdStd"/> · <paramref name="std"/>; a mode is covered when at least one
    /// high-quality sample has it as nearest mean.
    /// </summary>
    public static ModeCoverageResult Compute(ReadOnlySpan<double> samples, int dim, IReadOnlyList<double[]> means, double std, double thresholdStd = 3.0)
    {
        if (means.Count == 0) throw new ArgumentException("mode coverage needs at least one mean", nameof(means));
        if (dim < 1 || samples.Length % dim != 0) throw new ArgumentException($"sample length {samples.Length} is not a multiple of dimension {dim}", nameof(samples));
        foreach (var m in means)
            if (m.Length != dim) throw new ArgumentException($"mean has dimension {m.Length}, samples have {dim}", nameof(means));

        int n = samples.Length / dim;
        double radiusSquared = thresholdStd * std * (thresholdStd * std);
        var counts = new int[means.Count];
        int hq = 0;
        for (int i = 0; i < n; i++)
        {
            var point = samples.Slice(i * dim, dim);
            int nearest = -1;
            double best = double.PositiveInfinity;
            for (int k = 0; k < means.Count; k++)
            {
                double d2 = 0;
                var mean = means[k];
                for (int j = 0; j < dim; j++) { double diff = point[j] - mean[j]; d2 += diff * diff; }
                if (d2 < best) { best = d2; nearest = k; }
            }
            // A NaN sample has no nearest mean and is never high quality.
            if (nearest >= 0 && best <= radiusSquared) { counts[nearest]++; hq++; }
        }

        double? reverseKl = null;
        if (hq > 0)
        {
            double kl = 0;
            foreach (int c in counts)
            {
                if (c == 0) continue; // empty modes are skipped, as in PacGAN
                double p = (double)c / hq;
                kl += p * Math.Log(p * means.Count);
            }
            reverseKl = kl;
        }
        return new ModeCoverageResult(counts.Count(c => c > 0), n == 0 ? 0 : (double)hq / n, reverseKl, counts);
    }
}
