using System.Globalization;
using GanBench.Core.Results;

namespace GanBench.Core.Compare;

public sealed record BenchmarkCell(string Name, SpeedComparison Speed);

/// <summary>Two BenchmarkDotNet reports compared case by case.</summary>
/// <param name="Notes">Cases left out and why, one line each.</param>
public sealed record BenchmarkComparison(BenchmarkReport Candidate, BenchmarkReport Reference, ThroughputOptions Options,
    IReadOnlyList<BenchmarkCell> Cells, IReadOnlyList<string> Notes)
{
    public bool GateFires => Cells.Any(c => c.Speed.Verdict == CellVerdict.Regression);
}

/// <summary>
/// The gate for BenchmarkDotNet runs: each benchmark case (method and parameters) of the candidate
/// report against the same case of the reference, by <see cref="ThroughputRule"/> on the times per
/// operation of their iterations.
/// </summary>
public static class BenchmarkGate
{
    public static BenchmarkComparison Compare(BenchmarkReport candidate, BenchmarkReport reference, ThroughputOptions options)
    {
        var referenceCases = reference.Benchmarks.ToDictionary(b => b.Name, StringComparer.Ordinal);
        var cells = new List<BenchmarkCell>();
        var notes = new List<string>();
        foreach (var times in candidate.Benchmarks)
        {
            if (!referenceCases.TryGetValue(times.Name, out var old))
                notes.Add($"{times.Name}: not in the reference report");
            else if ((Unusable(times, "candidate") ?? Unusable(old, "reference")) is { } why)
                notes.Add($"{times.Name}: {why}");
            else
                cells.Add(new BenchmarkCell(times.Name, ThroughputRule.Compare(times.Nanoseconds, old.Nanoseconds, SpeedUnit.Time, options)));
        }
        var candidateNames = candidate.Benchmarks.Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        notes.AddRange(reference.Benchmarks.Where(b => !candidateNames.Contains(b.Name)).Select(b => $"{b.Name}: only in the reference report"));
        return new BenchmarkComparison(candidate, reference, options, cells, notes);
    }

    /// <summary>Why a case's times cannot be compared, or null.</summary>
    private static string? Unusable(BenchmarkTimes times, string side) =>
        times.Nanoseconds.Count == 0 ? $"the {side} has no measurements (the case failed?)"
        : times.Nanoseconds.Any(t => !double.IsFinite(t) || t <= 0.0) ? $"the {side} has times ≤ 0 ns (below the timer's resolution): no ratio to take"
        : null;
}

/// <summary>A <see cref="BenchmarkComparison"/> as console text, in the columns of compare's throughput table.</summary>
public static class BenchmarkComparisonText
{
    public static string GateLine(BenchmarkComparison result)
    {
        string counts = ThroughputText.Counts(result.Cells.Select(c => c.Speed.Verdict).ToList());
        return result.GateFires ? $"gate: FAIL, slower benchmark found; {counts}" : $"gate: pass; {counts}";
    }

    public static IReadOnlyList<string> MethodLines(BenchmarkComparison result) =>
    [
        $"candidate: {result.Candidate.Source}; reference: {result.Reference.Source} (each benchmark case against the same case there)",
        $"machine: {result.Candidate.Machine}" + (result.Candidate.Machine == result.Reference.Machine ? "" : $"; the reference ran on {result.Reference.Machine}"),
        "sample: the time per operation of each measured iteration (BenchmarkDotNet's OriginalValues)",
        ThroughputText.RuleLine(result.Options, "operation"),
    ];

    public static TextTable Table(BenchmarkComparison result)
    {
        var columns = new List<TextColumn> { new("benchmark", false) };
        columns.AddRange(ThroughputText.SpeedColumns("time/op"));
        var rows = result.Cells.Select(c => (IReadOnlyList<string>)[c.Name, .. ThroughputText.SpeedCells(c.Speed, format: Duration)]).ToList();
        return new TextTable("time per operation, candidate against reference", columns, rows, "ratio = median candidate / median reference; above 1 is slower");
    }

    public static void WritePlain(BenchmarkComparison result, TextWriter writer)
    {
        foreach (var line in MethodLines(result)) writer.WriteLine(line);
        writer.WriteLine();
        PlainTextSummaryExporter.WriteTable(Table(result), writer);
        foreach (var note in result.Notes) writer.WriteLine($"note: not compared: {note}");
        foreach (var line in ThroughputText.Legend("n cand/ref: measured iterations per side, after BenchmarkDotNet removed upper outliers")) writer.WriteLine($"legend: {line}");
        writer.WriteLine(GateLine(result));
    }

    /// <summary>Nanoseconds in the largest unit that keeps a digit before the point, as BenchmarkDotNet's table shows them.</summary>
    public static string Duration(double nanoseconds)
    {
        var (value, unit) = nanoseconds switch
        {
            >= 1e9 => (nanoseconds / 1e9, "s"),
            >= 1e6 => (nanoseconds / 1e6, "ms"),
            >= 1e3 => (nanoseconds / 1e3, "μs"),
            _ => (nanoseconds, "ns"),
        };
        return value.ToString(SummaryFormat.TextFormat, CultureInfo.InvariantCulture) + " " + unit;
    }
}
