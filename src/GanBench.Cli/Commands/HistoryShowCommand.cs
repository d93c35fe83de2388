using System.ComponentModel;
using GanBench.Cli.Application;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class HistoryShowSettings : HistorySettings
{
    public override string Verb => $"history {HistoryShowCommand.Name}";

    [CommandOption("--experiment <NAME>")]
    [Description("the experiment to show; needed when the history holds several")]
    public string? Experiment { get; init; }

    [CommandOption("--metric <METRIC>")]
    [Description("only this metric; default: every metric with a better direction")]
    public string? Metric { get; init; }

    [CommandOption("--last <N>")]
    [Description("how many of the latest runs (default 10)")]
    public string LastText { get; init; } = "10";

    [CommandOption("--plots <DIR>")]
    [Description("where the trend PNGs go; default history-plots/EXPERIMENT beside the history file")]
    public string? Plots { get; init; }

    public int Last => WholeNumber(LastText)!.Value;

    protected override IEnumerable<string> Problems()
    {
        foreach (var problem in base.Problems()) yield return problem;
        if (!TryWholeNumber(LastText, 1, out _)) yield return $"error: {Verb}: --last '{LastText}' must be a whole number ≥ 1";
        if (Experiment is not null && string.IsNullOrWhiteSpace(Experiment)) yield return $"error: {Verb}: --experiment is empty";
        if (Metric is not null && string.IsNullOrWhiteSpace(Metric)) yield return $"error: {Verb}: --metric is empty";
        if (Plots is not null && string.IsNullOrWhiteSpace(Plots)) yield return $"error: {Verb}: --plots is empty";
    }
}

/// <summary>`history show`: per arm × dataset × metric, the trend over the last runs, as a table and plots.</summary>
public sealed class HistoryShowCommand(CliConsole console) : GanBenchCommand<HistoryShowSettings>
{
    public const string Name = "show";

    protected override void Run(HistoryShowSettings settings) =>
        ResultsHistory.Show(new HistoryShowRequest(settings.HistoryPath, settings.Experiment, settings.Metric, settings.Last, settings.Plots), console);
}
