using System.ComponentModel;
using GanBench.Cli.Application;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class HistoryAddSettings : HistorySettings
{
    public override string Verb => $"history {HistoryAddCommand.Name}";

    [CommandArgument(0, "<results>")]
    [Description("a finished results folder (every trial of its configuration has a row in runs.csv)")]
    public string Results { get; init; } = "";

    [CommandOption("--label <LABEL>")]
    [Description("what the run is called in trends and in --against history:LABEL, e.g. a commit; default: the time it is added (UTC)")]
    public string? Label { get; init; }

    protected override IEnumerable<string> Problems()
    {
        foreach (var problem in base.Problems()) yield return problem;
        if (string.IsNullOrWhiteSpace(Results)) yield return $"error: {Verb}: the results folder name is empty";
        if (Label is not null && (Label.Trim().Length == 0 || Label != Label.Trim() || Label.Any(char.IsControl)))
            yield return $"error: {Verb}: --label '{Label}' must be non-empty, without leading or trailing spaces or control characters";
        else if (Label is not null && Label.StartsWith("last", StringComparison.Ordinal) && (Label.Length == 4 || char.IsWhiteSpace(Label[4])))
            yield return $"error: {Verb}: --label '{Label}' would read as 'last N' in --against history:{Label}; choose another label";
    }
}

/// <summary>`history add DIR`: appends a finished sweep to the results history.</summary>
public sealed class HistoryAddCommand(CliConsole console) : GanBenchCommand<HistoryAddSettings>
{
    public const string Name = "add";

    protected override void Run(HistoryAddSettings settings) => ResultsHistory.Add(settings.Results, settings.HistoryPath, settings.Label, console);
}
