using System.ComponentModel;
using GanBench.Cli.Sweeps;
using GanBench.Core.Results;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class RunSettings : SweepSettings
{
    public override string Verb => RunCommand.Name;

    [CommandArgument(0, "<experiment.yaml>")]
    [Description("the experiment file")]
    public string ExperimentPath { get; init; } = "";

    [CommandOption("--out <DIR>")]
    [Description("results folder (default: results/<name>); re-running resumes into it")]
    public string? OutDirectory { get; init; }

    [CommandOption("--plain")]
    [Description("plain progress lines even on a terminal (the default when output is redirected)")]
    public bool Plain { get; init; }

    [CommandOption("--shard <SHARD>")]
    [Description("train one 0-based shard i/n of the trials, or none; default: from a Slurm array or an Indexed Job")]
    public string? Shard { get; init; }

    [CommandOption("--shard-count <N>")]
    [Description("the shard count that goes with JOB_COMPLETION_INDEX")]
    public string? ShardCount { get; init; }

    protected override IEnumerable<string> Problems()
    {
        foreach (var problem in base.Problems()) yield return problem;
        if (OutDirectory is not null && string.IsNullOrWhiteSpace(OutDirectory))
            yield return "error: run: --out is empty; give a folder";
        // The flag's syntax is checked before the experiment loads, so a typo costs nothing.
        if (ShardSyntaxProblem() is { } shard) yield return shard;
    }

    private string? ShardSyntaxProblem()
    {
        if (Shard is null || Shard == "none") return null;
        try { ShardSpec.Parse(Shard, "--shard"); return null; }
        catch (ShardSpecException e) { return $"error: run: {e.Message}"; }
    }
}

/// <summary>
/// `run FILE` (or just `FILE`): trains every trial (or one shard's) and writes the results folder,
/// resuming into it.
/// </summary>
public sealed class RunCommand(CliConsole console) : GanBenchCommand<RunSettings>
{
    public const string Name = "run";

    protected override void Run(RunSettings settings) => SweepService.RunExperiment(
        new ExperimentRunRequest(settings.ExperimentPath, settings.OutDirectory, settings.Device, settings.Jobs,
            settings.Plain, settings.Shard, settings.ShardCount, Environment.GetEnvironmentVariable),
        console);
}
