using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Sweep;

namespace GanBench.Cli.Commands;

/// <summary>
/// `FILE [--out DIR] [--device cpu|cuda|auto] [--shard i/n | --shard none] [--shard-count N]`:
/// trains every trial (or one shard's) and writes the results folder, resuming into it.
/// </summary>
public sealed class RunCommand(Func<string, string?>? environment = null) : ICommand
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public string Name => "run";
    public string Usage => "[run] <experiment.yaml> [--out DIR] [--device auto|cpu|cuda] [--shard i/n|none] [--shard-count N]";
    public string Summary => "train every trial of an experiment (or one 0-based shard of it); resumes into an existing results folder";

    public sealed record Settings(string ExperimentPath, string? OutDirectory, string? Device, string? Shard, string? ShardCount);

    public static Settings Parse(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse("run", args, ["out", "device", "shard", "shard-count"]);
        line.ExpectPositionals("run", 1, 1, "run <experiment.yaml> [--out DIR] [--device auto|cpu|cuda] [--shard i/n|none] [--shard-count N]");
        var device = line.Option("device");
        if (device is not null && !DeviceSelector.Choices.Contains(device))
            throw new UsageException($"error: run: --device '{device}' is not one of {string.Join(", ", DeviceSelector.Choices)}");
        if (line.Option("out") is { } o && string.IsNullOrWhiteSpace(o))
            throw new UsageException("error: run: --out is empty; give a folder");
        var settings = new Settings(line.Positionals[0], line.Option("out"), device, line.Option("shard"), line.Option("shard-count"));
        // The flag's syntax is checked before the experiment loads, so a typo costs nothing.
        if (settings.Shard is { } shard && shard != "none")
            ShardOrThrow(() => ShardSpec.Parse(shard, "--shard"));
        return settings;
    }

    private static T ShardOrThrow<T>(Func<T> resolve)
    {
        try { return resolve(); }
        catch (ShardSpecException e) { throw new UsageException($"error: run: {e.Message}"); }
    }

    public int Execute(IReadOnlyList<string> args, CliConsole console)
    {
        var settings = Parse(args);
        var shard = ShardOrThrow(() => ShardSpec.Resolve(settings.Shard, settings.ShardCount, _environment, out var source) is { } s ? (s, source) : ((ShardSpec, string)?)null);
        var loaded = ExperimentInput.LoadOrThrow(settings.ExperimentPath);
        var config = loaded.Config!;
        var (device, deviceError) = DeviceSelector.Resolve(settings.Device ?? config.Device);
        if (device is null)
            throw new UsageException($"error: {deviceError}");

        var outDirectory = settings.OutDirectory ?? Path.Combine("results", config.Name);
        var trials = loaded.Trials;
        var resultsRoot = outDirectory;
        IReadOnlyList<string> expected = trials.Select(t => t.TrialId).ToList();
        if (shard is var (spec, source))
        {
            // Fail on a file in the way of the experiment folder before naming the shard folder below it.
            CheckLocation(outDirectory);
            resultsRoot = spec.DirectoryUnder(outDirectory);
            expected = trials.Where(t => spec.Contains(t.TrialId)).Select(t => t.TrialId).ToList();
            console.Line($"shard {spec} (from {source}): {expected.Count} of {trials.Count} trial(s); merge with: merge {outDirectory}");
        }
        ResultsDirectory results;
        try
        {
            results = ResultsDirectory.Open(resultsRoot, expected);
        }
        catch (ResultsConflictException e)
        {
            throw new UsageException($"error: {e.Message}");
        }

        using var cancel = new CancellationTokenSource();
        new SweepRunner(ComponentRegistry.CreateBuiltin())
            .Run(config, trials, results, device, new LineObserver(console), cancel.Token, shard?.Item1);
        return ExitCodes.Success;
    }

    private static void CheckLocation(string directory)
    {
        try { ResultsDirectory.CheckLocation(directory); }
        catch (ResultsConflictException e) { throw new UsageException($"error: {e.Message}"); }
    }
}
