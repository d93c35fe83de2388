namespace GanBench.Core.Results;

/// <summary>How a trial ended. Only <see cref="Ok"/> trials contribute values to the statistics;
/// the others are counted, so that a loss that diverges often cannot look good by survivorship.</summary>
public enum TrialStatus { Ok, Diverged, Failed, Timeout }

public enum MetricDirection { HigherIsBetter, LowerIsBetter, Neutral }

/// <param name="Schedules">The experiment kinds (protocol: kind) whose trials record this metric; a results
/// folder has a column for it only when one of its trials runs such a schedule.</param>
public sealed record MetricInfo(string Name, MetricDirection Direction, string Description, MetricScope Scope = MetricScope.Any, params string[] Schedules)
{
    public IReadOnlyList<string> WrittenBy => Schedules.Length > 0 ? Schedules : [Config.ProtocolConfig.Standard];

    /// <summary>The optional measurement that records it (a key path such as <c>eval.critic_refit</c>, see
    /// <see cref="Config.EvalConfig.OptionalMeasurements"/>); null: recorded whenever its scope and schedule apply.
    /// A results folder has its column only when one of its trials turns that measurement on, so files
    /// of experiments without it keep their columns.</summary>
    public string? OnlyWith { get; init; }

    /// <summary>The smallest value the metric can take (0 for counts, distances and norms), or null; plots clip bands to it.</summary>
    public double? Minimum { get; init; }
    /// <summary>The largest value it can take (1 for fractions), or null.</summary>
    public double? Maximum { get; init; }

    /// <summary>A headline metric: in the report's verdicts and tables and the console's narrow summary.</summary>
    public bool Headline { get; init; }
    /// <summary>Its column in the console's wide summary (lower first); null: not shown there.</summary>
    public int? ConsoleColumn { get; init; }
    /// <summary>Its panel in the training-curve figure of point datasets (lower first); null: no panel.</summary>
    public int? PointPanel { get; init; }
    /// <summary>Its panel in the training-curve figure of image datasets (lower first); null: no panel.</summary>
    public int? ImagePanel { get; init; }
    /// <summary>Curve panels draw it on a log scale (gradient norms, FCD), so vanishing or exploding values show as straight lines.</summary>
    public bool LogScale { get; init; }

    /// <summary><paramref name="value"/> moved into [Minimum, Maximum].</summary>
    public double Clamp(double value) => Math.Min(Maximum ?? double.PositiveInfinity, Math.Max(Minimum ?? double.NegativeInfinity, value));
}

/// <summary>Which datasets a metric is measured on; decides the columns of runs.csv and curves.csv.</summary>
public enum MetricScope { Any, Points, Images }

/// <summary>Final metric values of one trial; a null value means "not defined" (e.g. reverse_kl
/// without any high-quality sample), which is different from a bad value.</summary>
public sealed record TrialRecord(string TrialId, string Arm, string Dataset, int Seed, TrialStatus Status,
    IReadOnlyDictionary<string, double?> Metrics);

/// <summary>Metric values of one trial at one evaluated training step. Arm, dataset and seed are
/// written beside the trial id so that a plot of curves.csv needs no join with runs.csv.</summary>
public sealed record CurvePoint(string TrialId, int Step, IReadOnlyDictionary<string, double?> Metrics)
{
    public string Arm { get; init; } = "";
    public string Dataset { get; init; } = "";
    public int Seed { get; init; }
}
