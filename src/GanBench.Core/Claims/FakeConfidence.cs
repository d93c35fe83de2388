namespace GanBench.Core.Claims;

/// <summary>Which statistic of D(G(z)) over a checkpoint's samples a confidence value is.</summary>
public enum ConfidenceSource { UpperQuantile, Mean }

/// <summary>
/// The one accessor the claim rules read the critic's confidence on fakes through. The least
/// confident fakes (largest D(G(z))) dominate the minimax gradient, whose chain factor is
/// σ(c) = D(G(z)), so a critic is "confident" only when an upper quantile is small; a small mean
/// can hide a tail of fakes that still carry the gradient. frozen_generator records both (see
/// <see cref="Evaluation.ProtocolMetrics"/>); the mean is the fallback only for results folders
/// written before the 90th percentile was recorded.
/// </summary>
public static class FakeConfidence
{
    public static readonly string QuantileColumn = Evaluation.ProtocolMetrics.FakeProbQ90.Name, MeanColumn = Evaluation.ProtocolMetrics.FakeProb.Name;

    /// <summary>
    /// The 90th percentile of D(G(z)) when the column exists (NaN for an empty cell, never the
    /// mean in its place), else the mean; NaN when neither is recorded.
    /// </summary>
    public static (double Value, ConfidenceSource Source) Of(IReadOnlyDictionary<string, double?> metrics) =>
        metrics.TryGetValue(QuantileColumn, out double? q) ? (q ?? double.NaN, ConfidenceSource.UpperQuantile)
        : (metrics.GetValueOrDefault(MeanColumn) ?? double.NaN, ConfidenceSource.Mean);

    /// <summary>The sentence a rule appends so a reader knows which statistic judged confidence.</summary>
    public static string Describe(ConfidenceSource source) => source == ConfidenceSource.UpperQuantile
        ? $"Confidence is judged by the 90th percentile of D(G(z)) ({QuantileColumn})."
        : $"Confidence is judged by the mean D(G(z)) ({MeanColumn}): this results folder has no 90th-percentile column ({QuantileColumn}), and the mean can be small while the least confident fakes still carry the gradient.";

    /// <summary>The source for a set of series: the quantile only if every series had it.</summary>
    public static ConfidenceSource Common(IEnumerable<ConfidenceSource> sources) =>
        sources.All(s => s == ConfidenceSource.UpperQuantile) && sources.Any() ? ConfidenceSource.UpperQuantile : ConfidenceSource.Mean;
}
