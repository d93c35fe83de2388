using GanBench.Core.Compare;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.History;
using GanBench.Reports;

namespace GanBench.Cli.Application;

/// <param name="Results">The results folder judged; the files are written into it.</param>
/// <param name="Against">The reference results folder, or null with <paramref name="Baseline"/>.</param>
/// <param name="HistoryPath">The history file, read when <paramref name="Against"/> names the history (history, history:last N, history:LABEL).</param>
/// <param name="PassWithoutHistory">The first night: a history with no earlier run of the experiment is a pass with a note, not an error.</param>
public sealed record CompareRequest(string Results, string? Against, string? Baseline, CompareOptions Options, string? HistoryPath = null, bool PassWithoutHistory = false)
{
    /// <summary>The throughput rule, or null to compare metrics only (always so against a baseline arm).</summary>
    public ThroughputOptions? Throughput { get; init; }
}

/// <summary>`compare`: reads the results folders (read only), runs the gate, writes compare.md and
/// compare.json into the judged folder atomically and prints the table.</summary>
public static class ResultsComparison
{
    public const string MarkdownFile = "compare.md", JsonFile = "compare.json";
    private const string Error = "error: compare:";

    /// <exception cref="UsageException">A folder is not a results folder, an arm or metric named in the
    /// options is not there, or the two sides share no cell.</exception>
    /// <returns>The comparison, or null when there was nothing in the history to compare with and the request allows that.</returns>
    public static ComparisonResult? Run(CompareRequest request, CliConsole console)
    {
        var candidateRuns = Runs(request.Results);
        var candidate = Samples(candidateRuns);
        HistoryComparison? history = null;
        IReadOnlyList<RunRecord>? referenceRuns = null;
        Pairing pairing;
        ComparisonSubject subject;
        if (request.Against is { } against && HistoryReference.Names(against))
        {
            history = HistoryComparison.Open(request, candidateRuns);
            if (history.NothingEarlier is { } why && request.PassWithoutHistory)
            {
                console.Line($"note: {why}; the gate passes without comparing (--pass-without-history)");
                return null;
            }
            if (history.NothingEarlier is { } missing) throw new UsageException($"{Error} {missing}");
            referenceRuns = history.ReferenceRuns;
            pairing = CellPairing.Across(candidate, Samples(referenceRuns), request.Options);
            pairing = pairing with { Notes = [.. history.Notes, .. pairing.Notes] };
            subject = new ComparisonSubject(request.Results, history.Describe());
        }
        else if (request.Against is { } folder)
        {
            referenceRuns = Runs(folder);
            (pairing, subject) = (CellPairing.Across(candidate, Samples(referenceRuns), request.Options), new ComparisonSubject(request.Results, folder));
        }
        else
            (pairing, subject) = (AgainstBaseline(candidate, request), new ComparisonSubject(request.Results, $"baseline arm '{request.Baseline}'", request.Baseline));
        if (pairing.Cells.Count == 0)
            throw new UsageException($"{Error} nothing to compare: no arm, dataset and directed metric has ok values on both sides ({string.Join("; ", pairing.Notes)})");
        CheckMetricNames(request, pairing);

        var result = WithThroughput(RegressionGate.Compare(pairing, request.Options, subject), candidateRuns, referenceRuns, request.Throughput);
        ResultsDirectory.WriteAtomically(Path.Combine(request.Results, MarkdownFile), ComparisonText.ToMarkdown(result));
        ResultsDirectory.WriteAtomically(Path.Combine(request.Results, JsonFile), ComparisonJson.Write(result));
        console.Line($"wrote {MarkdownFile} and {JsonFile} in {request.Results}");
        ComparisonText.WritePlain(result, console.Out);
        if (history is not null) console.Line(history.Record(result));
        return result;
    }

    private static IReadOnlyList<RunRecord> Runs(string folder)
    {
        try
        {
            return ResultsData.ReadRuns(folder);
        }
        catch (ReportInputException e)
        {
            throw new UsageException($"{Error} {e.Message}");
        }
    }

    private static MetricSamples Samples(IReadOnlyList<RunRecord> runs) => MetricSamples.FromTrials(runs.Select(r => r.Trial));

    /// <summary>The speed of the same rows the metrics came from, or a note saying why it was not compared.</summary>
    private static ComparisonResult WithThroughput(ComparisonResult result, IReadOnlyList<RunRecord> candidate, IReadOnlyList<RunRecord>? reference, ThroughputOptions? options) =>
        (reference, options) switch
        {
            (null, _) => result with { Notes = [.. result.Notes, "throughput: not compared against a baseline arm, whose arms differ in cost by design"] },
            (_, null) => result with { Notes = [.. result.Notes, "throughput: not compared (--no-throughput)"] },
            _ when PlatformMismatch(candidate, reference) is { } why => result with { Notes = [.. result.Notes, $"throughput: not compared, {why}; speed compares only like with like"] },
            _ => result with { Throughput = ThroughputGate.Compare(candidate, reference, options) },
        };

    /// <summary>Why the two sides' trials ran on different platforms (runs.csv's device and platform columns), or null.
    /// Rows of an older GanBench record none and are taken as comparable, as the README says.</summary>
    private static string? PlatformMismatch(IReadOnlyList<RunRecord> candidate, IReadOnlyList<RunRecord> reference)
    {
        static IReadOnlyList<string> Of(IReadOnlyList<RunRecord> runs) =>
            runs.Select(r => r.Platform).Where(p => p.Device.Length > 0).Select(p => p.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var (c, r) = (Of(candidate), Of(reference));
        if (c.Count == 0 || r.Count == 0 || c.SequenceEqual(r)) return null;
        return $"the candidate ran on {string.Join(" and ", c)}, the reference on {string.Join(" and ", r)}";
    }

    private static Pairing AgainstBaseline(MetricSamples samples, CompareRequest request)
    {
        string baseline = request.Baseline!;
        var arms = samples.Arms;
        if (!arms.Contains(baseline, StringComparer.Ordinal))
            throw new UsageException($"{Error} --baseline '{baseline}' is not an arm of {request.Results}{Suggest.DidYouMean(baseline, arms)}; arms: {string.Join(", ", arms.Select(a => $"'{a}'"))}");
        if (arms.Count < 2)
            throw new UsageException($"{Error} {request.Results} has no arm besides the baseline '{baseline}' to compare with it");
        return CellPairing.AgainstBaseline(samples, baseline, request.Options);
    }

    /// <summary>A misspelt metric in --min-effect or --direction would be ignored in silence, so it is an error.</summary>
    private static void CheckMetricNames(CompareRequest request, Pairing pairing)
    {
        var compared = pairing.Cells.Select(c => c.Key.Metric).Distinct(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        foreach (var metric in request.Options.MinimumEffects.Keys.Where(m => !compared.Contains(m)))
            problems.Add($"{Error} --min-effect names '{metric}', which is not a compared metric{Suggest.DidYouMean(metric, compared)}; compared: {string.Join(", ", compared)}");
        foreach (var metric in request.Options.Directions.Keys)
        {
            var catalog = MetricCatalog.Get(metric).Direction;
            if (catalog != MetricDirection.Neutral)
                problems.Add($"{Error} --direction {metric}: the metric catalog already says {SummaryFormat.DirectionName(catalog)} is better; --direction is for metrics it does not rank");
            else if (!compared.Contains(metric))
                problems.Add($"{Error} --direction names '{metric}', which no compared run records{Suggest.DidYouMean(metric, compared)}");
        }
        if (problems.Count > 0) throw new UsageException(problems);
    }
}
