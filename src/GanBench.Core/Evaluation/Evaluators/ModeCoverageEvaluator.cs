using GanBench.Core.Results;

namespace GanBench.Core.Evaluation.Evaluators;

/// <summary>Mode coverage on Gaussian mixtures (VEEGAN/PacGAN protocol): a sample is high quality within eval.hq_threshold_std std of its nearest mean.</summary>
public sealed class ModeCoverageEvaluator : IPointEvaluator
{
    public static readonly MetricInfo ModesCovered = new("modes_covered", MetricDirection.HigherIsBetter, "modes with at least one high-quality sample") { Minimum = 0, Headline = true, ConsoleColumn = 1, PointPanel = 1, ImagePanel = 4 };
    public static readonly MetricInfo HqFraction = new("hq_fraction", MetricDirection.HigherIsBetter, "fraction of samples within 3 std of their nearest mode", MetricScope.Points) { Minimum = 0, Maximum = 1, Headline = true, ConsoleColumn = 2 };
    public static readonly MetricInfo ReverseKl = new("reverse_kl", MetricDirection.LowerIsBetter, "KL of the high-quality mode histogram from uniform, empty when no sample is high quality", MetricScope.Points) { Minimum = 0, ConsoleColumn = 3 };

    public int Order => 10;
    public IReadOnlyList<MetricInfo> Metrics => [ModesCovered, HqFraction, ReverseKl];

    public void Evaluate(PointEvaluation evaluation, IDictionary<string, double?> into)
    {
        if (evaluation.Modes is not { } modes) return;
        into[ModesCovered.Name] = modes.ModesCovered;
        into[HqFraction.Name] = modes.HqFraction;
        into[ReverseKl.Name] = modes.ReverseKl;
    }
}
