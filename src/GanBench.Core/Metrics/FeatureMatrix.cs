namespace GanBench.Core.Metrics;

/// <summary>Argument checks shared by the metrics on classifier features (row-major n×dim floats).</summary>
internal static class FeatureMatrix
{
    public static void Validate(float[] features, int count, int dim, string name, int minCount, string needsWhat)
    {
        ArgumentNullException.ThrowIfNull(features, name);
        if (dim < 1)
            throw new ArgumentException($"dim must be at least 1, got {dim}.", nameof(dim));
        if (count < minCount)
            throw new ArgumentException(
                $"'{name}' has {count} samples; {needsWhat} needs at least {minCount}.", name);
        if ((long)count * dim != features.Length)
            throw new ArgumentException(
                $"'{name}' has {features.Length} values, but {count} samples × dim {dim} = {(long)count * dim}.", name);
        for (int t = 0; t < features.Length; t++)
        {
            // A NaN would silently fail every comparison (PRDC) or poison the eigen-solver (FCD),
            // so it is reported where it entered, as Wasserstein does.
            if (!float.IsFinite(features[t]))
                throw new ArgumentException(
                    $"'{name}' has a non-finite value ({features[t]}) at index {t} (sample {t / dim}).", name);
        }
    }

    /// <summary>Column means in double, summed row by row so the inner loop is contiguous.</summary>
    public static double[] Mean(float[] features, int count, int dim)
    {
        var mean = new double[dim];
        for (int i = 0; i < count; i++)
        {
            var row = features.AsSpan(i * dim, dim);
            for (int k = 0; k < dim; k++) mean[k] += row[k];
        }
        for (int k = 0; k < dim; k++) mean[k] /= count;
        return mean;
    }
}
