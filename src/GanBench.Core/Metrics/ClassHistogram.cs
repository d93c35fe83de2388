namespace GanBench.Core.Metrics;

/// <summary>
/// Mode statistics from a classifier's predicted labels (one class per sample). For stacked images
/// the caller passes a mode id such as c0·100 + c1·10 + c2 with 1000 classes.
/// </summary>
public static class ClassHistogram
{
    /// <summary>Number of classes predicted for at least one sample.</summary>
    public static int Covered(ReadOnlySpan<int> predictions, int classes)
    {
        var counts = Count(predictions, classes);
        int covered = 0;
        foreach (int c in counts) if (c > 0) covered++;
        return covered;
    }

    /// <summary>
    /// KL(p ‖ uniform) = Σ_c p_c·ln(p_c·classes) over non-empty classes, in nats: 0 for a perfectly
    /// even histogram, ln(classes) when every sample falls in one class.
    /// </summary>
    public static double KlToUniform(ReadOnlySpan<int> predictions, int classes)
    {
        if (predictions.IsEmpty)
            throw new ArgumentException("KL to uniform needs at least one prediction; the histogram of none is undefined.", nameof(predictions));
        var counts = Count(predictions, classes);
        double n = predictions.Length;
        double kl = 0;
        foreach (int c in counts)
        {
            if (c == 0) continue;
            // count·classes/n is exactly 1 for an even histogram, so uniform predictions give exactly 0.
            kl += c / n * Math.Log((double)c * classes / n);
        }
        return kl;
    }

    private static int[] Count(ReadOnlySpan<int> predictions, int classes)
    {
        if (classes < 1)
            throw new ArgumentException($"classes must be at least 1, got {classes}.", nameof(classes));
        var counts = new int[classes];
        for (int i = 0; i < predictions.Length; i++)
        {
            int c = predictions[i];
            if ((uint)c >= (uint)classes)
                throw new ArgumentException(
                    $"Prediction {i} is class {c}, outside [0, {classes}).", nameof(predictions));
            counts[c]++;
        }
        return counts;
    }
}
