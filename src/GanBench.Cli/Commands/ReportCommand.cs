using GanBench.Reports;

namespace GanBench.Cli.Commands;

/// <summary>`report DIR [--baseline ARM]`: rebuilds summary.md/csv, plots/ and report.md from a results folder's CSVs, without training.</summary>
public sealed class ReportCommand : ICommand
{
    public string Name => "report";
    public string Usage => "report <results-dir> [--baseline ARM]";
    public string Summary => "rebuild summary.md/csv, plots/*.png and report.md from a results folder, without training";

    public sealed record Settings(string ResultsDirectory, string? Baseline);

    public static Settings Parse(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse("report", args, ["baseline"]);
        line.ExpectPositionals("report", 1, 1, "report <results-dir> [--baseline ARM]");
        return new Settings(line.Positionals[0], line.Option("baseline"));
    }

    public int Execute(IReadOnlyList<string> args, CliConsole console)
    {
        var settings = Parse(args);
        // The run's own resolved configuration, with its plugins loaded, so that the plots draw
        // exactly what the run defined (real data, the critic's window) for plugin experiments too.
        var resolved = Path.Combine(settings.ResultsDirectory, Core.Results.ResultsDirectory.ResolvedConfigFile);
        var catalog = File.Exists(resolved) ? ExperimentInput.LoadOrThrow(resolved).Catalog : ExperimentInput.Catalog();
        if (settings.Baseline is { } baseline)
            CheckBaseline(settings.ResultsDirectory, baseline);
        ReportResult result;
        try
        {
            result = ReportGenerator.Build(settings.ResultsDirectory, catalog, settings.Baseline);
        }
        catch (ReportInputException e)
        {
            throw new UsageException($"error: report: {e.Message}");
        }
        foreach (var note in result.Notes) console.Line($"note: {note}");
        console.Line($"wrote {result.ReportPath}, summary.md, summary.csv and {result.Plots.Count} plot(s) under {Path.Combine(settings.ResultsDirectory, ReportGenerator.PlotsFolder)}");
        return ExitCodes.Success;
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
