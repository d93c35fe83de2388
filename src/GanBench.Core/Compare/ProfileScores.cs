using GanBench.Core.Evaluation.Evaluators;
using GanBench.Core.Results;

namespace GanBench.Core.Compare;

/// <summary>Where a dataset's 0-to-1 score scale for a metric comes from.</summary>
public enum ScoreScale
{
    /// <summary>The metric's declared minimum and maximum (fractions such as hq_fraction).</summary>
    DeclaredRange,
    /// <summary>0 to the dataset's number of modes (modes_covered).</summary>
    ModeCount,
    /// <summary>The worst to the best final value of any arm's ok run on that dataset.</summary>
    RunRange,
}

/// <summary>The values that map to score 0 and score 1; <see cref="Worst"/> is above <see cref="Best"/> for lower-is-better metrics.</summary>
public sealed record ScoreRange(double Worst, double Best, ScoreScale Scale)
{
    public double Normalize(double value) => (value - Worst) / (Best - Worst);
}

/// <summary>
/// Final values of ok trials turned into scores that datasets share, for performance profiles: 0 is
/// the worst end of the dataset's scale and 1 the best, so that higher is better for every metric and
/// runs of different datasets can be pooled. The scale is the most meaningful one known: the metric's
/// declared range, then the dataset's mode count for modes_covered, and otherwise min–max over every
/// arm's runs on the dataset (a relative score: 1 is the best run there, not a perfect generator).
/// </summary>
public sealed class ProfileScores
{
    private readonly Dictionary<string, IReadOnlyList<IReadOnlyList<double>>> _byArm;

    public MetricInfo Metric { get; }
    public IReadOnlyList<string> Arms { get; }
    /// <summary>The scale of each dataset that has one; the others are in <see cref="LeftOut"/>.</summary>
    public IReadOnlyDictionary<string, ScoreRange> Ranges { get; }
    /// <summary>Datasets with values whose runs all tie under min–max scaling: no scale, so no score.</summary>
    public IReadOnlyList<string> LeftOut { get; }

    private ProfileScores(MetricInfo metric, IReadOnlyList<string> arms, Dictionary<string, IReadOnlyList<IReadOnlyList<double>>> byArm,
        IReadOnlyDictionary<string, ScoreRange> ranges, IReadOnlyList<string> leftOut)
    {
        Metric = metric;
        Arms = arms;
        _byArm = byArm;
        Ranges = ranges;
        LeftOut = leftOut;
    }

    /// <summary>The arm's scores, one list per scaled dataset in the experiment's order (empty where it has no ok run there).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Scores(string arm) => _byArm[arm];

    public bool HasScores(string arm) => _byArm[arm].Any(d => d.Count > 0);

    /// <param name="modeCount">The dataset's number of modes, or null when it has none or is unknown.</param>
    /// <exception cref="ArgumentException">The metric has no direction.</exception>
    public static ProfileScores Build(MetricSamples samples, MetricInfo metric, Func<string, int?> modeCount)
    {
        if (metric.Direction == MetricDirection.Neutral)
            throw new ArgumentException($"{metric.Name} has no better direction", nameof(metric));
        var ranges = new List<(string Dataset, ScoreRange Range)>();
        var leftOut = new List<string>();
        foreach (var dataset in samples.Datasets)
        {
            var values = samples.Arms.SelectMany(a => samples.Values(new CellKey(a, dataset, metric.Name))).ToList();
            if (values.Count == 0) continue;
            if (RangeOf(metric, modeCount(dataset), values) is { } range) ranges.Add((dataset, range));
            else leftOut.Add(dataset);
        }
        var byArm = samples.Arms.ToDictionary(arm => arm, arm => (IReadOnlyList<IReadOnlyList<double>>)ranges
            .Select(r => samples.Values(new CellKey(arm, r.Dataset, metric.Name)).Select(r.Range.Normalize).ToList())
            .ToList(), StringComparer.Ordinal);
        return new ProfileScores(metric, samples.Arms, byArm, ranges.ToDictionary(r => r.Dataset, r => r.Range, StringComparer.Ordinal), leftOut);
    }

    private static ScoreRange? RangeOf(MetricInfo metric, int? modes, IReadOnlyList<double> values)
    {
        bool higher = metric.Direction == MetricDirection.HigherIsBetter;
        ScoreRange Oriented(double low, double high, ScoreScale scale) => higher ? new(low, high, scale) : new(high, low, scale);
        if (metric.Minimum is double min && metric.Maximum is double max && max > min)
            return Oriented(min, max, ScoreScale.DeclaredRange);
        if (metric.Name == ModeCoverageEvaluator.ModesCovered.Name && modes is > 0)
            return Oriented(0, modes.Value, ScoreScale.ModeCount);
        double lowest = values.Min(), highest = values.Max();
        return highest > lowest ? Oriented(lowest, highest, ScoreScale.RunRange) : null;
    }
}
