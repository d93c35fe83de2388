using GanBench.Core.Results;
using GanBench.Reports;
using GanBench.Training.Sweep;

namespace GanBench.Cli.Commands;

/// <summary>`FILE [--out DIR] [--device cpu|cuda|auto]`: trains every trial and writes the results folder.</summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Usage => "[run] <experiment.yaml> [--out DIR] [--device auto|cpu|cuda] [--jobs N] [--plain]";
    public string Summary => "train every trial of an experiment; resumes into an existing results folder";

    /// <param name="Plain">Plain progress lines even on a terminal (they are the default when stdout is redirected).</param>
    public sealed record Settings(string ExperimentPath, string? OutDirectory, string? Device, int? Jobs, bool Plain = false);

    public static Settings Parse(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse("run", args, ["out", "device", "jobs"], ["plain"]);
        line.ExpectPositionals("run", 1, 1, "run <experiment.yaml> [--out DIR] [--device auto|cpu|cuda] [--jobs N] [--plain]");
        int? jobs = null;
        if (line.Option("jobs") is { } j)
            jobs = int.TryParse(j, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 1
                ? n : throw new UsageException($"error: run: --jobs '{j}' must be a whole number ≥ 1");
        var device = line.Option("device");
        if (device is not null && !DeviceSelector.Choices.Contains(device))
            throw new UsageException($"error: run: --device '{device}' is not one of {string.Join(", ", DeviceSelector.Choices)}");
        return new Settings(line.Positionals[0], line.Option("out"), device, jobs, line.Flag("plain"));
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

        // CPU: trials in parallel, one intra-op thread each. GPU: one trial at a time owns the device.
        bool onCpu = device.type == TorchSharp.DeviceType.CPU;
        if (onCpu) TorchSharp.torch.set_num_threads(SweepRunner.TorchThreads);
        int jobs = settings.Jobs ?? (onCpu ? Environment.ProcessorCount : 1);
        using var cancel = new CancellationTokenSource();
        var runner = new SweepRunner(loaded.Components, (dir, baseline) => ReportGenerator.Build(dir, baseline).Summary);
        if (!LiveObserver.ShouldUse(console, settings.Plain))
        {
            runner.Run(config, loaded.Trials, results, device, new LineObserver(console), jobs, cancel.Token);
            return ExitCodes.Success;
        }
        SummaryModel? summary = null;
        LiveObserver.CreateProgress().Start(context =>
            summary = runner.Run(config, loaded.Trials, results, device, new LiveObserver(context), jobs, cancel.Token));
        LiveObserver.WriteSummary(summary!, results.Root);
        return ExitCodes.Success;
    }
}
