using GanBench.Reports;

namespace GanBench.Cli.Application;

/// <summary>`report DIR [--baseline ARM]`: rebuilds summary.md/csv, plots/ and report.md from a results folder's CSVs, without training.</summary>
public static class ReportRebuild
{
    public static void Rebuild(string resultsDirectory, string? baseline, CliConsole console)
    {
        // The run's own resolved configuration, with its plugins loaded, so that the plots draw
        // exactly what the run defined (real data, the critic's window) for plugin experiments too.
        var resolved = Path.Combine(resultsDirectory, Core.Results.ResultsDirectory.ResolvedConfigFile);
        var catalog = File.Exists(resolved) ? ExperimentInput.LoadOrThrow(resolved).Catalog : ExperimentInput.Catalog();
        if (baseline is not null)
            CheckBaseline(resultsDirectory, baseline);
        ReportResult result;
        try
        {
            result = ReportGenerator.Build(resultsDirectory, catalog, baseline);
        }
        catch (ReportInputException e)
        {
            throw new UsageException($"error: report: {e.Message}");
        }
        foreach (var note in result.Notes) console.Line($"note: {note}");
        console.Line($"wrote {result.ReportPath}, summary.md, summary.csv and {result.Plots.Count} plot(s) under {Path.Combine(resultsDirectory, ReportGenerator.PlotsFolder)}");
    }

    /// <summary>A --baseline that names no arm would silently compare nothing; say so with the arms there are.</summary>
    private static void CheckBaseline(string directory, string baseline)
    {
        var runs = Path.Combine(directory, Core.Results.ResultsDirectory.RunsFile);
        if (!File.Exists(runs)) return;
        IReadOnlyList<string> arms;
        try { arms = Core.Results.RunsCsv.ReadTrials(runs).Select(t => t.Arm).Distinct(StringComparer.Ordinal).ToList(); }
        catch (InvalidDataException) { return; }
        if (!arms.Contains(baseline, StringComparer.Ordinal))
            throw new UsageException($"error: report: --baseline '{baseline}' is not an arm of {directory}{Core.Config.Suggest.DidYouMean(baseline, arms)}; arms: {string.Join(", ", arms.Select(a => $"'{a}'"))}");
    }
}
