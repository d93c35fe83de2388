using GanBench.Core.Results;

namespace GanBench.Core.Compare;

/// <summary>
/// Speed comparisons as text: the throughput section of compare.md and of the console, and the
/// columns that `compare-bench` shares with it, so that the two read alike.
/// </summary>
public static class ThroughputText
{
    public const string SectionTitle = "Throughput";

    /// <summary>"3 cell(s): 1 regression, …", for the gate line.</summary>
    public static string Counts(IReadOnlyCollection<CellVerdict> verdicts) =>
        $"{verdicts.Count} cell(s): {verdicts.Count(v => v == CellVerdict.Regression)} regression, {verdicts.Count(v => v == CellVerdict.Improvement)} improvement, " +
        $"{verdicts.Count(v => v == CellVerdict.NoChange)} no change, {verdicts.Count(v => v == CellVerdict.Underpowered)} underpowered";

    /// <summary>The rule in one line, with the options it ran with.</summary>
    public static string RuleLine(ThroughputOptions options, string perUnit) =>
        $"slower: the median takes at least {Number(options.Factor)}× as long per {perUnit} and one-sided Mann–Whitney p < {Number(options.PThreshold)} " +
        "(asv's rule; no correction across cells)";

    public static IReadOnlyList<string> MethodLines(ThroughputResult result) =>
    [
        "throughput: trial-steps per second (steps / wall_seconds, evaluations included) of each ok or timed-out trial, per arm and dataset; " +
        "diverged and failed trials give none",
        RuleLine(result.Options, "step"),
    ];

    public static TextTable Table(ThroughputResult result)
    {
        var columns = new List<TextColumn> { new("dataset", false), new("arm", false) };
        columns.AddRange(SpeedColumns("steps/s"));
        var rows = result.Cells.Select(c => (IReadOnlyList<string>)
            [c.Dataset, c.Arm, .. SpeedCells(c.Speed, c.CandidateTrials - c.Speed.CandidateN, c.ReferenceTrials - c.Speed.ReferenceN)]).ToList();
        return new TextTable("trial-steps per second, candidate against reference", columns, rows,
            "ratio = median candidate / median reference; below 1 is slower");
    }

    /// <summary>The columns after a cell's name: sizes, both medians, ratio, change, p, verdict.</summary>
    public static IEnumerable<TextColumn> SpeedColumns(string unit) =>
    [
        new("n cand/ref", true), new($"median cand ({unit})", true), new($"median ref ({unit})", true),
        new("ratio", true), new("slowdown", true), new("p slower", true), new("verdict", false),
    ];

    /// <param name="format">How the medians are written; 4 significant digits by default.</param>
    public static IEnumerable<string> SpeedCells(SpeedComparison s, int droppedCandidate = 0, int droppedReference = 0, Func<double, string>? format = null)
    {
        format ??= Number;
        string sizes = $"{s.CandidateN}/{s.ReferenceN}";
        yield return droppedCandidate > 0 || droppedReference > 0 ? $"{sizes} (dropped {droppedCandidate}/{droppedReference})" : sizes;
        yield return format(s.CandidateMedian);
        yield return format(s.ReferenceMedian);
        yield return Number(s.Ratio);
        yield return Number(s.Slowdown) + "×";
        yield return Number(s.PSlower);
        yield return Verdict(s);
    }

    public const string TrialSizesLegend = "n cand/ref: trials with a rate per side; (dropped a/b): trials that gave none (diverged, failed, or no time recorded)";

    /// <param name="sizes">What "n cand/ref" counts, in a line of its own.</param>
    public static IReadOnlyList<string> Legend(string sizes) =>
    [
        sizes,
        "slowdown: how many times longer the candidate takes per unit of work at the median (below 1: faster); the factor applies to it",
        "p slower: one-sided Mann–Whitney p for 'candidate slower', not corrected across cells",
        "improvement: the same rule the other way (never fails the gate); underpowered: even completely separated samples could not reach the threshold at these sizes",
    ];

    public static void WriteMarkdown(ThroughputResult result, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"## {SectionTitle}");
        writer.WriteLine();
        foreach (var line in MethodLines(result)) writer.WriteLine($"- {MarkdownSummaryExporter.Escape(line)}");
        if (result.Cells.Count > 0)
        {
            var table = Table(result);
            writer.WriteLine();
            MarkdownSummaryExporter.WriteTable(table, writer);
            writer.WriteLine();
            writer.WriteLine($"<sub>{MarkdownSummaryExporter.Escape(table.Note)}</sub>");
        }
        writer.WriteLine();
        foreach (var note in result.Notes) writer.WriteLine($"- not compared: {MarkdownSummaryExporter.Escape(note)}");
        foreach (var line in Legend(TrialSizesLegend)) writer.WriteLine($"- {MarkdownSummaryExporter.Escape(line)}");
    }

    public static void WritePlain(ThroughputResult result, TextWriter writer)
    {
        writer.WriteLine();
        foreach (var line in MethodLines(result)) writer.WriteLine(line);
        if (result.Cells.Count > 0)
        {
            writer.WriteLine();
            PlainTextSummaryExporter.WriteTable(Table(result), writer);
        }
        foreach (var note in result.Notes) writer.WriteLine($"note: {note}");
    }

    private static string Verdict(SpeedComparison s) =>
        s.Verdict == CellVerdict.Underpowered && s.TrialsNeeded is int n
            ? $"underpowered: needs ≥ {n}/side"
            : ComparisonText.VerdictWord(s.Verdict);

    internal static string Number(double value) => SummaryFormat.Text(value);
}
