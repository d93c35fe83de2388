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
        ReportResult result;
        try
        {
            result = ReportGenerator.Build(settings.ResultsDirectory, settings.Baseline);
        }
        catch (ReportInputException e)
        {
            throw new UsageException($"error: report: {e.Message}");
        }
        foreach (var note in result.Notes) console.Line($"note: {note}");
        console.Line($"wrote {result.ReportPath}, summary.md, summary.csv and {result.Plots.Count} plot(s) under {Path.Combine(settings.ResultsDirectory, ReportGenerator.PlotsFolder)}");
        return ExitCodes.Success;
    }
}
