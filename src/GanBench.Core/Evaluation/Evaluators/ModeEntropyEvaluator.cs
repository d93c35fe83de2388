using GanBench.Core.Results;

namespace GanBench.Core.Evaluation.Evaluators;

/// <summary>
/// Entropy of the high-quality mode histogram, −Σ pₖ ln pₖ over modes with pₖ &gt; 0 (nats): ln K when
/// the high-quality samples spread evenly over all K modes, 0 when they sit on one. It is
/// ln K − reverse_kl, read as "how many modes, effectively" (e^H); empty when no sample is high quality.
/// </summary>
public sealed class ModeEntropyEvaluator : IPointEvaluator
{
    public static readonly MetricInfo ModeEntropy = new("mode_entropy", MetricDirection.HigherIsBetter,
        "entropy of the high-quality mode histogram in nats (ln K when even over all K modes), empty when no sample is high quality", MetricScope.Points) { Minimum = 0 };

    public int Order => 15;
    public IReadOnlyList<MetricInfo> Metrics => [ModeEntropy];

    public void Evaluate(PointEvaluation evaluation, IDictionary<string, double?> into)
    {
        if (evaluation.Modes is not { } modes) return;
        into[ModeEntropy.Name] = Entropy(modes.HqCountPerMode);
    }

    /// <summary>−Σ p ln p of a histogram; null when it is empty.</summary>
    public static double? Entropy(IReadOnlyList<int> counts)
    {
        long total = counts.Sum(c => (long)c);
        if (total == 0) return null;
        double h = 0;
        foreach (int c in counts)
        {
            if (c == 0) continue;
            double p = (double)c / total;
            h -= p * Math.Log(p);
        }
        return h;
    }
}
