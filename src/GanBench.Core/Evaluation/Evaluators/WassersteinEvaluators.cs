using GanBench.Core.Metrics;
using GanBench.Core.Results;

namespace GanBench.Core.Evaluation.Evaluators;

/// <summary>Exact W1 between the generated and the held-out real sample (POT's ot.emd2 with Euclidean cost).</summary>
public sealed class ExactW1Evaluator : IPointEvaluator
{
    public static readonly MetricInfo W1Exact = new("w1_exact", MetricDirection.LowerIsBetter, "exact Wasserstein-1 between generated and real samples", MetricScope.Points) { Minimum = 0, Headline = true, ConsoleColumn = 4, PointPanel = 2 };

    public int Order => 20;
    public IReadOnlyList<MetricInfo> Metrics => [W1Exact];

    public void Evaluate(PointEvaluation evaluation, IDictionary<string, double?> into) =>
        into[W1Exact.Name] = Wasserstein.Exact(evaluation.Fake, evaluation.Real, evaluation.Dimension, evaluation.Budget);
}

/// <summary>Sliced W1 over 128 directions seeded by the trial's seed, so successive evaluations use the same directions.</summary>
public sealed class SlicedW1Evaluator : IPointEvaluator
{
    public const int Directions = 128;
    public static readonly MetricInfo W1Sliced = new("w1_sliced", MetricDirection.LowerIsBetter, "sliced Wasserstein-1 over random unit directions") { Minimum = 0 };

    public int Order => 30;
    public IReadOnlyList<MetricInfo> Metrics => [W1Sliced];

    public void Evaluate(PointEvaluation evaluation, IDictionary<string, double?> into) =>
        into[W1Sliced.Name] = Wasserstein.Sliced(evaluation.Fake, evaluation.Real, evaluation.Dimension, Directions, evaluation.Seed);
}
