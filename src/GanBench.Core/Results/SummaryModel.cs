namespace GanBench.Core.Results;

/// <summary>What a comparison with the baseline arm concluded for one metric.</summary>
public enum ComparisonVerdict
{
    /// <summary>No p-value (too few seeds, or zero variance with different means).</summary>
    Undefined,
    IsBaseline,
    Better,
    Worse,
    /// <summary>Significantly higher for a Neutral metric, where higher is neither good nor bad.</summary>
    Higher,
    Lower,
    /// <summary>Exactly equal means.</summary>
    Same,
    NotSignificant,
}

public sealed record StatusCounts(int Ok, int Diverged, int Failed, int Timeout)
{
    public int Total => Ok + Diverged + Failed + Timeout;
}

public sealed record BaselineComparison(double? Ratio, double? PValue, ComparisonVerdict Verdict)
{
    public string Word => Verdict switch
    {
        ComparisonVerdict.IsBaseline => "baseline",
        ComparisonVerdict.Better => "better",
        ComparisonVerdict.Worse => "worse",
        ComparisonVerdict.Higher => "higher",
        ComparisonVerdict.Lower => "lower",
        ComparisonVerdict.Same => "same",
        ComparisonVerdict.NotSignificant => "n.s.",
        _ => "",
    };
}

/// <param name="Rank">1 = best among the arms of the same table; ties share a rank; null for
/// Neutral metrics and for arms without a mean.</param>
/// <param name="Comparison">Null when the model has no baseline arm.</param>
/// <param name="Values">The finite values of the ok seeds the statistics are computed from.</param>
/// <param name="Leads">For the best arm (rank 1): whether it is significantly better than every other
/// arm with a value (Welch p &lt; <see cref="SummaryModel.SignificanceLevel"/>, each side with at
/// least <see cref="SummaryModel.MinSeedsToCompare"/> seeds). Only then may a report call it the best.
/// Null for other cells.</param>
public sealed record MetricCell(MetricInfo Metric, SampleStatistics Stats, int? Rank, BaselineComparison? Comparison)
{
    public IReadOnlyList<double> Values { get; init; } = [];
    public bool? Leads { get; init; }
}

public sealed record SummaryRow(string Dataset, string Arm, int? Step, StatusCounts Counts, IReadOnlyList<MetricCell> Cells)
{
    public MetricCell? Cell(string metric) => Cells.FirstOrDefault(c => c.Metric.Name == metric);
}

/// <summary>All arms of one dataset, either at the end of training (Step null) or at one curve step.</summary>
public sealed record SummaryTable(string Dataset, int? Step, IReadOnlyList<MetricInfo> Metrics, IReadOnlyList<SummaryRow> Rows)
{
    /// <summary>True when some arm has a value for the metric: a results folder can hold columns that
    /// only another dataset fills (modes_covered on fashion_mnist), which narrow views leave out.</summary>
    public bool Measured(string metric) => Rows.Any(r => r.Cell(metric)?.Stats.Mean is not null);
}

/// <summary>The one summary that every exporter renders, so that the CSV, Markdown and console
/// outputs cannot disagree (BenchmarkDotNet's design). Exporters format; they never compute.</summary>
public sealed class SummaryModel
{
    /// <summary>Two-sided level below which a difference gets a better/worse word. Not corrected for
    /// multiple comparisons: with many arms × metrics, some "better"s are expected by chance.</summary>
    public const double SignificanceLevel = 0.05;

    /// <summary>Seeds each side needs before two arms are compared at all: with two, a t interval spans
    /// more than ±12 standard errors and a "significant" difference is mostly luck.</summary>
    public const int MinSeedsToCompare = 3;

    /// <summary>How many curve steps are picked when none are given.</summary>
    public const int DefaultCurveStepCount = 4;

    public string? BaselineArm { get; }
    public IReadOnlyList<string> Datasets { get; }
    public IReadOnlyList<string> Arms { get; }
    /// <summary>One table per dataset, in dataset order.</summary>
    public IReadOnlyList<SummaryTable> Final { get; }
    /// <summary>Per dataset, one table per selected curve step, in step order.</summary>
    public IReadOnlyList<SummaryTable> Curves { get; }

    private SummaryModel(string? baselineArm, IReadOnlyList<string> datasets, IReadOnlyList<string> arms,
        IReadOnlyList<SummaryTable> final, IReadOnlyList<SummaryTable> curves)
    {
        BaselineArm = baselineArm;
        Datasets = datasets;
        Arms = arms;
        Final = final;
        Curves = curves;
    }

    /// <param name="curveSteps">Steps to summarise curves at. Null picks <see cref="DefaultCurveStepCount"/>
    /// steps spread over the steps that every Ok trial of the dataset evaluated (first, ~1/3, ~2/3, last):
    /// taking the steps common to the whole dataset, rather than per arm, keeps one set of columns per
    /// dataset so arms are compared at the same point of training.</param>
    public static SummaryModel Build(IEnumerable<TrialRecord> trials, IEnumerable<CurvePoint> curves,
        string? baselineArm = null, IReadOnlyList<int>? curveSteps = null)
    {
        var trialList = trials.ToList();
        var duplicate = trialList.GroupBy(t => t.TrialId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Trial id '{duplicate.Key}' appears {duplicate.Count()} times; each trial must be recorded once.", nameof(trials));

        var datasets = trialList.Select(t => t.Dataset).Distinct(StringComparer.Ordinal).ToList();
        var arms = trialList.Select(t => t.Arm).Distinct(StringComparer.Ordinal).ToList();
        if (baselineArm is not null && !arms.Contains(baselineArm, StringComparer.Ordinal))
            throw new ArgumentException(
                $"Baseline arm '{baselineArm}' has no trials. Arms present: {string.Join(", ", arms.Select(a => $"'{a}'"))}.",
                nameof(baselineArm));

        var finalMetrics = MetricCatalog.Order(trialList.SelectMany(t => t.Metrics.Keys));
        var final = new List<SummaryTable>();
        var curveTables = new List<SummaryTable>();

        // Last point wins when a trial logged the same step twice (e.g. a resumed run).
        var pointsByTrial = new Dictionary<string, SortedDictionary<int, CurvePoint>>(StringComparer.Ordinal);
        foreach (var p in curves)
        {
            if (!pointsByTrial.TryGetValue(p.TrialId, out var bySteps))
                pointsByTrial[p.TrialId] = bySteps = new SortedDictionary<int, CurvePoint>();
            bySteps[p.Step] = p;
        }
        var curveMetrics = MetricCatalog.Order(pointsByTrial.Values.SelectMany(s => s.Values).SelectMany(p => p.Metrics.Keys));

        foreach (var dataset in datasets)
        {
            var ofDataset = trialList.Where(t => t.Dataset == dataset).ToList();
            var groups = arms
                .Select(arm => (Arm: arm, Trials: ofDataset.Where(t => t.Arm == arm).ToList()))
                .Where(g => g.Trials.Count > 0)
                .ToList();
            var counts = groups.ToDictionary(g => g.Arm, g => Count(g.Trials), StringComparer.Ordinal);

            final.Add(BuildTable(dataset, null, finalMetrics, baselineArm, counts,
                groups.Select(g => (g.Arm, Values: (Func<string, IEnumerable<double?>>)(metric =>
                    g.Trials.Where(t => t.Status == TrialStatus.Ok).Select(t => Value(t.Metrics, metric))))).ToList()));

            var okWithCurves = ofDataset
                .Where(t => t.Status == TrialStatus.Ok && pointsByTrial.ContainsKey(t.TrialId))
                .ToList();
            if (okWithCurves.Count == 0 || curveMetrics.Count == 0) continue;
            var steps = curveSteps ?? PickSteps(okWithCurves.Select(t => (IEnumerable<int>)pointsByTrial[t.TrialId].Keys).ToList());
            foreach (var step in steps.Distinct().Order())
            {
                curveTables.Add(BuildTable(dataset, step, curveMetrics, baselineArm, counts,
                    groups.Select(g => (g.Arm, Values: (Func<string, IEnumerable<double?>>)(metric =>
                        g.Trials.Where(t => t.Status == TrialStatus.Ok).Select(t =>
                            pointsByTrial.TryGetValue(t.TrialId, out var s) && s.TryGetValue(step, out var p)
                                ? Value(p.Metrics, metric)
                                : null)))).ToList()));
            }
        }

        return new SummaryModel(baselineArm, datasets, arms, final, curveTables);
    }

    /// <summary>First, ~1/3, ~2/3 and last of the steps that every trial evaluated.</summary>
    public static IReadOnlyList<int> PickSteps(IReadOnlyList<IEnumerable<int>> stepsPerTrial, int count = DefaultCurveStepCount)
    {
        if (stepsPerTrial.Count == 0) return [];
        var common = new SortedSet<int>(stepsPerTrial[0]);
        foreach (var s in stepsPerTrial.Skip(1)) common.IntersectWith(s);
        var sorted = common.ToList();
        if (sorted.Count <= count) return sorted;
        return Enumerable.Range(0, count)
            .Select(i => sorted[(int)Math.Round(i * (sorted.Count - 1) / (double)(count - 1), MidpointRounding.AwayFromZero)])
            .Distinct()
            .ToList();
    }

    private static double? Value(IReadOnlyDictionary<string, double?> metrics, string name) =>
        metrics.TryGetValue(name, out var v) ? v : null;

    private static StatusCounts Count(IReadOnlyList<TrialRecord> trials) => new(
        trials.Count(t => t.Status == TrialStatus.Ok),
        trials.Count(t => t.Status == TrialStatus.Diverged),
        trials.Count(t => t.Status == TrialStatus.Failed),
        trials.Count(t => t.Status == TrialStatus.Timeout));

    private static SummaryTable BuildTable(string dataset, int? step, IReadOnlyList<MetricInfo> metrics, string? baselineArm,
        IReadOnlyDictionary<string, StatusCounts> counts,
        IReadOnlyList<(string Arm, Func<string, IEnumerable<double?>> Values)> groups)
    {
        // samples[metric][arm] = finite values that count
        var samples = new Dictionary<string, Dictionary<string, (IReadOnlyList<double> Values, SampleStatistics Stats)>>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            var byArm = new Dictionary<string, (IReadOnlyList<double>, SampleStatistics)>(StringComparer.Ordinal);
            foreach (var (arm, values) in groups)
            {
                var (kept, excluded) = ArmStatistics.Finite(values(metric.Name));
                byArm[arm] = (kept, ArmStatistics.Describe(kept, excluded));
            }
            samples[metric.Name] = byArm;
        }

        var rows = new List<SummaryRow>();
        foreach (var (arm, _) in groups)
        {
            var cells = new List<MetricCell>();
            foreach (var metric in metrics)
            {
                var byArm = samples[metric.Name];
                var (values, stats) = byArm[arm];
                int? rank = Rank(metric.Direction, stats.Mean, byArm.Values.Select(v => v.Stats.Mean));
                BaselineComparison? comparison = null;
                if (baselineArm is not null)
                {
                    comparison = byArm.TryGetValue(baselineArm, out var baseline)
                        ? Compare(arm == baselineArm, metric.Direction, values, stats, baseline.Values, baseline.Stats)
                        : new BaselineComparison(null, null, ComparisonVerdict.Undefined);
                }
                bool? leads = rank == 1 ? Leads(arm, byArm) : null;
                cells.Add(new MetricCell(metric, stats, rank, comparison) { Values = values, Leads = leads });
            }
            rows.Add(new SummaryRow(dataset, arm, step, counts[arm], cells));
        }
        return new SummaryTable(dataset, step, metrics, rows);
    }

    /// <summary>Whether <paramref name="arm"/> beats every other arm with a value, significantly and with enough seeds on both sides.</summary>
    private static bool Leads(string arm, Dictionary<string, (IReadOnlyList<double> Values, SampleStatistics Stats)> byArm)
    {
        var mine = byArm[arm].Values;
        var others = byArm.Where(kv => kv.Key != arm && kv.Value.Stats.Mean is not null).Select(kv => kv.Value.Values).ToList();
        if (others.Count == 0 || mine.Count < MinSeedsToCompare) return false;
        return others.All(o => o.Count >= MinSeedsToCompare && ArmStatistics.WelchTest(mine, o) is { PValue: < SignificanceLevel } w && w.T != 0);
    }

    /// <summary>Competition ranking ("1224"): an arm's rank is 1 + the number of arms strictly better.</summary>
    private static int? Rank(MetricDirection direction, double? mean, IEnumerable<double?> allMeans)
    {
        if (direction == MetricDirection.Neutral || mean is not double m) return null;
        int better = allMeans.Count(o => o is double x && (direction == MetricDirection.HigherIsBetter ? x > m : x < m));
        return better + 1;
    }

    private static BaselineComparison Compare(bool isBaseline, MetricDirection direction,
        IReadOnlyList<double> values, SampleStatistics stats, IReadOnlyList<double> baselineValues, SampleStatistics baselineStats)
    {
        double? ratio = stats.Mean is double m && baselineStats.Mean is double b && b != 0.0 ? m / b : null;
        if (isBaseline) return new BaselineComparison(ratio, null, ComparisonVerdict.IsBaseline);
        if (values.Count < MinSeedsToCompare || baselineValues.Count < MinSeedsToCompare) return new BaselineComparison(ratio, null, ComparisonVerdict.Undefined);
        var welch = ArmStatistics.WelchTest(values, baselineValues);
        if (welch is null) return new BaselineComparison(ratio, null, ComparisonVerdict.Undefined);

        double diff = stats.Mean!.Value - baselineStats.Mean!.Value;
        ComparisonVerdict verdict;
        if (diff == 0.0) verdict = ComparisonVerdict.Same;
        else if (welch.PValue >= SignificanceLevel) verdict = ComparisonVerdict.NotSignificant;
        else verdict = direction switch
        {
            MetricDirection.HigherIsBetter => diff > 0 ? ComparisonVerdict.Better : ComparisonVerdict.Worse,
            MetricDirection.LowerIsBetter => diff < 0 ? ComparisonVerdict.Better : ComparisonVerdict.Worse,
            _ => diff > 0 ? ComparisonVerdict.Higher : ComparisonVerdict.Lower,
        };
        return new BaselineComparison(ratio, welch.PValue, verdict);
    }
}
