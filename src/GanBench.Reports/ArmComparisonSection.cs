using System.Globalization;
using System.Text;
using GanBench.Core.Compare;
using GanBench.Core.Results;

namespace GanBench.Reports;

/// <summary>report.md's "Arms against each other": a P(improvement) table and heatmap per headline metric, then the performance profiles.</summary>
internal static class ArmComparisonSection
{
    public static void Append(StringBuilder md, ArmComparison comparison, IReadOnlyList<PlotFile> plots)
    {
        md.AppendLine("## Arms against each other");
        md.AppendLine();
        md.AppendLine("A cell is the chance that a seed of the row's arm ends better than a seed of the column's arm: 0.5 is a coin flip, above it the row's arm tends to win. " +
                      "It is rliable's probability of improvement (every pair of ok seeds on a dataset, ties counting half), averaged over the datasets where both arms have values, " +
                      "as rliable's average probability of improvement averages over tasks. In brackets: a 95% stratified-bootstrap interval (seeds resampled per arm and dataset), wide with few seeds; " +
                      "in parentheses: datasets averaged; blank: no shared dataset with values (an arm whose every seed diverged or failed has none).");
        md.AppendLine();
        foreach (var metric in comparison.Metrics)
        {
            string better = metric.Metric.Direction == MetricDirection.HigherIsBetter ? "higher" : "lower";
            md.AppendLine($"### {metric.Metric.Name}: P(row beats column) ({better} is better)");
            md.AppendLine();
            AppendMatrix(md, metric.Matrix);
            AppendImage(md, plots.FirstOrDefault(p => p.Section == ArmComparisonPlots.MatrixSection && p.Title == metric.Metric.Name));
        }
        md.AppendLine("### Performance profiles");
        md.AppendLine();
        md.AppendLine("Each curve is the share of an arm's runs (ok seeds × datasets, pooled) whose normalized score is above τ: a curve that stays high further to the right is better, " +
                      "and the area under it is the arm's mean score (rliable's performance profile). Band: pointwise 95% stratified-bootstrap interval. " +
                      "Diverged or failed runs have no final value and are not counted (the tables above count them). Each dataset's scores run from 0 (worst) to 1 (best):");
        md.AppendLine();
        foreach (var metric in comparison.Metrics) md.AppendLine($"- {Escape(ScaleText(metric.Scores))}");
        md.AppendLine();
        AppendImage(md, plots.FirstOrDefault(p => p.Section == ArmComparisonPlots.ProfileSection));
    }

    /// <summary>Arms in the experiment's order as rows and columns, "–" on the diagonal.</summary>
    private static void AppendMatrix(StringBuilder md, ImprovementMatrix matrix)
    {
        md.AppendLine("| row beats column | " + string.Join(" | ", matrix.Arms.Select(Escape)) + " |");
        md.AppendLine("|---|" + string.Concat(matrix.Arms.Select(_ => "---:|")));
        for (int r = 0; r < matrix.Arms.Count; r++)
        {
            var cells = Enumerable.Range(0, matrix.Arms.Count).Select(c => r == c ? "–" : CellText(matrix.Cell(r, c)));
            md.AppendLine($"| {Escape(matrix.Arms[r])} | " + string.Join(" | ", cells) + " |");
        }
        md.AppendLine();
    }

    public static string CellText(ImprovementCell cell) => cell.Value is { } v
        ? $"{Probability(v.Estimate)} [{Probability(v.Lower)}, {Probability(v.Upper)}] ({cell.Datasets})"
        : "";

    public static string Probability(double p) => p.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Which scale each dataset's scores use, in words, and the datasets that had none.</summary>
    public static string ScaleText(ProfileScores scores)
    {
        var parts = scores.Ranges.GroupBy(r => r.Value.Scale).Select(g =>
        {
            string datasets = string.Join(", ", g.Select(r => r.Key));
            return g.Key switch
            {
                ScoreScale.DeclaredRange => $"the value itself on its range [{Figure.F(scores.Metric.Minimum!.Value)}, {Figure.F(scores.Metric.Maximum!.Value)}] ({datasets})",
                ScoreScale.ModeCount => $"modes covered / the dataset's modes ({datasets})",
                _ => $"min–max over every arm's ok runs on the dataset, the best run 1 and the worst 0, so relative to these arms, not absolute ({datasets})",
            };
        }).ToList();
        string text = $"{scores.Metric.Name}: " + (parts.Count > 0 ? string.Join("; ", parts) : "no dataset has a scale");
        if (scores.LeftOut.Count > 0) text += $"; left out, every run there has the same value: {string.Join(", ", scores.LeftOut)}";
        return text + ".";
    }

    private static void AppendImage(StringBuilder md, PlotFile? plot)
    {
        if (plot is null) return;
        md.AppendLine($"![{Escape(plot.Title)}]({Uri.EscapeDataString(plot.RelativePath).Replace("%2F", "/")})");
        md.AppendLine();
    }

    private static string Escape(string text) => MarkdownSummaryExporter.Escape(text);
}
