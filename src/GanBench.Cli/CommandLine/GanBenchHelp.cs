using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace GanBench.Cli.CommandLine;

/// <summary>Spectre's help, with what the program's own help page said above and below the command list.</summary>
internal sealed class GanBenchHelp(ICommandAppSettings settings) : HelpProvider(settings)
{
    public override IEnumerable<IRenderable> GetHeader(ICommandModel model, ICommandInfo? command) =>
        command is null ? [new Text("GanBench: a loss-ablation benchmark harness for GANs.\n\n")] : [];

    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command) =>
    [
        new Text("\n" + (command is null ? $"{model.ApplicationName} <experiment.yaml> [OPTIONS] is short for {model.ApplicationName} run <experiment.yaml> [OPTIONS]\n" : "")
            + ExitCodes.Legend + "\n"),
    ];
}
