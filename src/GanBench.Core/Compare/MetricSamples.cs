using GanBench.Core.Results;

namespace GanBench.Core.Compare;

/// <summary>One cell of a comparison: a metric of an arm on a dataset.</summary>
public sealed record CellKey(string Arm, string Dataset, string Metric);

/// <summary>
/// The final metric values of one results folder, per (arm, dataset, metric): the finite values of
/// the trials whose status is ok. A diverged or failed trial gives no value, as in the summaries,
/// and is counted in <see cref="Trials"/> so that a report can show how many seeds dropped out.
/// </summary>
public sealed class MetricSamples
{
    private readonly Dictionary<CellKey, IReadOnlyList<double>> _values;
    private readonly Dictionary<(string Arm, string Dataset), int> _trials;
    private readonly Dictionary<(string Arm, string Dataset), int> _okTrials;

    /// <summary>Arms in the order of their first trial in runs.csv, which is the experiment's order.</summary>
    public IReadOnlyList<string> Arms { get; }
    public IReadOnlyList<string> Datasets { get; }
    /// <summary>Every metric column that holds a value, in catalog order.</summary>
    public IReadOnlyList<string> Metrics { get; }

    private MetricSamples(Dictionary<CellKey, IReadOnlyList<double>> values, Dictionary<(string, string), int> trials, Dictionary<(string, string), int> okTrials,
        IReadOnlyList<string> arms, IReadOnlyList<string> datasets, IReadOnlyList<string> metrics)
    {
        _values = values;
        _trials = trials;
        _okTrials = okTrials;
        Arms = arms;
        Datasets = datasets;
        Metrics = metrics;
    }

    public static MetricSamples FromTrials(IEnumerable<TrialRecord> trials)
    {
        var list = trials.ToList();
        var arms = list.Select(t => t.Arm).Distinct(StringComparer.Ordinal).ToList();
        var datasets = list.Select(t => t.Dataset).Distinct(StringComparer.Ordinal).ToList();
        var metricNames = MetricCatalog.Order(list.SelectMany(t => t.Metrics.Keys)).Select(m => m.Name).ToList();
        var values = new Dictionary<CellKey, IReadOnlyList<double>>();
        var counts = new Dictionary<(string, string), int>();
        var okCounts = new Dictionary<(string, string), int>();
        foreach (var group in list.GroupBy(t => (t.Arm, t.Dataset)))
        {
            counts[group.Key] = group.Count();
            var ok = group.Where(t => t.Status == TrialStatus.Ok).ToList();
            okCounts[group.Key] = ok.Count;
            foreach (var metric in metricNames)
            {
                var (kept, _) = ArmStatistics.Finite(ok.Select(t => t.Metrics.GetValueOrDefault(metric)));
                if (kept.Count > 0) values[new CellKey(group.Key.Arm, group.Key.Dataset, metric)] = kept;
            }
        }
        var measured = metricNames.Where(m => values.Keys.Any(k => k.Metric == m)).ToList();
        return new MetricSamples(values, counts, okCounts, arms, datasets, measured);
    }

    /// <summary>The values that count, or an empty list when no ok trial has a finite value.</summary>
    public IReadOnlyList<double> Values(CellKey key) => _values.TryGetValue(key, out var v) ? v : [];

    /// <summary>Trials of the arm on the dataset, whatever their status.</summary>
    public int Trials(string arm, string dataset) => _trials.GetValueOrDefault((arm, dataset));

    /// <summary>Trials of the arm on the dataset that finished ok.</summary>
    public int OkTrials(string arm, string dataset) => _okTrials.GetValueOrDefault((arm, dataset));

    /// <summary>One value per trial of the arm on the dataset: 1 when it finished ok, 0 when it diverged, failed or
    /// timed out; the sample of the <see cref="CellPairing.OkFraction"/> cell.</summary>
    public IReadOnlyList<double> Outcomes(string arm, string dataset) =>
        [.. Enumerable.Repeat(1.0, OkTrials(arm, dataset)), .. Enumerable.Repeat(0.0, Trials(arm, dataset) - OkTrials(arm, dataset))];

    public IEnumerable<CellKey> Cells => _values.Keys;
}
