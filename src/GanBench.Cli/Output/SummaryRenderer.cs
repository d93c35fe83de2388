using GanBench.Core.Results;
using GanBench.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GanBench.Cli.Output;

/// <param name="Best">Rank 1 among the arms: a terminal shows it in bold.</param>
public sealed record SummaryCell(string Text, bool Best = false);

/// <summary>One dataset's final metrics as the console shows them, before any output format is applied.</summary>
public sealed record ConsoleSummaryTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<SummaryCell>> Rows);

/// <summary>
/// The console's view of a <see cref="SummaryModel"/>: every console summary (plain lines at the end
/// of a sweep or in CI logs, Spectre tables in a terminal, the totals of `merge`) picks its columns
/// and cells here, so the two outputs cannot disagree about what a row counts or shows.
/// </summary>
public static class SummaryRenderer
{
    /// <summary>The headline metrics only; summary.md has every metric, CI and comparison.
    /// Each table shows those its dataset has: the first six for points, the image ones (and modes_covered on the stacked set) for images.</summary>
    public static IReadOnlyList<string> ConsoleMetrics => MetricCatalog.ConsoleColumns;

    /// <summary>Each metric column needs about 20 characters; a terminal narrower than this keeps report.md's headline metrics.</summary>
    public const int WideTerminalColumns = 150;

    public const string CountsHeader = "ok/div/fail";

    /// <param name="wide">Every console metric; otherwise report.md's headline metrics.</param>
    public static IReadOnlyList<ConsoleSummaryTable> Tables(SummaryModel summary, bool wide)
    {
        var wanted = wide ? ConsoleMetrics : ReportDocument.HeadlineMetrics;
        return summary.Final.Select(table => Table(table, wanted)).ToList();
    }

    private static ConsoleSummaryTable Table(SummaryTable table, IReadOnlyList<string> wanted)
    {
        var metrics = wanted.Where(table.Measured).Select(name => table.Metrics.First(m => m.Name == name)).ToList();
        var headers = new List<string> { "arm", CountsHeader };
        headers.AddRange(metrics.Select(SummaryFormat.MetricHeader));
        var rows = table.Rows.Select(row =>
        {
            var cells = new List<SummaryCell> { new(row.Arm), new(SummaryFormat.Counts(row.Counts)) };
            cells.AddRange(metrics.Select(m => row.Cell(m.Name) is { } cell
                ? new SummaryCell(SummaryFormat.Cell(cell.Stats), cell.Rank == 1)
                : new SummaryCell("-")));
            return (IReadOnlyList<SummaryCell>)cells;
        }).ToList();
        return new ConsoleSummaryTable($"{table.Dataset}: mean ± 95% CI over seeds (n)", headers, rows);
    }

    /// <summary>Trials the summary holds, whatever their status.</summary>
    public static int TrialCount(SummaryModel summary) => summary.Final.Sum(t => t.Rows.Sum(r => r.Counts.Total));

    /// <summary>Aligned plain text: a blank line, the title and one line per arm, for logs that keep no colour or width.</summary>
    public static void WritePlain(SummaryModel summary, TextWriter output)
    {
        foreach (var table in Tables(summary, wide: true))
        {
            output.WriteLine();
            output.WriteLine(table.Title);
            var widths = table.Headers.Select((h, i) => table.Rows.Select(r => r[i].Text.Length).Append(h.Length).Max()).ToArray();
            output.WriteLine(PlainLine(table.Headers, widths));
            foreach (var row in table.Rows)
                output.WriteLine(PlainLine(row.Select(c => c.Text).ToList(), widths));
        }
    }

    /// <summary>The arm column is left-aligned, every number right-aligned, as in the terminal's tables.</summary>
    private static string PlainLine(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();

    /// <summary>The same tables as Spectre tables, sized to the terminal; the best arm's cell in bold.</summary>
    public static void WriteTables(SummaryModel summary, IAnsiConsole console)
    {
        foreach (var table in Tables(summary, wide: console.Profile.Width >= WideTerminalColumns))
        {
            var grid = new Table().Border(TableBorder.Rounded).Title(new TableTitle(Markup.Escape(table.Title)));
            grid.AddColumn(table.Headers[0]);
            foreach (var header in table.Headers.Skip(1))
                grid.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
            foreach (var row in table.Rows)
                grid.AddRow(row.Select(c => (IRenderable)new Text(c.Text, new Style(decoration: c.Best ? Decoration.Bold : Decoration.None))).ToList());
            console.Write(grid);
        }
    }
}
