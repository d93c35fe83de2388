using GanBench.Core.Results;
using ScottPlot;

namespace GanBench.Reports;

/// <summary>
/// Training curves per dataset: one panel per headline metric, one line per arm (mean over its ok seeds)
/// with a 95% Student-t band; gradient norms on a log scale (geometric mean and band of log10 values),
/// so that a vanishing or exploding gradient shows as a straight drop or rise. Diverged or failed seeds
/// are drawn as thin dashed lines up to where they stopped, so survivors cannot hide them.
/// </summary>
internal sealed class CurvePlots(ResultsData data, string plotsDirectory, List<string> notes)
{
    /// <summary>Point datasets: the panels their metrics declare (MetricInfo.PointPanel).</summary>
    public static IReadOnlyList<(string Metric, bool Log)> Panels => MetricCatalog.PointPanels;

    /// <summary>Image datasets: the classifier metrics first; modes_covered only where it is measured (the stacked set).</summary>
    public static IReadOnlyList<(string Metric, bool Log)> ImagePanels => MetricCatalog.ImagePanels;

    public IEnumerable<PlotFile> Draw()
    {
        var byTrial = data.Curves.GroupBy(p => p.TrialId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Step).ToList());
        foreach (var dataset in data.Datasets)
        {
            var runs = data.Runs.Where(r => r.Trial.Dataset == dataset).ToList();
            var arms = data.Arms.Where(a => runs.Any(r => r.Trial.Arm == a)).ToList();
            if (!runs.Any(r => byTrial.ContainsKey(r.Trial.TrialId)))
            {
                notes.Add($"{dataset}: no curves recorded; training curves not drawn.");
                continue;
            }
            var panels = new List<Plot>();
            var recorded = runs.Where(r => byTrial.ContainsKey(r.Trial.TrialId)).SelectMany(r => byTrial[r.Trial.TrialId]).SelectMany(p => p.Metrics.Where(kv => kv.Value is not null).Select(kv => kv.Key)).ToHashSet(StringComparer.Ordinal);
            var chosen = recorded.Contains("fcd") ? ImagePanels.Where(p => recorded.Contains(p.Metric)).ToList() : Panels;
            foreach (var (metric, log) in chosen)
            {
                var info = MetricCatalog.Get(metric);
                var plot = Figure.NewPanel(metric, "generator step", log ? $"{metric} (log scale)" : metric);
                bool any = false;
                for (int a = 0; a < arms.Count; a++)
                {
                    var color = Figure.ArmColor(data, arms[a]);
                    var armRuns = runs.Where(r => r.Trial.Arm == arms[a]).ToList();
                    var ok = armRuns.Where(r => r.Trial.Status == TrialStatus.Ok).ToList();
                    // A band from fewer than 3 seeds says little; show the seeds themselves instead.
                    if (ok.Count >= SummaryModel.MinSeedsToCompare)
                        any |= DrawMean(plot, ok, byTrial, info, log, color);
                    else
                        foreach (var run in ok) any |= DrawSingle(plot, run, byTrial, metric, log, color, dashed: false);
                    foreach (var run in armRuns.Where(r => r.Trial.Status != TrialStatus.Ok))
                        any |= DrawSingle(plot, run, byTrial, metric, log, color, dashed: true);
                }
                if (!any)
                {
                    panels.Add(Figure.MessagePanel(metric, $"{metric} has no finite value in curves.csv"));
                    continue;
                }
                if (log) Figure.LogY(plot);
                panels.Add(plot);
            }
            panels.Add(Figure.LegendPanel(
                arms.Select(a => (a, Figure.ArmColor(data, a), LinePattern.Solid)),
                "thick line: mean over ok seeds with a 95% CI band (Student t), clipped to the metric's range; arms with fewer than 3 ok seeds: one thin line per seed; log panels: geometric mean; dashed: a diverged or failed seed up to where it stopped"));
            string file = $"curves_{Figure.Slug(dataset)}.png";
            Figure.SaveGrid(Path.Combine(plotsDirectory, file), $"{dataset}: training curves, mean ± 95% CI over seeds", panels, 3, 520, 400);
            yield return new PlotFile("curves", dataset, ReportGenerator.PlotsFolder + "/" + file,
                "mean over ok seeds with a 95% CI band; gradient norms on a log scale; dashed lines: diverged or failed seeds");
        }
    }


    /// <summary>
    /// Mean and 95% band of one step's values (log10 values on a log panel), the band cut to the
    /// metric's range: a CI of modes or distances that dips below 0 describes nothing that can happen.
    /// </summary>
    public static (double Mean, double Low, double High)? Band(IReadOnlyList<double?> values, MetricInfo info, bool log)
    {
        var s = ArmStatistics.Describe(values);
        if (s.Mean is not double m) return null;
        double lowest = info.Minimum is double min ? (log ? (min > 0 ? Math.Log10(min) : double.NegativeInfinity) : min) : double.NegativeInfinity;
        double highest = info.Maximum is double max ? (log ? Math.Log10(max) : max) : double.PositiveInfinity;
        double ci = s.Ci95HalfWidth ?? 0.0;
        return (m, Math.Max(lowest, m - ci), Math.Min(highest, m + ci));
    }

    private static bool DrawMean(Plot plot, IEnumerable<RunRecord> okRuns, Dictionary<string, List<CurvePoint>> byTrial, MetricInfo info, bool log, Color color)
    {
        string metric = info.Name;
        var byStep = new SortedDictionary<int, List<double?>>();
        foreach (var run in okRuns)
        {
            if (!byTrial.TryGetValue(run.Trial.TrialId, out var points)) continue;
            foreach (var p in points)
            {
                if (!byStep.TryGetValue(p.Step, out var list)) byStep[p.Step] = list = [];
                list.Add(Figure.AxisValue(p.Metrics.GetValueOrDefault(metric), log));
            }
        }
        var xs = new List<double>();
        var mean = new List<double>();
        var lo = new List<double>();
        var hi = new List<double>();
        foreach (var (step, values) in byStep)
        {
            if (Band(values, info, log) is not var (m, low, high)) continue;
            xs.Add(step);
            mean.Add(m);
            lo.Add(low);
            hi.Add(high);
        }
        if (xs.Count == 0) return false;
        if (hi.Zip(lo).Any(p => p.First > p.Second))
        {
            var band = plot.Add.FillY([.. xs], [.. lo], [.. hi]);
            band.FillColor = color.WithAlpha(0.2);
            band.LineWidth = 0;
        }
        var line = xs.Count == 1
            ? plot.Add.ScatterPoints(xs.ToArray(), mean.ToArray(), color)
            : plot.Add.ScatterLine(xs.ToArray(), mean.ToArray(), color);
        line.LineWidth = 2.5f;
        line.MarkerSize = xs.Count == 1 ? 8 : 0;
        return true;
    }

    private static bool DrawSingle(Plot plot, RunRecord run, Dictionary<string, List<CurvePoint>> byTrial, string metric, bool log, Color color, bool dashed)
    {
        if (!byTrial.TryGetValue(run.Trial.TrialId, out var points)) return false;
        var pairs = points.Select(p => (Step: (double)p.Step, Value: Figure.AxisValue(p.Metrics.GetValueOrDefault(metric), log)))
            .Where(p => p.Value is not null).ToList();
        if (pairs.Count == 0) return false;
        var line = plot.Add.ScatterLine(pairs.Select(p => p.Step).ToArray(), pairs.Select(p => p.Value!.Value).ToArray(), color.WithAlpha(0.7));
        line.LineWidth = 1.2f;
        line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
        line.MarkerSize = 5;
        line.MarkerShape = dashed ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
        return true;
    }
}
