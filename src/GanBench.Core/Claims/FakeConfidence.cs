namespace GanBench.Core.Claims;

/// <summary>Which statistic of D(G(z)) over a checkpoint's samples a confidence value is.</summary>
public enum ConfidenceSource { MeanAndUpperQuantile, Mean }

/// <summary>
/// The one accessor the claim rules read the critic's confidence on fakes through: the larger of
/// the mean D(G(z)) and its 90th percentile. The minimax gradient is a D(G(z))-weighted average
/// (its chain factor is σ(c) = D(G(z))), so the least confident fakes carry it, and each statistic
/// alone can miss them: the mean is small when a broad share of fakes is unsure but most are
/// extremely sure, and the 90th percentile is small when fewer than 10% of the fakes are unsure
/// (seen on verdict seed 2 of claim 1, 2026-12-01: 90th percentile 7e-8, mean 0.003 to 0.03, and
/// those fakes kept the minimax norm at 4.7). A critic is confident only when both are small.
/// frozen_generator records both (see <see cref="Evaluation.ProtocolMetrics"/>); the mean alone is
/// the fallback only for results folders written before the 90th percentile was recorded.
/// </summary>
public static class FakeConfidence
{
    public static readonly string QuantileColumn = Evaluation.ProtocolMetrics.FakeProbQ90.Name, MeanColumn = Evaluation.ProtocolMetrics.FakeProb.Name;

    /// <summary>
    /// The larger of the mean and the 90th percentile of D(G(z)) when the quantile column exists
    /// (NaN when either cell is empty: half a measurement is not read as a whole one), else the
    /// mean; NaN when neither is recorded.
    /// </summary>
    public static (double Value, ConfidenceSource Source) Of(IReadOnlyDictionary<string, double?> metrics)
    {
        double mean = metrics.GetValueOrDefault(MeanColumn) ?? double.NaN;
        if (!metrics.TryGetValue(QuantileColumn, out double? q)) return (mean, ConfidenceSource.Mean);
        return (q is double quantile && !double.IsNaN(mean) ? Math.Max(mean, quantile) : double.NaN, ConfidenceSource.MeanAndUpperQuantile);
    }

    /// <summary>The sentence a rule appends so a reader knows which statistic judged confidence.</summary>
    public static string Describe(ConfidenceSource source) => source == ConfidenceSource.MeanAndUpperQuantile
        ? $"D(G(z)) here is the larger of its mean ({MeanColumn}) and its 90th percentile ({QuantileColumn}) over the fakes: a thin tail of unsure fakes raises the mean, a broad one the percentile, and either carries the minimax gradient."
        : $"Confidence is judged by the mean D(G(z)) ({MeanColumn}): this results folder has no 90th-percentile column ({QuantileColumn}), so a broad share of unsure fakes could hide under a small mean.";

    /// <summary>The source for a set of series: both statistics only if every series had them.</summary>
    public static ConfidenceSource Common(IEnumerable<ConfidenceSource> sources) =>
        sources.All(s => s == ConfidenceSource.MeanAndUpperQuantile) && sources.Any() ? ConfidenceSource.MeanAndUpperQuantile : ConfidenceSource.Mean;
}
