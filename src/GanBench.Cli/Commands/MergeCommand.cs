using System.ComponentModel;
using GanBench.Cli.Application;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class MergeSettings : GanBenchSettings
{
    public override string Verb => MergeCommand.Name;

    [CommandArgument(0, "<results-folder>")]
    [Description("the results folder whose shards/<i>-of-<n>/ are merged")]
    public string ResultsFolder { get; init; } = "";

    protected override IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ResultsFolder))
            yield return "error: merge: the results folder name is empty";
    }
}

/// <summary>`merge DIR`: puts the shards under DIR/shards/ together into DIR and builds the reports.</summary>
public sealed class MergeCommand(CliConsole console) : GanBenchCommand<MergeSettings>
{
    public const string Name = "merge";

    protected override void Run(MergeSettings settings) => ResultsMerge.Merge(settings.ResultsFolder, console);
}
