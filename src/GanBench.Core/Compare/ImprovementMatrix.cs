using GanBench.Core.Results;
using GanBench.Core.Statistics;

namespace GanBench.Core.Compare;

/// <param name="Datasets">Datasets on which both arms have values; the average runs over these alone.</param>
/// <param name="Value">The average probability of improvement with its bootstrap interval; null on the
/// diagonal and when the arms share no dataset (an arm whose every trial diverged shares none).</param>
public sealed record ImprovementCell(int Datasets, ConfidenceInterval? Value);

/// <summary>
/// Every arm against every other on one metric: cell (X, Y) is the probability that a seed of X beats
/// a seed of Y (ties count half), oriented by the metric's direction, on the final values of ok trials
/// (the population of the summaries), averaged over the datasets where both arms have values, as
/// rliable's average probability of improvement averages over tasks.
/// </summary>
public sealed class ImprovementMatrix
{
    /// <summary>Fixed, so that a rebuilt report draws the same intervals.</summary>
    public const int BootstrapSeed = 0;

    private readonly ImprovementCell[,] _cells;

    public MetricInfo Metric { get; }
    /// <summary>Rows and columns, in the experiment's order.</summary>
    public IReadOnlyList<string> Arms { get; }

    private ImprovementMatrix(MetricInfo metric, IReadOnlyList<string> arms, ImprovementCell[,] cells)
    {
        Metric = metric;
        Arms = arms;
        _cells = cells;
    }

    /// <summary>P(a seed of row beats a seed of column).</summary>
    public ImprovementCell Cell(int row, int column) => _cells[row, column];

    public ImprovementCell Cell(string row, string column) => Cell(IndexOf(row), IndexOf(column));

    /// <exception cref="ArgumentException">The metric has no direction, so "beats" means nothing.</exception>
    public static ImprovementMatrix Build(MetricSamples samples, MetricInfo metric, int resamples = Bootstrap.DefaultResamples)
    {
        if (metric.Direction == MetricDirection.Neutral)
            throw new ArgumentException($"{metric.Name} has no better direction", nameof(metric));
        var arms = samples.Arms;
        var cells = new ImprovementCell[arms.Count, arms.Count];
        for (int i = 0; i < arms.Count; i++)
        {
            cells[i, i] = new ImprovementCell(0, null);
            for (int j = i + 1; j < arms.Count; j++)
            {
                var tasks = samples.Datasets
                    .Select(d => new TaskPair(Oriented(samples, arms[i], d, metric), Oriented(samples, arms[j], d, metric)))
                    .Where(t => t.X.Count > 0 && t.Y.Count > 0).ToList();
                var interval = tasks.Count == 0 ? null : AverageProbabilityOfImprovement.Ci(tasks, BootstrapSeed, resamples);
                cells[i, j] = new ImprovementCell(tasks.Count, interval);
                // Ties count half, so P(Y beats X) = 1 − P(X beats Y) exactly, on every resample too.
                cells[j, i] = new ImprovementCell(tasks.Count, interval is null ? null
                    : new ConfidenceInterval(1 - interval.Estimate, 1 - interval.Upper, 1 - interval.Lower, interval.Level));
            }
        }
        return new ImprovementMatrix(metric, arms, cells);
    }

    /// <summary>Values flipped in sign for lower-is-better metrics, so that "greater" always means "better".</summary>
    private static IReadOnlyList<double> Oriented(MetricSamples samples, string arm, string dataset, MetricInfo metric)
    {
        var values = samples.Values(new CellKey(arm, dataset, metric.Name));
        return metric.Direction == MetricDirection.LowerIsBetter ? values.Select(v => -v).ToList() : values;
    }

    private int IndexOf(string arm)
    {
        int index = Arms.ToList().IndexOf(arm);
        return index >= 0 ? index : throw new ArgumentException($"no arm '{arm}'; arms: {string.Join(", ", Arms)}", nameof(arm));
    }
}
