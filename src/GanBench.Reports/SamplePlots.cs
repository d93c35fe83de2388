using GanBench.Core.Results;
using ScottPlot;
using GanBench.Core.Datasets;

namespace GanBench.Reports;

/// <summary>One drawn figure: where it is (relative to the results folder) and what it shows.</summary>
public sealed record PlotFile(string Section, string Title, string RelativePath, string Caption);

/// <summary>
/// The WGAN-GP paper's 2-D figure: generator samples (in the arm's colour, as in every other figure)
/// over real data (black) on the critic's output (a light grey heatmap, one colour scale per figure so
/// panels compare), one panel per seed at the end of training, and one panel per evaluation step for
/// the seed that was recorded step by step.
/// </summary>
internal sealed class SamplePlots(ResultsData data, string plotsDirectory, List<string> notes)
{
    private const int MaxSnapshotPanels = 6, RealPoints = 1500, PanelWidth = 480, PanelHeight = 400;
    // Black is no arm's colour, so real data never reads as an arm.
    private static readonly Color RealColor = Colors.Black;

    public IEnumerable<PlotFile> Draw()
    {
        foreach (var dataset in data.Datasets)
        {
            var spec = data.Dataset(dataset);
            if (spec is not null && spec.Dimension != 2) continue;
            if (spec is null)
                throw new ReportInputException($"{dataset}: the sample plots need the dataset's definition from {ResultsDirectory.ResolvedConfigFile}, which {data.ConfigProblem ?? "does not name it"}");
            var bounds = PlotBounds.For(spec);
            var real = RealData.Sample(spec, RealPoints);

            foreach (var arm in data.Arms)
            {
                var runs = data.Runs.Where(r => r.Trial.Dataset == dataset && r.Trial.Arm == arm).OrderBy(r => r.Trial.Seed).ToList();
                if (runs.Count == 0) continue;
                var snapshots = runs.ToDictionary(r => r.Trial.TrialId, r => ReadSnapshots(r));
                var color = Figure.ArmColor(data, arm);
                var range = SurfaceRange(runs.Select(r => snapshots[r.Trial.TrialId]).Where(s => s.Count > 0).Select(s => s[^1]));

                var panels = runs.Select(r => snapshots[r.Trial.TrialId] is { Count: > 0 } s
                        ? Panel($"seed {r.Trial.Seed}{StatusSuffix(r)}, step {s[^1].Step}", s[^1], real, bounds, color, range)
                        : Figure.MessagePanel($"seed {r.Trial.Seed}{StatusSuffix(r)}", NoSnapshotText(r)))
                    .ToList();
                string slug = $"{Figure.Slug(dataset)}_{Figure.ArmSlug(data.Arms, arm)}";
                string file = $"samples_{slug}.png";
                Figure.SaveGrid(Path.Combine(plotsDirectory, file), $"{arm} on {dataset}: final samples per seed", panels, Math.Min(4, panels.Count), PanelWidth, PanelHeight);
                yield return new PlotFile("samples", $"{arm} on {dataset}", ReportGenerator.PlotsFolder + "/" + file,
                    "coloured: generator samples (the arm's colour), black: real data, grey heatmap: the critic's raw output (before any sigmoid; darker is higher), one colour scale for all panels of a figure");

                var stepwise = runs.Select(r => (Run: r, Snaps: snapshots[r.Trial.TrialId])).Where(p => p.Snaps.Count > 1).FirstOrDefault();
                if (stepwise.Run is null) continue;
                var chosen = PickEvenly(stepwise.Snaps, MaxSnapshotPanels);
                var stepRange = SurfaceRange(chosen);
                var stepPanels = chosen.Select(s => Panel($"step {s.Step}", s, real, bounds, color, stepRange)).ToList();
                if (stepwise.Run.Trial.Status != TrialStatus.Ok)
                    stepPanels.Add(Figure.MessagePanel($"after step {stepPanels.Count}", NoSnapshotText(stepwise.Run)));
                file = $"snapshots_{slug}.png";
                Figure.SaveGrid(Path.Combine(plotsDirectory, file), $"{arm} on {dataset}: seed {stepwise.Run.Trial.Seed} during training", stepPanels, Math.Min(3, stepPanels.Count), PanelWidth, PanelHeight);
                yield return new PlotFile("snapshots", $"{arm} on {dataset}, seed {stepwise.Run.Trial.Seed}", ReportGenerator.PlotsFolder + "/" + file,
                    "the same picture at evaluation steps of one seed");
            }
        }
    }

    private IReadOnlyList<SnapshotData> ReadSnapshots(RunRecord run)
    {
        try
        {
            return TrialArtifacts.ReadSnapshots(data.Root, run.Trial.TrialId);
        }
        catch (Exception e) when (e is FormatException or IOException or IndexOutOfRangeException or InvalidDataException)
        {
            notes.Add($"trial {run.Trial.TrialId} ({run.Trial.Arm}, {run.Trial.Dataset}, seed {run.Trial.Seed}): its snapshot files do not read ({e.Message}); not drawn.");
            return [];
        }
    }

    private static string StatusSuffix(RunRecord r) => r.Trial.Status == TrialStatus.Ok ? "" : $" ({RunsCsv.StatusText(r.Trial.Status)})";

    private static string NoSnapshotText(RunRecord r) => r.Trial.Status == TrialStatus.Ok
        ? "no snapshot recorded for this trial"
        : $"{RunsCsv.StatusText(r.Trial.Status)} after {r.Steps} steps: no final snapshot. {r.Message}".Trim();

    private static List<SnapshotData> PickEvenly(IReadOnlyList<SnapshotData> all, int count)
    {
        if (all.Count <= count) return [.. all];
        return Enumerable.Range(0, count).Select(i => all[(int)Math.Round(i * (all.Count - 1) / (double)(count - 1))]).Distinct().ToList();
    }

    /// <summary>One colour scale for the panels of a figure: the finite range of all their surfaces.</summary>
    private static ScottPlot.Range? SurfaceRange(IEnumerable<SnapshotData> snaps)
    {
        var values = snaps.Where(s => s.Surface is not null).SelectMany(s => s.Surface!).Where(double.IsFinite).ToList();
        if (values.Count == 0) return null;
        double lo = values.Min(), hi = values.Max();
        return new ScottPlot.Range(lo, Math.Max(hi, lo + 1e-12));
    }

    private static Plot Panel(string title, SnapshotData snap, (double[] X, double[] Y) real, PlotBounds? bounds, Color color, ScottPlot.Range? range)
    {
        var plot = Figure.NewPanel(title, "x", "y");
        if (bounds is not null && range is { } scale && snap.Surface is { } surface && snap.SurfaceResolution > 1 && surface.Any(double.IsFinite))
        {
            int n = snap.SurfaceResolution;
            var grid = new double[n, n];
            // The file is row-major with y outer and iy = 0 at the bottom; a heatmap's row 0 is its top.
            for (int iy = 0; iy < n; iy++)
                for (int ix = 0; ix < n; ix++)
                    grid[n - 1 - iy, ix] = surface[iy * n + ix];
            var heat = plot.Add.Heatmap(grid);
            // White to mid grey: light enough that black real data and coloured samples stay visible.
            heat.Colormap = new ScottPlot.Colormaps.CustomInterpolated([Colors.White, Color.FromHex("#8c8c8c")]);
            heat.ManualRange = scale;
            heat.Extent = new CoordinateRect(bounds.XMin, bounds.XMax, bounds.YMin, bounds.YMax);
            heat.NaNCellColor = Colors.Magenta;
            var bar = plot.Add.ColorBar(heat);
            bar.Label = "critic output (raw)";
        }
        if (real.X is not null)
        {
            var r = plot.Add.Markers(real.X, real.Y, MarkerShape.FilledCircle, 3, RealColor.WithAlpha(0.45));
            r.LegendText = "real";
        }
        var (fx, fy) = FinitePairs(snap.Samples);
        if (fx.Length > 0)
        {
            var f = plot.Add.Markers(fx, fy, MarkerShape.FilledCircle, 3, color.WithAlpha(0.8));
            f.LegendText = "generated";
        }
        if (fx.Length < snap.Samples.Length / 2)
            plot.Add.Annotation($"{snap.Samples.Length / 2 - fx.Length} non-finite samples not drawn", Alignment.LowerCenter);
        if (bounds is not null)
        {
            plot.Axes.SetLimits(bounds.XMin, bounds.XMax, bounds.YMin, bounds.YMax);
            int outside = Enumerable.Range(0, fx.Length).Count(i => fx[i] < bounds.XMin || fx[i] > bounds.XMax || fy[i] < bounds.YMin || fy[i] > bounds.YMax);
            if (outside > 0) plot.Add.Annotation($"{outside} of {fx.Length} samples outside this window", Alignment.UpperCenter);
        }
        // A square data area (the window is square): padding for the axis labels left and below,
        // the title above and the colour bar on the right.
        plot.Layout.Fixed(new PixelPadding(60, 110, 50, 40));
        return plot;
    }

    private static (double[] X, double[] Y) FinitePairs(double[] flat)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i + 1 < flat.Length; i += 2)
            if (double.IsFinite(flat[i]) && double.IsFinite(flat[i + 1])) { xs.Add(flat[i]); ys.Add(flat[i + 1]); }
        return ([.. xs], [.. ys]);
    }
}
