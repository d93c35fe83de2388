using GanBench.Core.Results;
using GanBench.Reports;
using GanBench.Training.Components;
using GanBench.Training.Sweep;

namespace GanBench.Cli.Commands;

/// <summary>`FILE [--out DIR] [--device cpu|cuda|auto]`: trains every trial and writes the results folder.</summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Usage => "[run] <experiment.yaml> [--out DIR] [--device auto|cpu|cuda]";
    public string Summary => "train every trial of an experiment; resumes into an existing results folder";

    public sealed record Settings(string ExperimentPath, string? OutDirectory, string? Device);

    public static Settings Parse(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse("run", args, ["out", "device"]);
        line.ExpectPositionals("run", 1, 1, "run <experiment.yaml> [--out DIR] [--device auto|cpu|cuda]");
        var device = line.Option("device");
        if (device is not null && !DeviceSelector.Choices.Contains(device))
            throw new UsageException($"error: run: --device '{device}' is not one of {string.Join(", ", DeviceSelector.Choices)}");
        return new Settings(line.Positionals[0], line.Option("out"), device);
    }

    public int Execute(IReadOnlyList<string> args, CliConsole console)
    {
        var settings = Parse(args);
        var loaded = ExperimentInput.LoadOrThrow(settings.ExperimentPath);
        var config = loaded.Config!;
        var (device, deviceError) = DeviceSelector.Resolve(settings.Device ?? config.Device);
        if (device is null)
            throw new UsageException($"error: {deviceError}");

        var outDirectory = settings.OutDirectory ?? Path.Combine("results", config.Name);
        ResultsDirectory results;
        try
        {
            results = ResultsDirectory.Open(outDirectory, loaded.Trials.Select(t => t.TrialId).ToList());
        }
        catch (ResultsConflictException e)
        {
            throw new UsageException($"error: {e.Message}");
        }

        using var cancel = new CancellationTokenSource();
        var summary = new SweepRunner(ComponentRegistry.CreateBuiltin(), (dir, baseline) => ReportGenerator.Build(dir, baseline).Summary)
            .Run(config, loaded.Trials, results, device, new LineObserver(console), cancel.Token);
        return ExitCodes.Success;
    }
}
