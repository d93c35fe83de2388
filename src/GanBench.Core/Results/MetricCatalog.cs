namespace GanBench.Core.Results;

/// <summary>Known metrics with their direction and a one-line description used in table legends.</summary>
/// <remarks>Names found in data but not listed here are reported as Neutral rather than rejected:
/// plugins and newer trainers may log metrics this registry has not heard of yet.</remarks>
public static class MetricCatalog
{
    /// <summary>
    /// Every metric, from the declarations of what records it: the point evaluators in column order,
    /// then the critic diagnostics, the protocols' measurements and the image metrics. A metric two
    /// of them record (modes_covered on points and on stacked images) is listed once.
    /// </summary>
    private static readonly MetricInfo[] KnownList = Evaluation.PointEvaluators.All.SelectMany(e => e.Metrics)
        .Concat(Evaluation.CriticMetrics.All).Concat(Evaluation.ProtocolMetrics.All).Concat(Evaluation.ImageMetricInfos.All)
        .DistinctBy(m => m.Name).ToArray();

    /// <summary>The headline metrics, in catalog order: report verdicts and tables, the console's narrow summary.</summary>
    public static IReadOnlyList<string> Headline { get; } = KnownList.Where(m => m.Headline).Select(m => m.Name).ToList();
    /// <summary>The console's wide summary columns, from each metric's <see cref="MetricInfo.ConsoleColumn"/>.</summary>
    public static IReadOnlyList<string> ConsoleColumns { get; } = KnownList.Where(m => m.ConsoleColumn is not null).OrderBy(m => m.ConsoleColumn).Select(m => m.Name).ToList();
    /// <summary>Training-curve panels for point datasets, with their scale.</summary>
    public static IReadOnlyList<(string Metric, bool Log)> PointPanels { get; } = KnownList.Where(m => m.PointPanel is not null).OrderBy(m => m.PointPanel).Select(m => (m.Name, m.LogScale)).ToList();
    /// <summary>Training-curve panels for image datasets, with their scale.</summary>
    public static IReadOnlyList<(string Metric, bool Log)> ImagePanels { get; } = KnownList.Where(m => m.ImagePanel is not null).OrderBy(m => m.ImagePanel).Select(m => (m.Name, m.LogScale)).ToList();

    /// <summary>
    /// The metric columns of a results folder: every metric that one of its trials records, by the
    /// kind of its dataset (points or images), its schedule and the optional measurements its trials turn
    /// on, so a standard run has no column that only a protocol fills, a point-data run none that only
    /// images fill, and a run without <c>eval.critic_refit</c> none that only the refit fills.
    /// </summary>
    public static IReadOnlyList<string> Columns(IEnumerable<MetricScope> datasetKinds, IEnumerable<string> schedules, IEnumerable<string>? optionalMeasurements = null)
    {
        var kinds = datasetKinds.ToHashSet();
        var kindsOfSchedule = schedules.ToHashSet(StringComparer.Ordinal);
        var measurements = (optionalMeasurements ?? []).ToHashSet(StringComparer.Ordinal);
        return KnownList
            .Where(m => (m.Scope == MetricScope.Any ? kinds.Count > 0 : kinds.Contains(m.Scope)) && m.WrittenBy.Any(kindsOfSchedule.Contains))
            .Where(m => m.OnlyWith is null || measurements.Contains(m.OnlyWith))
            .Select(m => m.Name)
            .ToList();
    }

    private static readonly Dictionary<string, (MetricInfo Info, int Order)> ByName =
        KnownList.Select((m, i) => (m, i)).ToDictionary(p => p.m.Name, p => (p.m, p.i), StringComparer.Ordinal);

    public static IReadOnlyList<MetricInfo> Known => KnownList;

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    /// <summary>The registered info, or Neutral with an empty description for an unknown name.</summary>
    public static MetricInfo Get(string name) =>
        ByName.TryGetValue(name, out var entry) ? entry.Info : new MetricInfo(name, MetricDirection.Neutral, "");

    /// <summary>Catalog order for known metrics, then unknown ones in ordinal order.</summary>
    /// <remarks>The order must not depend on dictionary or file column order, so that a summary built
    /// from the trainer's records and one rebuilt from runs.csv come out identical.</remarks>
    public static IReadOnlyList<MetricInfo> Order(IEnumerable<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        return distinct
            .OrderBy(n => ByName.TryGetValue(n, out var e) ? e.Order : int.MaxValue)
            .ThenBy(n => n, StringComparer.Ordinal)
            .Select(Get)
            .ToList();
    }
}
