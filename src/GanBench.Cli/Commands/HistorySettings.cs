using System.ComponentModel;
using GanBench.Cli.Application;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

/// <summary>--history, as every command that reads or writes the results history takes it.</summary>
public abstract class HistorySettings : GanBenchSettings
{
    [CommandOption("--history <FILE>")]
    [Description("the history file (SQLite); default results/history.sqlite")]
    public string HistoryPath { get; init; } = ResultsHistory.DefaultPath;

    protected override IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(HistoryPath)) yield return $"error: {Verb}: --history is empty; name the history file, e.g. results/history.sqlite";
    }
}
