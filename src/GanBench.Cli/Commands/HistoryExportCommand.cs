using System.ComponentModel;
using GanBench.Cli.Application;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class HistoryExportSettings : HistorySettings
{
    public override string Verb => $"history {HistoryExportCommand.Name}";

    [CommandArgument(0, "<csv>")]
    [Description("the CSV file to write: one row per trial of every run in the history")]
    public string Csv { get; init; } = "";

    protected override IEnumerable<string> Problems()
    {
        foreach (var problem in base.Problems()) yield return problem;
        if (string.IsNullOrWhiteSpace(Csv)) yield return $"error: {Verb}: the CSV file name is empty";
        else if (Directory.Exists(Csv)) yield return $"error: {Verb}: {Csv} is a folder; name the CSV file to write";
    }
}

/// <summary>`history export FILE.csv`: the whole history as one CSV, for spreadsheets and pandas.</summary>
public sealed class HistoryExportCommand(CliConsole console) : GanBenchCommand<HistoryExportSettings>
{
    public const string Name = "export";

    protected override void Run(HistoryExportSettings settings) => ResultsHistory.Export(settings.HistoryPath, settings.Csv, console);
}
