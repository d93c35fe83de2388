using System.ComponentModel;
using GanBench.Cli.Application;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class ReportSettings : GanBenchSettings
{
    public override string Verb => ReportCommand.Name;

    [CommandArgument(0, "<results-dir>")]
    [Description("a results folder")]
    public string ResultsDirectory { get; init; } = "";

    [CommandOption("--baseline <ARM>")]
    [Description("the arm the others are compared against (default: the experiment's baseline)")]
    public string? Baseline { get; init; }
}

/// <summary>`report DIR [--baseline ARM]`: rebuilds summary.md/csv, plots/ and report.md from a results folder's CSVs, without training.</summary>
public sealed class ReportCommand(CliConsole console) : GanBenchCommand<ReportSettings>
{
    public const string Name = "report";

    protected override void Run(ReportSettings settings) => ReportRebuild.Rebuild(settings.ResultsDirectory, settings.Baseline, console);
}
