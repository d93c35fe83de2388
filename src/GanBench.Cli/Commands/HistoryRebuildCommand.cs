using System.ComponentModel;
using GanBench.Cli.Application;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class HistoryRebuildSettings : HistorySettings
{
    public override string Verb => $"history {HistoryRebuildCommand.Name}";

    [CommandArgument(0, "<results-folders>")]
    [Description("the results folders to rebuild the history from, in any order (they are added oldest first)")]
    public string[] Folders { get; init; } = [];

    protected override IEnumerable<string> Problems()
    {
        foreach (var problem in base.Problems()) yield return problem;
        if (Folders.Any(string.IsNullOrWhiteSpace)) yield return $"error: {Verb}: a results folder name is empty";
        foreach (var twice in Folders.GroupBy(f => Path.GetFullPath(f.Length == 0 ? "." : f)).Where(g => g.Count() > 1))
            yield return $"error: {Verb}: {twice.First()} is given {twice.Count()} times";
    }
}

/// <summary>`history rebuild DIR...`: a new history file from results folders, e.g. after the file was lost.</summary>
public sealed class HistoryRebuildCommand(CliConsole console) : GanBenchCommand<HistoryRebuildSettings>
{
    public const string Name = "rebuild";

    protected override void Run(HistoryRebuildSettings settings) => ResultsHistory.Rebuild(settings.Folders, settings.HistoryPath, console);
}
