using ScottPlot;
using ScottPlot.TickGenerators;

namespace GanBench.Reports;

/// <summary>One run's point of a trend line: the IQM over seeds, the quartile band, and whether the gate fired there.</summary>
public sealed record TrendValue(double? Center, double? Low, double? High, bool GateFired);

/// <summary>An arm's line in a trend panel, one value per run label.</summary>
public sealed record TrendLine(string Arm, IReadOnlyList<TrendValue> Values);

/// <summary>The trend of one metric on one dataset.</summary>
public sealed record TrendPanel(string Dataset, IReadOnlyList<TrendLine> Lines);

/// <summary>`history show`'s figures: a metric against the run label, one panel per dataset, one line per arm.</summary>
public static class TrendPlots
{
    public static string FileName(string metric) => $"history_{Figure.Slug(metric)}.png";

    /// <summary>A folder name for an experiment's trend plots.</summary>
    public static string FolderName(string experiment) => Figure.Slug(experiment);

    /// <summary>Draws one PNG: the IQM over seeds as a line, the interquartile range of the seeds as a band, and a red
    /// cross on every run where the gate found a regression in that cell.</summary>
    public static void Draw(string path, string experiment, string metric, IReadOnlyList<string> labels, IReadOnlyList<TrendPanel> panels)
    {
        var arms = panels.SelectMany(p => p.Lines.Select(l => l.Arm)).Distinct(StringComparer.Ordinal).ToList();
        var plots = new List<Plot>();
        foreach (var panel in panels)
        {
            var plot = Figure.NewPanel($"{metric} on {panel.Dataset}", "run", $"{metric} (IQM over seeds)");
            foreach (var line in panel.Lines)
                DrawLine(plot, line, Figure.ArmColor(arms.IndexOf(line.Arm)));
            LabelRuns(plot, labels);
            plots.Add(plot);
        }
        plots.Add(Figure.LegendPanel(arms.Select(a => (a, Figure.ArmColor(arms.IndexOf(a)), LinePattern.Solid)),
            "band: interquartile range of the seeds; red ×: the gate found a regression there"));
        Figure.SaveGrid(path, $"{experiment}: {metric} over the last {labels.Count} run(s)", plots, 2, 640, 420);
    }

    private static void DrawLine(Plot plot, TrendLine line, Color color)
    {
        var points = line.Values.Select((v, i) => (X: (double)i, v)).Where(p => p.v.Center is not null).ToList();
        if (points.Count == 0) return;
        double[] xs = [.. points.Select(p => p.X)];
        var banded = points.Where(p => p.v.Low is not null && p.v.High is not null && p.v.High > p.v.Low).ToList();
        if (banded.Count >= 2)
        {
            var band = plot.Add.FillY([.. banded.Select(p => p.X)], [.. banded.Select(p => p.v.Low!.Value)], [.. banded.Select(p => p.v.High!.Value)]);
            band.FillColor = color.WithAlpha(0.18);
            band.LineWidth = 0;
        }
        var scatter = plot.Add.Scatter(xs, [.. points.Select(p => p.v.Center!.Value)], color);
        scatter.LineWidth = 2.5f;
        scatter.MarkerSize = 7;
        foreach (var (x, value) in points.Where(p => p.v.GateFired))
        {
            var cross = plot.Add.Marker(x, value.Center!.Value, MarkerShape.Cross, 18, Colors.Red);
            cross.MarkerLineWidth = 3;
        }
    }

    /// <summary>Run labels as the x ticks; with many runs every k-th, so that they stay legible.</summary>
    private static void LabelRuns(Plot plot, IReadOnlyList<string> labels)
    {
        var ticks = new NumericManual();
        int stride = Math.Max(1, (int)Math.Ceiling(labels.Count / 8.0));
        for (int i = 0; i < labels.Count; i += stride)
            ticks.AddMajor(i, labels[i].Length > 14 ? labels[i][..13] + "…" : labels[i]);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(-0.5, Math.Max(0.5, labels.Count - 0.5));
    }
}
