using GanBench.Core.Config;
using GanBench.Core.Metrics;
using GanBench.Core.Results;
using GanBench.Core.Datasets;

namespace GanBench.Core.Evaluation;

/// <summary>
/// What an evaluator of point samples sees at one evaluation: the generated samples and the fixed
/// held-out real sample on the host, the dataset and the evaluation settings. The mode statistics
/// are computed once here and shared by the evaluators that read them.
/// </summary>
public sealed class PointEvaluation(double[] fake, double[] real, DatasetSpec dataset, EvalConfig eval, int seed, CancellationToken budget)
{
    // Mode metrics compare samples in the units the generator learns, i.e. after the dataset scale division.
    private readonly Lazy<ModeCoverageResult?> _modes = new(() => dataset.Means.Count == 0 ? null
        : ModeCoverage.Compute(fake, dataset.Dimension, dataset.Means.Select(m => m.Select(v => v / dataset.Scale).ToArray()).ToList(), dataset.Std / dataset.Scale, eval.HqThresholdStd));

    public double[] Fake => fake;
    public double[] Real => real;
    public int Dimension => dataset.Dimension;
    public DatasetSpec Dataset => dataset;
    public EvalConfig Eval => eval;
    /// <summary>The trial's seed, for evaluators with random parts (sliced W1's directions).</summary>
    public int Seed => seed;
    /// <summary>Cancelled when the trial's time is up; long evaluators check it.</summary>
    public CancellationToken Budget => budget;
    /// <summary>The high-quality histogram over the dataset's modes (VEEGAN/PacGAN protocol), or null when the dataset has no modes.</summary>
    public ModeCoverageResult? Modes => _modes.Value;
}

/// <summary>
/// A metric of generated point samples, torch-free: it declares what it produces (name, direction,
/// description, range) and computes it. The metric catalog, results columns, report legends and
/// curve panels all read the declarations, so adding a metric is adding an evaluator file.
/// </summary>
public interface IPointEvaluator
{
    /// <summary>Where its metrics stand among the columns (lower first).</summary>
    int Order { get; }
    IReadOnlyList<MetricInfo> Metrics { get; }
    void Evaluate(PointEvaluation evaluation, IDictionary<string, double?> into);
}

/// <summary>Every <see cref="IPointEvaluator"/> of this assembly, in column order.</summary>
public static class PointEvaluators
{
    private static readonly Lazy<IReadOnlyList<IPointEvaluator>> Found = new(() => typeof(IPointEvaluator).Assembly.GetTypes()
        .Where(t => typeof(IPointEvaluator).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IPointEvaluator)Activator.CreateInstance(t)!)
        .OrderBy(e => e.Order).ThenBy(e => e.GetType().Name, StringComparer.Ordinal)
        .ToList());

    public static IReadOnlyList<IPointEvaluator> All => Found.Value;

    /// <summary>Runs every evaluator on <paramref name="evaluation"/>, in order.</summary>
    public static void EvaluateAll(PointEvaluation evaluation, IDictionary<string, double?> into)
    {
        foreach (var evaluator in All)
        {
            evaluation.Budget.ThrowIfCancellationRequested();
            evaluator.Evaluate(evaluation, into);
        }
    }
}
