using GanBench.Core.Compare;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Reports;

namespace GanBench.Cli.Application;

/// <param name="Results">The results folder judged; the files are written into it.</param>
/// <param name="Against">The reference results folder, or null with <paramref name="Baseline"/>.</param>
public sealed record CompareRequest(string Results, string? Against, string? Baseline, CompareOptions Options)
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
    public static ComparisonResult Run(CompareRequest request, CliConsole console)
    {
        var candidateRuns = Runs(request.Results);
        var candidate = Samples(candidateRuns);
        var referenceRuns = request.Against is { } against ? Runs(against) : null;
        var (pairing, subject) = referenceRuns is not null
            ? (CellPairing.Across(candidate, Samples(referenceRuns), request.Options), new ComparisonSubject(request.Results, request.Against!))
            : (AgainstBaseline(candidate, request), new ComparisonSubject(request.Results, $"baseline arm '{request.Baseline}'", request.Baseline));
        if (pairing.Cells.Count == 0)
            throw new UsageException($"{Error} nothing to compare: no arm, dataset and directed metric has ok values on both sides ({string.Join("; ", pairing.Notes)})");
        CheckMetricNames(request, pairing);

        var result = WithThroughput(RegressionGate.Compare(pairing, request.Options, subject), candidateRuns, referenceRuns, request.Throughput);
        ResultsDirectory.WriteAtomically(Path.Combine(request.Results, MarkdownFile), ComparisonText.ToMarkdown(result));
        ResultsDirectory.WriteAtomically(Path.Combine(request.Results, JsonFile), ComparisonJson.Write(result));
        console.Line($"wrote {MarkdownFile} and {JsonFile} in {request.Results}");
        ComparisonText.WritePlain(result, console.Out);
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
            _ => result with { Throughput = ThroughputGate.Compare(candidate, reference, options) },
        };

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
