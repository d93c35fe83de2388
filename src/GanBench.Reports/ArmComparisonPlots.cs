using GanBench.Core.Compare;
using GanBench.Core.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace GanBench.Reports;

/// <summary>
/// The figures of "Arms against each other": one heatmap per headline metric of P(row's arm beats
/// column's arm), and one figure of performance profiles with a panel per metric.
/// </summary>
internal sealed class ArmComparisonPlots(ResultsData data, ArmComparison comparison, string plotsDirectory)
{
    public const string MatrixSection = "arms-matrix", ProfileSection = "arms-profile", ProfileFile = "performance_profiles.png";

    // Red where the row's arm loses, white at a coin flip, blue where it wins.
    private static readonly IColormap WinLoss = new ScottPlot.Colormaps.CustomInterpolated(
        [Color.FromHex("#d6604d"), Colors.White, Color.FromHex("#4393c3")]);

    public IEnumerable<PlotFile> Draw()
    {
        foreach (var metric in comparison.Metrics)
        {
            string file = $"improvement_{Figure.Slug(metric.Metric.Name)}.png";
            int side = Math.Max(560, 220 + 90 * comparison.Arms.Count);
            Figure.SaveGrid(Path.Combine(plotsDirectory, file), $"{metric.Metric.Name} {SummaryFormat.Arrow(metric.Metric.Direction)}: P(row's seed beats column's)",
                [MatrixPanel(metric.Matrix)], 1, side + 120, side);
            yield return new PlotFile(MatrixSection, metric.Metric.Name, ReportGenerator.PlotsFolder + "/" + file,
                "P(row beats column), averaged over datasets; grey: no shared dataset; (k of n datasets): averaged over fewer than all");
        }
        var panels = comparison.Metrics.Select(ProfilePanel).ToList();
        panels.Add(Figure.LegendPanel(comparison.Arms.Select(a => (LegendLabel(a), Figure.ArmColor(data, a), LinePattern.Solid)),
            "line: share of an arm's ok runs (seeds × datasets) with a score above τ; band: pointwise 95% stratified bootstrap"));
        Figure.SaveGrid(Path.Combine(plotsDirectory, ProfileFile), "Performance profiles: share of runs with a normalized score above τ", panels, 2, 560, 420);
        yield return new PlotFile(ProfileSection, "performance profiles", ReportGenerator.PlotsFolder + "/" + ProfileFile,
            "share of runs above each score τ; higher and further right is better");
    }

    private string LegendLabel(string arm) =>
        comparison.Metrics.Any(m => m.Scores.HasScores(arm)) ? arm : $"{arm} (no ok run)";

    /// <summary>The value; the dataset count only where it is short of all of them, so that full cells stay small enough for ten arms.</summary>
    private static string CellLabel(ImprovementMatrix matrix, int row, int column, int datasets)
    {
        var cell = matrix.Cell(row, column);
        if (row == column) return "–";
        if (cell.Value is not { } value) return "n/a";
        string p = ArmComparisonSection.Probability(value.Estimate);
        return cell.Datasets < datasets ? $"{p}\n({cell.Datasets} of {datasets} datasets)" : p;
    }

    private static Plot MatrixPanel(ImprovementMatrix matrix)
    {
        int n = matrix.Arms.Count;
        // ScottPlot cannot scale a heatmap without one finite cell (it throws), and there is nothing to show.
        if (!Enumerable.Range(0, n).Any(r => Enumerable.Range(0, n).Any(c => matrix.Cell(r, c).Value is not null)))
            return Figure.MessagePanel("", "no two arms both have ok runs on a dataset: nothing to compare");
        // Datasets the metric is measured on: the most any pair of arms shares.
        int datasets = Enumerable.Range(0, n).SelectMany(r => Enumerable.Range(0, n).Select(c => matrix.Cell(r, c).Datasets)).Max();
        var values = new double[n, n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                values[r, c] = matrix.Cell(r, c).Value?.Estimate ?? double.NaN;
        var plot = Figure.NewPanel("", "column arm", "row arm");
        var heat = plot.Add.Heatmap(values);
        heat.Colormap = WinLoss;
        heat.ManualRange = new ScottPlot.Range(0, 1);
        heat.NaNCellColor = Color.FromHex("#e6e6e6");
        // Row 0 of the array is drawn at the top, so the first arm heads both the rows and the columns.
        // The extent spans the cells' centres (ScottPlot centres a cell on its point), one unit apart.
        heat.Extent = new CoordinateRect(0, n - 1, 0, n - 1);
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                var text = plot.Add.Text(CellLabel(matrix, r, c, datasets), c, n - 1 - r);
                text.LabelFontSize = n > 5 ? 13 : 15;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        var bar = plot.Add.ColorBar(heat);
        bar.Label = "P(row beats column)";
        var barTicks = new NumericManual();
        foreach (var p in new[] { 0, 0.25, 0.5, 0.75, 1 }) barTicks.AddMajor(p, Figure.F(p));
        bar.Axis.TickGenerator = barTicks;
        var left = new NumericManual();
        var bottom = new NumericManual();
        for (int i = 0; i < n; i++)
        {
            left.AddMajor(n - 1 - i, Figure.Wrap(matrix.Arms[i], 18));
            bottom.AddMajor(i, Figure.Wrap(matrix.Arms[i], 14));
        }
        plot.Axes.Left.TickGenerator = left;
        plot.Axes.Bottom.TickGenerator = bottom;
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.HideGrid();
        return plot;
    }

    private Plot ProfilePanel(ArmMetricComparison metric)
    {
        string title = $"{metric.Metric.Name} {SummaryFormat.Arrow(metric.Metric.Direction)}";
        if (metric.Scores.Ranges.Count == 0)
            return Figure.MessagePanel(title, "every run has the same value on every dataset: no scale to score it on");
        var plot = Figure.NewPanel(title, "normalized score τ (1 = best end of the scale)", "share of runs with score > τ");
        var taus = ArmComparison.Taus.ToArray();
        foreach (var arm in comparison.Arms)
        {
            if (ArmComparison.Profile(metric.Scores, arm) is not { } curve) continue;
            var color = Figure.ArmColor(data, arm);
            var band = plot.Add.FillY(taus, curve.Lower.ToArray(), curve.Upper.ToArray());
            band.FillColor = color.WithAlpha(0.12);
            band.LineWidth = 0;
            var line = plot.Add.ScatterLine(taus, curve.Fractions.ToArray(), color);
            line.LineWidth = 2.5f;
        }
        plot.Axes.SetLimits(0, 1, -0.02, 1.02);
        return plot;
    }
}
