using GanBench.Core.Claims;
using ScottPlot;

namespace GanBench.Reports;

/// <summary>Draws a <see cref="ClaimChart"/> as one PNG: one colour per series group, log axes as log10 data with value labels.</summary>
public static class ClaimChartRenderer
{
    /// <summary>Writes the chart to <paramref name="path"/>; returns a note when points had to be left out (non-finite, or ≤ 0 on a log axis), else null.</summary>
    public static string? Save(ClaimChart chart, string path)
    {
        var plot = Figure.NewPanel("", chart.XLabel, chart.YLabel);
        var groups = chart.Series.Select(s => s.Group).Distinct(StringComparer.Ordinal).ToList();
        int dropped = 0, drawn = 0;
        foreach (var series in chart.Series)
        {
            var color = Figure.ArmColor(groups.IndexOf(series.Group));
            var points = series.X.Zip(series.Y).Select(p => (X: Figure.AxisValue(p.First, chart.LogX), Y: Figure.AxisValue(p.Second, chart.LogY))).ToList();
            var kept = points.Where(p => p.X is not null && p.Y is not null).Select(p => (X: p.X!.Value, Y: p.Y!.Value)).ToList();
            dropped += points.Count - kept.Count;
            if (kept.Count == 0) continue;
            drawn += kept.Count;
            var scatter = plot.Add.Scatter(kept.Select(p => p.X).ToArray(), kept.Select(p => p.Y).ToArray(), color);
            scatter.LineWidth = series.Markers ? 0 : 2;
            scatter.MarkerSize = series.Markers ? 7 : 4;
            if (series.Dashed) scatter.LinePattern = LinePattern.Dashed;
        }
        if (drawn == 0)
            plot = Figure.MessagePanel("", "no finite values to draw");
        else
        {
            if (chart.LogX) Figure.LogX(plot);
            if (chart.LogY) Figure.LogY(plot);
            foreach (var (group, i) in groups.Select((g, i) => (g, i)))
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = group, LineColor = Figure.ArmColor(i), LineWidth = 3, MarkerFillColor = Figure.ArmColor(i) });
            plot.Legend.FontSize = 12;
            // Beside the data, not over it: lines end where a legend in a corner would sit.
            plot.ShowLegend(Edge.Right);
            if (chart.IntegerX) Figure.IntegerX(plot);
        }
        Figure.SaveGrid(path, chart.Title, [plot], 1, 1000, 560);
        return dropped == 0 ? null : $"{chart.Title}: {dropped} point(s) not drawn (not finite{(chart.LogX || chart.LogY ? ", or ≤ 0 on a log axis" : "")})";
    }
}
