namespace GanBench.Core.Statistics;

/// <summary>Argument checks shared by the statistics; callers filter with ArmStatistics.Finite first.</summary>
internal static class SampleGuard
{
    /// <remarks>NaN would sort and rank arbitrarily and silently corrupt every statistic here, so it is
    /// refused rather than propagated the way numpy would.</remarks>
    public static void RequireFiniteNonEmpty(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0) throw new ArgumentException("Sample is empty.", name);
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Sample value [{i}] = {values[i]} is not finite.", name);
        }
    }

    public static void RequireProbability(double value, string name, bool allowZero = false, bool allowOne = false)
    {
        bool ok = (allowZero ? value >= 0.0 : value > 0.0) && (allowOne ? value <= 1.0 : value < 1.0);
        if (!ok) throw new ArgumentOutOfRangeException(name, value, "Must be a probability in range.");
    }
}
