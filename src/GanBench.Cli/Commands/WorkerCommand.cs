using System.ComponentModel;
using GanBench.Cli.Workers;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class WorkerSettings : DeviceSettings
{
    public override string Verb => WorkerLoop.Verb;

    [CommandArgument(0, "<config.resolved.yaml>")]
    [Description("the sweep's resolved configuration")]
    public string ResolvedConfigPath { get; init; } = "";

    [CommandOption("--worker-of <PID>")]
    [Description("the sweep's process id; the worker exits when it is gone")]
    public int? ParentId { get; init; }
}

/// <summary>`worker`, hidden: one of the processes a sweep with --jobs N trains in (see <see cref="WorkerLoop"/>).</summary>
public sealed class WorkerCommand(CliConsole console) : GanBenchCommand<WorkerSettings>
{
    protected override void Run(WorkerSettings settings) =>
        WorkerLoop.Serve(settings.ResolvedConfigPath, settings.Device ?? "cpu", settings.ParentId, console);
}
