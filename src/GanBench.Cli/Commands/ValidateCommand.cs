using System.ComponentModel;
using GanBench.Cli.Application;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class ValidateSettings : GanBenchSettings
{
    public override string Verb => ValidateCommand.Name;

    [CommandArgument(0, "<experiment.yaml>")]
    [Description("the experiment file")]
    public string ExperimentPath { get; init; } = "";
}

/// <summary>`validate FILE`: checks the experiment and prints the resolved config with its expanded trials, without training.</summary>
public sealed class ValidateCommand(CliConsole console) : GanBenchCommand<ValidateSettings>
{
    public const string Name = "validate";

    protected override void Run(ValidateSettings settings) => ExperimentCheck.Describe(settings.ExperimentPath, console);
}
