using GanBench.Core.Results;
using GanBench.History;
using GanBench.Reports;

namespace GanBench.Cli.Output;

/// <summary>`history show`'s table (one row per arm × dataset × metric, one column per run) and its plots.</summary>
public static class HistoryTrendText
{
    /// <summary>Marks a value where the gate found a regression in that cell.</summary>
    public const string GateMark = " ▼";

    public static TextTable Table(TrendTable trends)
    {
        var columns = new List<TextColumn> { new("arm", false), new("dataset", false), new("metric", false) };
        columns.AddRange(trends.Entries.Select(e => new TextColumn(e.Label, true)));
        var rows = trends.Rows.Select(row => (IReadOnlyList<string>)
            [row.Key.Arm, row.Key.Dataset, $"{row.Key.Metric} {SummaryFormat.Arrow(row.Direction)}",
             .. row.Points.Select(p => (p.Iqm is double v ? SummaryFormat.Text(v) : "–") + (p.GateFired ? GateMark : ""))]).ToList();
        return new TextTable($"{trends.Experiment}: the last {trends.Entries.Count} run(s), oldest first", columns, rows,
            $"IQM over the ok seeds of each run;{GateMark} the gate found a regression in that cell; – no ok seed");
    }

    public static void Write(TrendTable trends, TextWriter writer)
    {
        var table = Table(trends);
        writer.WriteLine(table.Title);
        PlainTextSummaryExporter.WriteTable(table, writer);
        writer.WriteLine($"({table.Note})");
    }

    /// <summary>One PNG per metric, a panel per dataset; returns how many were written.</summary>
    public static int DrawPlots(TrendTable trends, string directory)
    {
        var labels = trends.Entries.Select(e => e.Label).ToList();
        int written = 0;
        foreach (var metric in trends.Rows.GroupBy(r => r.Key.Metric))
        {
            var panels = metric.GroupBy(r => r.Key.Dataset)
                .Select(d => new TrendPanel(d.Key, d.Select(r => new TrendLine(r.Key.Arm,
                    r.Points.Select(p => new TrendValue(p.Iqm, p.LowerQuartile, p.UpperQuartile, p.GateFired)).ToList())).ToList()))
                .ToList();
            TrendPlots.Draw(Path.Combine(directory, TrendPlots.FileName(metric.Key)), trends.Experiment, metric.Key, labels, panels);
            written++;
        }
        return written;
    }
}
