using System.Text;
using CsvHelper;

namespace GanBench.Core.Results;

/// <summary>Renders a finished <see cref="SummaryModel"/>; an exporter never recomputes statistics.</summary>
public interface ISummaryExporter
{
    /// <summary>Conventional file name, e.g. summary.md.</summary>
    string FileName { get; }
    void Export(SummaryModel model, TextWriter writer);
}

public static class SummaryExporterExtensions
{
    public static string ExportToString(this ISummaryExporter exporter, SummaryModel model)
    {
        var sw = new StringWriter();
        exporter.Export(model, sw);
        return sw.ToString();
    }

    /// <summary>Writes <see cref="ISummaryExporter.FileName"/> into <paramref name="directory"/>; returns its path.</summary>
    public static string ExportToDirectory(this ISummaryExporter exporter, SummaryModel model, string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, exporter.FileName);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        exporter.Export(model, writer);
        return path;
    }
}

public sealed class MarkdownSummaryExporter : ISummaryExporter
{
    public static readonly MarkdownSummaryExporter Default = new();
    public string FileName => "summary.md";

    public void Export(SummaryModel model, TextWriter writer)
    {
        writer.WriteLine("# Summary");
        foreach (var table in SummaryTextLayout.Tables(model))
        {
            writer.WriteLine();
            writer.WriteLine($"## {Escape(table.Title)}");
            writer.WriteLine();
            WriteTable(table, writer);
            writer.WriteLine();
            writer.WriteLine($"<sub>{Escape(table.Note)}</sub>");
        }
        writer.WriteLine();
        WriteLegend(model, writer);
    }

    /// <summary>The header, alignment and rows of a table as Markdown, without its title and note.</summary>
    public static void WriteTable(TextTable table, TextWriter writer)
    {
        writer.WriteLine("| " + string.Join(" | ", table.Columns.Select(c => Escape(c.Header))) + " |");
        writer.WriteLine("|" + string.Join("|", table.Columns.Select(c => c.RightAligned ? "---:" : "---")) + "|");
        foreach (var row in table.Rows)
            writer.WriteLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
    }

    /// <summary>The shared legend, once, as a Markdown list under its own heading.</summary>
    public static void WriteLegend(SummaryModel model, TextWriter writer)
    {
        writer.WriteLine("## Legend");
        writer.WriteLine();
        foreach (var line in SummaryTextLayout.Legend(model)) writer.WriteLine($"- {Escape(line)}");
    }

    /// <summary>Arm and dataset names are user text: a '|' would split the cell, a newline the row.</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}

/// <summary>Aligned text tables for the console; Core stays free of Spectre.Console.</summary>
public sealed class PlainTextSummaryExporter : ISummaryExporter
{
    public static readonly PlainTextSummaryExporter Default = new();
    public string FileName => "summary.txt";

    public void Export(SummaryModel model, TextWriter writer)
    {
        bool first = true;
        foreach (var table in SummaryTextLayout.Tables(model))
        {
            if (!first) writer.WriteLine();
            first = false;
            writer.WriteLine(OneLine(table.Title));
            WriteTable(table, writer);
            writer.WriteLine($"({table.Note})");
        }
        writer.WriteLine();
        writer.WriteLine("Legend:");
        foreach (var line in SummaryTextLayout.Legend(model)) writer.WriteLine($"  {line}");
    }

    /// <summary>The header, a rule and the rows of a table, aligned, without its title and note.</summary>
    public static void WriteTable(TextTable table, TextWriter writer)
    {
        var widths = table.Columns.Select((c, i) =>
            Math.Max(c.Header.Length, table.Rows.Select(r => OneLine(r[i]).Length).DefaultIfEmpty(0).Max())).ToArray();
        writer.WriteLine(Line(table.Columns.Select(c => c.Header).ToList(), table.Columns, widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in table.Rows)
            writer.WriteLine(Line(row, table.Columns, widths));
    }

    private static string Line(IReadOnlyList<string> cells, IReadOnlyList<TextColumn> columns, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => columns[i].RightAligned ? OneLine(c).PadLeft(widths[i]) : OneLine(c).PadRight(widths[i]))).TrimEnd();

    private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");
}

/// <summary>Tidy (long) CSV: one row per dataset × step × arm × metric, full precision.</summary>
public sealed class CsvSummaryExporter : ISummaryExporter
{
    public static readonly CsvSummaryExporter Default = new();
    public string FileName => "summary.csv";

    /// <summary>section is "final" or "curve"; step is empty for final rows.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "section", "dataset", "step", "arm", "metric", "direction", "n", "excluded", "mean", "std", "ci95",
        "rank", "ratio", "p_value", "verdict", "ok", "diverged", "failed", "timeout",
    ];

    public void Export(SummaryModel model, TextWriter writer)
    {
        using var csv = CsvWriter.Create(writer, CsvFiles.WriterOptions, leaveOpen: true);
        csv.WriteHeader([.. Header]);
        foreach (var table in model.Final.Concat(model.Curves))
        {
            foreach (var row in table.Rows)
            {
                foreach (var cell in row.Cells)
                {
                    csv.WriteField(table.Step is null ? "final" : "curve");
                    CsvFiles.WriteText(csv, row.Dataset);
                    csv.WriteField(table.Step, "");
                    CsvFiles.WriteText(csv, row.Arm);
                    CsvFiles.WriteText(csv, cell.Metric.Name);
                    csv.WriteField(SummaryFormat.DirectionName(cell.Metric.Direction));
                    csv.WriteField(cell.Stats.N, "");
                    csv.WriteField(cell.Stats.Excluded, "");
                    csv.WriteField(cell.Stats.Mean, "");
                    csv.WriteField(cell.Stats.StdDev, "");
                    csv.WriteField(cell.Stats.Ci95HalfWidth, "");
                    csv.WriteField(cell.Rank, "");
                    csv.WriteField(cell.Comparison?.Ratio, "");
                    csv.WriteField(cell.Comparison?.PValue, "");
                    csv.WriteField(cell.Comparison?.Word ?? "");
                    csv.WriteField(row.Counts.Ok, "");
                    csv.WriteField(row.Counts.Diverged, "");
                    csv.WriteField(row.Counts.Failed, "");
                    csv.WriteField(row.Counts.Timeout, "");
                    csv.EndRecord();
                }
            }
        }
        csv.Flush();
    }
}
