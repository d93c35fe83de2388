using GanBench.Core.Compare;
using GanBench.Core.Results;
using GanBench.Core.Statistics;

namespace GanBench.History;

/// <summary>One run's value of a trend: the IQM of the ok seeds, their quartiles as the band, and whether the gate fired.</summary>
public sealed record TrendPoint(double? Iqm, double? LowerQuartile, double? UpperQuartile, int Seeds, bool GateFired);

/// <summary>A metric of an arm on a dataset across the chosen runs, one point per run (in <see cref="TrendTable.Entries"/> order).</summary>
public sealed record TrendRow(CellKey Key, MetricDirection Direction, IReadOnlyList<TrendPoint> Points);

public sealed record TrendTable(string Experiment, IReadOnlyList<HistoryEntry> Entries, IReadOnlyList<TrendRow> Rows);

/// <summary>Per arm × dataset × metric, how the last runs of an experiment went.</summary>
public static class HistoryTrends
{
    /// <param name="metric">Only this metric; null: every metric with a direction (diagnostics have no trend to watch).</param>
    public static TrendTable Build(HistoryStore store, string experiment, int last, string? metric)
    {
        var entries = store.Entries(experiment).TakeLast(last).ToList();
        var samples = entries.Select(e => MetricSamples.FromTrials(store.Runs(e).Select(r => r.Trial))).ToList();
        var fired = store.Marks(experiment).Where(m => m.Verdict == nameof(CellVerdict.Regression))
            .Select(m => (m.EntryId, new CellKey(m.Arm, m.Dataset, m.Metric))).ToHashSet();

        var keys = samples.SelectMany(s => s.Cells).Distinct()
            .Where(k => metric is null ? MetricCatalog.Get(k.Metric).Direction != MetricDirection.Neutral : k.Metric == metric).ToList();
        var arms = samples.SelectMany(s => s.Arms).Distinct(StringComparer.Ordinal).ToList();
        var datasets = samples.SelectMany(s => s.Datasets).Distinct(StringComparer.Ordinal).ToList();
        var metrics = MetricCatalog.Order(keys.Select(k => k.Metric)).Select(m => m.Name).ToList();
        var ordered = keys.OrderBy(k => arms.IndexOf(k.Arm)).ThenBy(k => datasets.IndexOf(k.Dataset)).ThenBy(k => metrics.IndexOf(k.Metric));

        var rows = ordered.Select(key => new TrendRow(key, MetricCatalog.Get(key.Metric).Direction,
            entries.Select((entry, i) => Point(samples[i].Values(key), fired.Contains((entry.Id, key)))).ToList())).ToList();
        return new TrendTable(experiment, entries, rows);
    }

    private static TrendPoint Point(IReadOnlyList<double> values, bool gateFired)
    {
        if (values.Count == 0) return new TrendPoint(null, null, null, 0, gateFired);
        return new TrendPoint(RobustStatistics.InterquartileMean(values), RobustStatistics.Quantile(values, 0.25), RobustStatistics.Quantile(values, 0.75), values.Count, gateFired);
    }
}
