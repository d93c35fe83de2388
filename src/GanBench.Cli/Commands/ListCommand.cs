using System.ComponentModel;
using GanBench.Cli.Application;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class ListSettings : GanBenchSettings
{
    public override string Verb => ListCommand.Name;

    [CommandOption("--plugins <PATHS>")]
    [Description("comma-separated plugin assemblies whose components are listed too")]
    public string? PluginsText { get; init; }

    public IReadOnlyList<string> Plugins =>
        (PluginsText ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>`list`: every registered dataset preset, component and metric, with parameters and defaults.</summary>
public sealed class ListCommand(CliConsole console) : GanBenchCommand<ListSettings>
{
    public const string Name = "list";

    protected override void Run(ListSettings settings) => ComponentListing.Write(settings.Plugins, console);
}
