using GanBench.Core.Results;
using ScottPlot;

namespace GanBench.Reports;

/// <summary>
/// The WGAN-GP paper's gradient figures: the per-layer gradient-norm profile of critic and generator
/// at the last evaluation (log scale; weight clipping makes it fall or rise geometrically with depth,
/// a penalty keeps it flat), and the histogram of critic weights (two spikes at ±c under clipping).
/// </summary>
internal sealed class GradientPlots(ResultsData data, string plotsDirectory, List<string> notes)
{
    public IEnumerable<PlotFile> Draw()
    {
        foreach (var dataset in data.Datasets)
        {
            var runs = data.Runs.Where(r => r.Trial.Dataset == dataset).ToList();
            var arms = data.Arms.Where(a => runs.Any(r => r.Trial.Arm == a)).ToList();
            var profile = DrawProfile(dataset, runs, arms);
            if (profile is not null) yield return profile;
            var weights = DrawWeights(dataset, runs, arms);
            if (weights is not null) yield return weights;
        }
    }

    private PlotFile? DrawProfile(string dataset, List<RunRecord> runs, List<string> arms)
    {
        var ids = runs.Select(r => r.Trial.TrialId).ToHashSet();
        var rows = data.LayerGradients.Where(g => ids.Contains(g.TrialId)).ToList();
        if (rows.Count == 0)
        {
            notes.Add($"{dataset}: no per-layer gradient norms recorded; layer profile not drawn.");
            return null;
        }
        var panels = new List<Plot>();
        foreach (var network in new[] { "critic", "generator" })
        {
            var plot = Figure.NewPanel($"{network}: ‖∇θ‖ per layer, last evaluation", "layer (0 = input side)", "gradient norm (log scale)");
            bool any = false;
            for (int a = 0; a < arms.Count; a++)
            {
                // Each trial's last evaluated step, so a diverged trial contributes what it had.
                var perLayer = new SortedDictionary<int, List<double?>>();
                foreach (var run in runs.Where(r => r.Trial.Arm == arms[a]))
                {
                    var mine = rows.Where(g => g.TrialId == run.Trial.TrialId && g.Network == network).ToList();
                    if (mine.Count == 0) continue;
                    int last = mine.Max(g => g.Step);
                    foreach (var g in mine.Where(g => g.Step == last))
                    {
                        if (!perLayer.TryGetValue(g.Layer, out var list)) perLayer[g.Layer] = list = [];
                        list.Add(double.IsFinite(g.GradNorm) && g.GradNorm > 0 ? Math.Log10(g.GradNorm) : null);
                    }
                }
                var xs = new List<double>();
                var mean = new List<double>();
                var lo = new List<double>();
                var hi = new List<double>();
                foreach (var (layer, values) in perLayer)
                {
                    var s = ArmStatistics.Describe(values);
                    if (s.Mean is not double m) continue;
                    // A band from fewer than 3 seeds says little; the line alone is drawn then.
                    double ci = s.N >= SummaryModel.MinSeedsToCompare ? s.Ci95HalfWidth ?? 0 : 0;
                    xs.Add(layer); mean.Add(m);
                    lo.Add(m - ci); hi.Add(m + ci);
                }
                if (xs.Count == 0) continue;
                any = true;
                var color = Figure.ArmColor(data, arms[a]);
                if (hi.Zip(lo).Any(p => p.First > p.Second))
                {
                    var band = plot.Add.FillY([.. xs], [.. lo], [.. hi]);
                    band.FillColor = color.WithAlpha(0.2);
                    band.LineWidth = 0;
                }
                var line = plot.Add.Scatter(xs.ToArray(), mean.ToArray(), color);
                line.LineWidth = 2.5f;
                line.MarkerSize = 8;
            }
            if (!any) { panels.Add(Figure.MessagePanel(network, $"no finite {network} gradient norms")); continue; }
            Figure.LogY(plot);
            Figure.IntegerX(plot);
            panels.Add(plot);
        }
        panels.Add(Figure.LegendPanel(arms.Select(a => (a, Figure.ArmColor(data, a), LinePattern.Solid)),
            "geometric mean over seeds, with a 95% CI band from 3 seeds on; each seed at its last evaluation (a diverged seed at the last one it reached)"));
        string file = $"layer_grads_{Figure.Slug(dataset)}.png";
        Figure.SaveGrid(Path.Combine(plotsDirectory, file), $"{dataset}: per-layer gradient norms", panels, 3, 520, 420);
        return new PlotFile("gradients", dataset, ReportGenerator.PlotsFolder + "/" + file,
            "gradient norm of each layer's parameters; clipped critics show a geometric fall or rise with depth, penalized critics stay flat");
    }

    private PlotFile? DrawWeights(string dataset, List<RunRecord> runs, List<string> arms)
    {
        var panels = new List<Plot>();
        for (int a = 0; a < arms.Count; a++)
        {
            var armRuns = runs.Where(r => r.Trial.Arm == arms[a]).OrderBy(r => r.Trial.Seed).ToList();
            (RunRecord Run, (double[] Edges, long[] Counts) Hist)? found = null;
            foreach (var run in armRuns)
            {
                try
                {
                    if (TrialArtifacts.ReadWeights(data.Root, run.Trial.TrialId) is { } h && h.Counts.Length > 0) { found = (run, h); break; }
                }
                catch (Exception e) when (e is FormatException or IOException or InvalidDataException)
                {
                    notes.Add($"trial {run.Trial.TrialId}: critic_weights.csv does not read ({e.Message}).");
                }
            }
            double? clip = armRuns.Select(r => r.Setup.Clip).FirstOrDefault(c => c is > 0);
            string title = clip is double c ? $"{arms[a]} (clip ±{Figure.F(c)})" : arms[a];
            if (found is not { } f)
            {
                panels.Add(Figure.MessagePanel(title, "no critic weight histogram recorded (every seed diverged or failed first?)"));
                continue;
            }
            var plot = Figure.NewPanel($"{title}, seed {f.Run.Trial.Seed}", "critic parameter value", "count");
            var (edges, counts) = f.Hist;
            var bars = new List<Bar>();
            for (int i = 0; i < counts.Length; i++)
            {
                if (!double.IsFinite(edges[i]) || !double.IsFinite(edges[i + 1])) continue;
                bars.Add(new Bar
                {
                    Position = (edges[i] + edges[i + 1]) / 2,
                    Value = counts[i],
                    Size = Math.Abs(edges[i + 1] - edges[i]),
                    FillColor = Figure.ArmColor(data, arms[a]),
                    LineWidth = 0,
                });
            }
            plot.Add.Bars(bars);
            if (clip is double cc)
            {
                plot.Add.VerticalLine(-cc, 1.5f, Colors.Red, LinePattern.Dashed);
                plot.Add.VerticalLine(cc, 1.5f, Colors.Red, LinePattern.Dashed).LegendText = "±clip";
                plot.ShowLegend(Alignment.UpperCenter);
            }
            plot.Axes.Margins(0.05, 0.1);
            panels.Add(plot);
        }
        if (panels.Count == 0) return null;
        string file = $"critic_weights_{Figure.Slug(dataset)}.png";
        Figure.SaveGrid(Path.Combine(plotsDirectory, file), $"{dataset}: critic weights at the end of training", panels, Math.Min(3, panels.Count), 480, 380);
        return new PlotFile("gradients", dataset, ReportGenerator.PlotsFolder + "/" + file,
            "histogram of every critic parameter of the first seed that finished; weight clipping piles them up at ±c");
    }
}
