using System.Text;
using GanBench.Core.Results;

namespace GanBench.Reports;

/// <summary>report.md: verdict, final CI tables, arms against each other (two arms or more), figures, then the tables at curve steps and notes.</summary>
/// <remarks>Everything is computed from the <see cref="SummaryModel"/> and the drawn figures; nothing is
/// hard-coded, so the verdict cannot disagree with summary.md.</remarks>
public static class ReportDocument
{
    /// <summary>Metrics the verdict names a winner for, in order, when the run logged them.</summary>
    /// <summary>Each dataset's table uses those it has: the first three on points; modes (stacked only), classes, FCD and coverage on images.</summary>
    public static IReadOnlyList<string> HeadlineMetrics => MetricCatalog.Headline;

    /// <param name="arms">Every arm against every other; null with a single arm, and then the report has no such section.</param>
    public static string Render(ResultsData data, SummaryModel model, IReadOnlyList<PlotFile> plots, IReadOnlyList<string> notes, ArmComparison? arms = null)
    {
        var md = new StringBuilder();
        string name = data.Config?.Name ?? data.Runs.Select(r => r.Experiment).FirstOrDefault(e => e.Length > 0) ?? Path.GetFileName(Path.GetFullPath(data.Root));
        md.AppendLine($"# {Escape(name)}: report");
        md.AppendLine();
        if (data.Config?.Description is { Length: > 0 } description) md.AppendLine($"{Escape(description)}").AppendLine();
        int seeds = data.Runs.Select(r => r.Trial.Seed).Distinct().Count();
        md.AppendLine($"{data.Runs.Count} trial(s): {data.Arms.Count} arm(s) × {data.Datasets.Count} dataset(s) × {seeds} seed(s). " +
                      $"Every number is a mean over seeds with its 95% confidence interval; rebuild this page from the CSVs with `run.ps1 report {data.Root}`.");
        md.AppendLine();

        md.AppendLine("## Verdict");
        md.AppendLine();
        foreach (var line in Verdict(model)) md.AppendLine(line).AppendLine();

        md.AppendLine("## Headline metrics (mean ± 95% CI over seeds)");
        foreach (var table in model.Final) AppendHeadline(md, model, table);
        if (arms is not null) ArmComparisonSection.Append(md, arms, plots);

        foreach (var (section, heading) in new[] { ("samples", "Samples (2-D data: over the critic surface)"), ("snapshots", "During training (first seed)"), ("curves", "Training curves"), ("gradients", "Gradients and critic weights") })
        {
            var here = plots.Where(p => p.Section == section).ToList();
            if (here.Count == 0) continue;
            md.AppendLine($"## {heading}");
            md.AppendLine();
            md.AppendLine($"_{Escape(here[0].Caption)}_");
            md.AppendLine();
            foreach (var p in here)
            {
                md.AppendLine($"### {Escape(p.Title)}");
                md.AppendLine();
                md.AppendLine($"![{Escape(p.Title)}]({Uri.EscapeDataString(p.RelativePath).Replace("%2F", "/")})");
                md.AppendLine();
            }
        }

        // Every metric, ranks and comparisons: the same tables as summary.md.
        var tables = SummaryTextLayout.Tables(model);
        md.AppendLine("## All final metrics");
        foreach (var table in tables.Where(t => !t.Title.Contains(": at step ", StringComparison.Ordinal)))
            AppendTable(md, table);
        var curveTables = tables.Where(t => t.Title.Contains(": at step ", StringComparison.Ordinal)).ToList();
        if (curveTables.Count > 0)
        {
            md.AppendLine("## Metrics during training");
            foreach (var table in curveTables) AppendTable(md, table);
        }

        var legend = new StringWriter();
        MarkdownSummaryExporter.WriteLegend(model, legend);
        md.AppendLine(legend.ToString());

        if (notes.Count > 0)
        {
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (var note in notes) md.AppendLine($"- {Escape(note)}");
            md.AppendLine();
        }
        md.AppendLine("Files: runs.csv (one row per trial), curves.csv, layer_grads.csv, summary.md, summary.csv, trials/<id>/ (samples, critic surface, weights), plots/.");
        return md.ToString();
    }

    /// <summary>
    /// One paragraph per dataset: for each headline metric, the arm with the best mean and whether
    /// the statistics support calling it ahead (significantly better than every other arm, with at
    /// least <see cref="SummaryModel.MinSeedsToCompare"/> seeds each); below that many seeds, that no
    /// comparison is possible. Nothing is called a difference that the tests do not support.
    /// </summary>
    public static IReadOnlyList<string> Verdict(SummaryModel model)
    {
        var paragraphs = new List<string>();
        foreach (var table in model.Final)
        {
            var sentences = new List<string>();
            var measured = HeadlineMetrics.Where(table.Measured).Select(n => table.Metrics.First(m => m.Name == n)).Where(m => m.Direction != MetricDirection.Neutral).ToList();
            int mostSeeds = table.Rows.SelectMany(r => measured.Select(m => r.Cell(m.Name)!.Stats.N)).DefaultIfEmpty(0).Max();
            if (measured.Count == 0)
                sentences.Add("no headline metric has a value: every trial diverged, failed or timed out.");
            else if (mostSeeds < SummaryModel.MinSeedsToCompare)
                sentences.Add($"with at most {mostSeeds} seed(s) per arm no comparison is possible (it needs {SummaryModel.MinSeedsToCompare}); the tables below show each arm's values.");
            else
                sentences.AddRange(measured.Select(m => MetricSentence(model, table, m)));
            var unstable = table.Rows.Where(r => r.Counts.Diverged + r.Counts.Failed + r.Counts.Timeout > 0)
                .Select(r => $"{Escape(r.Arm)} ({r.Counts.Diverged + r.Counts.Failed + r.Counts.Timeout} of {r.Counts.Total} seeds did not finish)").ToList();
            if (unstable.Count > 0) sentences.Add($"Not every seed finished: {string.Join(", ", unstable)}; their values are left out of the means.");
            paragraphs.Add($"**{Escape(table.Dataset)}**: " + string.Join(" ", sentences));
        }
        paragraphs.Add(model.BaselineArm is null
            ? "No baseline arm is named (`baseline:` in the experiment), so arms are ranked by their means but not tested against one."
            : $"Comparisons use a two-sided Welch t-test against **{Escape(model.BaselineArm)}** at p < {SummaryFormat.Text(SummaryModel.SignificanceLevel)} with at least {SummaryModel.MinSeedsToCompare} seeds on each side, not corrected for multiple comparisons.");
        return paragraphs;
    }

    private static string MetricSentence(SummaryModel model, SummaryTable table, MetricInfo metric)
    {
        string better = metric.Direction == MetricDirection.HigherIsBetter ? "higher" : "lower";
        var best = table.Rows.Select(r => (Row: r, Cell: r.Cell(metric.Name)!)).Where(p => p.Cell.Rank == 1).ToList();
        if (best.Count == 0) return $"**{metric.Name}** ({better} is better): no arm has a value.";
        string names = string.Join(" and ", best.Select(b => $"{Escape(b.Row.Arm)} ({SummaryFormat.Cell(b.Cell.Stats)})"));
        if (best.Count > 1) return $"**{metric.Name}** ({better} is better): {names} share the best mean.";
        var (row, cell) = best[0];
        string claim = cell.Leads == true
            ? $"**{Escape(row.Arm)}** ({SummaryFormat.Cell(cell.Stats)}) is significantly better than every other arm."
            : $"{names} has the best mean, but is not significantly better than every other arm at these seeds.";
        string versus = model.BaselineArm is null || row.Arm == model.BaselineArm || cell.Leads == true ? "" : " " + Versus(model.BaselineArm, row.Arm, cell);
        return $"**{metric.Name}** ({better} is better): {claim}{versus}";
    }

    private static string Versus(string baseline, string arm, MetricCell cell)
    {
        var c = cell.Comparison;
        if (c is null) return "";
        string p = c.PValue is double pv ? $"p = {SummaryFormat.Text(pv)}" : "";
        return c.Verdict switch
        {
            ComparisonVerdict.Better => $"Against the baseline {Escape(baseline)} it is significantly better ({p}).",
            ComparisonVerdict.Worse => $"Against the baseline {Escape(baseline)} it is significantly worse ({p}).",
            ComparisonVerdict.NotSignificant => $"Its difference from the baseline {Escape(baseline)} is not significant ({p}).",
            ComparisonVerdict.Same => $"It has the same mean as the baseline {Escape(baseline)}.",
            _ => $"It is not tested against the baseline {Escape(baseline)} (fewer than {SummaryModel.MinSeedsToCompare} seeds with values on a side, or zero variance).",
        };
    }

    /// <summary>Arm, seed outcomes and the headline metrics, each cell with its rank and baseline comparison.</summary>
    private static void AppendHeadline(StringBuilder md, SummaryModel model, SummaryTable table)
    {
        var metrics = HeadlineMetrics.Where(table.Measured).Select(n => table.Metrics.FirstOrDefault(m => m.Name == n)).OfType<MetricInfo>().ToList();
        md.AppendLine();
        md.AppendLine($"### {Escape(table.Dataset)}");
        md.AppendLine();
        md.AppendLine("| arm | ok / diverged / failed | " + string.Join(" | ", metrics.Select(m => $"{m.Name} {SummaryFormat.Arrow(m.Direction)}")) + " |");
        md.AppendLine("|---|---:|" + string.Concat(metrics.Select(_ => "---:|")));
        foreach (var row in table.Rows)
        {
            var cells = metrics.Select(m =>
            {
                var cell = row.Cell(m.Name)!;
                string value = SummaryFormat.Cell(cell.Stats);
                string extra = SummaryFormat.ComparisonCell(cell);
                // Bold only what the statistics support: significantly ahead of every other arm.
                return cell.Leads == true ? $"**{value}** {extra}" : $"{value} {extra}".Trim();
            });
            md.AppendLine($"| {Escape(row.Arm)} | {SummaryFormat.Counts(row.Counts, " / ")} | " + string.Join(" | ", cells.Select(Escape)) + " |");
        }
        md.AppendLine();
        string baseline = model.BaselineArm is null ? "" : $"; ×r p=… better/worse/n.s.: ratio to and Welch t-test against the baseline '{Escape(model.BaselineArm)}'";
        md.AppendLine($"<sub>Legend: mean ± 95% Student-t CI half-width (n seeds) over ok seeds; #r: rank by mean; bold: significantly better than every other arm (Welch p < {SummaryFormat.Text(SummaryModel.SignificanceLevel)}, ≥ {SummaryModel.MinSeedsToCompare} seeds each){baseline}; ↑/↓: higher/lower is better. Every metric is in the tables further down and in summary.md.</sub>");
        md.AppendLine();
    }

    private static void AppendTable(StringBuilder md, TextTable table)
    {
        md.AppendLine();
        md.AppendLine($"### {Escape(table.Title)}");
        md.AppendLine();
        md.AppendLine("| " + string.Join(" | ", table.Columns.Select(c => Escape(c.Header))) + " |");
        md.AppendLine("|" + string.Join("|", table.Columns.Select(c => c.RightAligned ? "---:" : "---")) + "|");
        foreach (var row in table.Rows) md.AppendLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        md.AppendLine();
        md.AppendLine($"<sub>{Escape(table.Note)}</sub>");
        md.AppendLine();
    }

    private static string Escape(string text) => MarkdownSummaryExporter.Escape(text);
}
