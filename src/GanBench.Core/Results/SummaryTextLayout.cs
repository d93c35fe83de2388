namespace GanBench.Core.Results;

public sealed record TextColumn(string Header, bool RightAligned);

/// <summary>A table as strings, with a one-line note on what is particular to it; what every table shares is in <see cref="SummaryTextLayout.Legend"/>.</summary>
public sealed record TextTable(string Title, IReadOnlyList<TextColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string Note);

/// <summary>Lays out a <see cref="SummaryModel"/> as text tables; Markdown and plain text render the
/// same layout and differ only in borders, so they show the same cells.</summary>
public static class SummaryTextLayout
{
    public static IReadOnlyList<TextTable> Tables(SummaryModel model)
    {
        var tables = new List<TextTable>();
        foreach (var table in model.Final)
        {
            tables.Add(ValueTable(table, $"{table.Dataset}: final metrics", withCounts: true));
            var comparison = ComparisonTable(model, table);
            if (comparison is not null) tables.Add(comparison);
        }
        foreach (var table in model.Curves)
            tables.Add(ValueTable(table, $"{table.Dataset}: at step {table.Step}", withCounts: false));
        return tables;
    }

    private static TextTable ValueTable(SummaryTable table, string title, bool withCounts)
    {
        var columns = new List<TextColumn> { new("arm", false) };
        if (withCounts)
            columns.AddRange(new[] { "ok", "diverged", "failed", "timeout" }.Select(h => new TextColumn(h, true)));
        columns.AddRange(table.Metrics.Select(m => new TextColumn(SummaryFormat.MetricHeader(m), true)));

        var rows = table.Rows.Select(row =>
        {
            var cells = new List<string> { row.Arm };
            if (withCounts)
                cells.AddRange([.. new[] { row.Counts.Ok, row.Counts.Diverged, row.Counts.Failed, row.Counts.Timeout }.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            cells.AddRange(row.Cells.Select(c => SummaryFormat.Cell(c.Stats)));
            return (IReadOnlyList<string>)cells;
        }).ToList();

        string note = withCounts
            ? "ok/diverged/failed/timeout: trials by final status; only ok trials give values"
            : $"values of the ok trials at step {table.Step}";
        return new TextTable(title, columns, rows, note);
    }

    /// <summary>
    /// What the cells, arrows and metrics of every table mean, written once per document: repeated
    /// after each table it buried the tables under the same paragraph.
    /// </summary>
    public static IReadOnlyList<string> Legend(SummaryModel model)
    {
        var lines = new List<string>
        {
            "cells: mean over seeds ± 95% Student-t CI half-width (n = seeds with a finite value; no ± for n = 1, – for n = 0; [k excl] = ok seeds with an empty or non-finite value)",
            "↑/↓: higher/lower is better; no arrow: a diagnostic, not ranked",
            "#r: rank by mean among arms, 1 = best, ties share a rank",
        };
        if (model.BaselineArm is not null)
            lines.Add($"×r: arm mean / baseline mean; p: two-sided Welch t-test against the baseline's seeds (n ≥ 2 on both sides); better/worse: p < {SummaryFormat.Text(SummaryModel.SignificanceLevel)} in the metric's direction, same: equal means, n.s.: not significant; not corrected for multiple comparisons");
        var metrics = model.Final.Concat(model.Curves).SelectMany(t => t.Metrics).DistinctBy(m => m.Name).ToList();
        lines.AddRange(MetricCatalog.Order(metrics.Select(m => m.Name)).Select(m =>
            $"{m.Name}: {(m.Description.Length > 0 ? m.Description : "not in the metric catalog, shown as a diagnostic")}"));
        lines.Add($"numbers: {SummaryFormat.TextFormat} (4 significant digits)");
        return lines;
    }

    private static TextTable? ComparisonTable(SummaryModel model, SummaryTable table)
    {
        var metrics = model.BaselineArm is null
            ? table.Metrics.Where(m => m.Direction != MetricDirection.Neutral).ToList()
            : table.Metrics.ToList();
        if (metrics.Count == 0) return null;

        var columns = new List<TextColumn> { new("arm", false) };
        columns.AddRange(metrics.Select(m => new TextColumn(SummaryFormat.MetricHeader(m), true)));
        var rows = table.Rows.Select(row =>
        {
            var cells = new List<string> { row.Arm };
            cells.AddRange(metrics.Select(m => SummaryFormat.ComparisonCell(row.Cell(m.Name)!)));
            return (IReadOnlyList<string>)cells;
        }).ToList();

        string title = model.BaselineArm is null ? $"{table.Dataset}: ranks" : $"{table.Dataset}: ranks and comparison with baseline '{model.BaselineArm}'";
        string note = model.BaselineArm is null ? "#r: rank among arms" : $"#r: rank among arms; ×r, p and verdict: against the baseline '{model.BaselineArm}'";
        return new TextTable(title, columns, rows, note);
    }
}
