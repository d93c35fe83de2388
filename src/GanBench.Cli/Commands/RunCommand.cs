using GanBench.Training.Images;
using System.Diagnostics;
using GanBench.Core.Results;
using GanBench.Reports;
using GanBench.Training.Sweep;

namespace GanBench.Cli.Commands;

/// <summary>
/// `FILE [--out DIR] [--device cpu|cuda|auto] [--jobs N] [--plain] [--shard i/n | --shard none] [--shard-count N]`:
/// trains every trial (or one shard's) and writes the results folder, resuming into it.
/// </summary>
public sealed class RunCommand(Func<string, string?>? environment = null) : ICommand
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    private const string UsageText = "[run] <experiment.yaml> [--out DIR] [--device auto|cpu|cuda] [--jobs N] [--plain] [--shard i/n|none] [--shard-count N]";

    public string Name => "run";
    public string Usage => UsageText;
    public string Summary => "train every trial of an experiment (or one 0-based shard of it); resumes into an existing results folder";

    /// <param name="Plain">Plain progress lines even on a terminal (they are the default when stdout is redirected).</param>
    /// <param name="Shard">--shard as written: "i/n" (0-based) or "none"; null to detect Slurm arrays and Indexed Jobs.</param>
    /// <param name="ShardCount">--shard-count: the count that goes with JOB_COMPLETION_INDEX.</param>
    /// <param name="WorkerOf">Set on worker processes started by --jobs: the parent's process id.</param>
    public sealed record Settings(string ExperimentPath, string? OutDirectory, string? Device, int? Jobs, bool Plain = false, string? Shard = null, string? ShardCount = null, int? WorkerOf = null);

    public static Settings Parse(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse("run", args, ["out", "device", "jobs", "shard", "shard-count", ProcessFanOut.WorkerOption], ["plain"]);
        line.ExpectPositionals("run", 1, 1, UsageText[1..].Replace("run] ", "run ", StringComparison.Ordinal));
        int? jobs = null;
        if (line.Option("jobs") is { } j)
            jobs = int.TryParse(j, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 1
                ? n : throw new UsageException($"error: run: --jobs '{j}' must be a whole number ≥ 1");
        var device = line.Option("device");
        if (device is not null && !DeviceSelector.Choices.Contains(device))
            throw new UsageException($"error: run: --device '{device}' is not one of {string.Join(", ", DeviceSelector.Choices)}");
        if (line.Option("out") is { } o && string.IsNullOrWhiteSpace(o))
            throw new UsageException("error: run: --out is empty; give a folder");
        int? workerOf = line.Option(ProcessFanOut.WorkerOption) is { } w && int.TryParse(w, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int pid) ? pid : null;
        var settings = new Settings(line.Positionals[0], line.Option("out"), device, jobs, line.Flag("plain"), line.Option("shard"), line.Option("shard-count"), workerOf);
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
        if (settings.WorkerOf is int parent)
            ProcessFanOut.WatchParent(parent);
        var shard = ShardOrThrow(() => ShardSpec.Resolve(settings.Shard, settings.ShardCount, _environment, out var source) is { } s ? (s, source) : ((ShardSpec, string)?)null);
        var loaded = ExperimentInput.LoadOrThrow(settings.ExperimentPath);
        var config = loaded.Config!;
        var (device, deviceError) = DeviceSelector.Resolve(settings.Device ?? config.Device);
        if (device is null)
            throw new UsageException($"error: {deviceError}");

        PrepareImageData(loaded, device, console);

        var outDirectory = settings.OutDirectory ?? Path.Combine("results", config.Name);
        bool onCpu = device.type == TorchSharp.DeviceType.CPU;
        int jobs = Math.Min(settings.Jobs ?? (onCpu ? Environment.ProcessorCount : 1), loaded.Trials.Count);
        if (shard is null && jobs > 1)
        {
            if (!ProcessFanOut.HoldsUnshardedRun(outDirectory))
                return RunInWorkers(settings, loaded, outDirectory, device, jobs, console);
            console.Line($"{outDirectory} holds a single-process run; continuing it in one process (use a new --out for --jobs {jobs})");
        }
        var resultsRoot = outDirectory;
        IReadOnlyList<string> expected = loaded.Trials.Select(t => t.TrialId).ToList();
        if (shard is var (spec, source))
        {
            // Fail on a file in the way of the experiment folder before naming the shard folder below it.
            CheckLocation(outDirectory);
            resultsRoot = spec.DirectoryUnder(outDirectory);
            expected = loaded.Trials.Where(t => spec.Contains(t.TrialId)).Select(t => t.TrialId).ToList();
            console.Line($"shard {spec} (from {source}): {expected.Count} of {loaded.Trials.Count} trial(s); merge with: merge {outDirectory}");
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

        // One intra-op thread per trial on the CPU, so numbers do not depend on --jobs.
        if (onCpu) TorchSharp.torch.set_num_threads(SweepRunner.TorchThreads);
        using var cancel = new CancellationTokenSource();
        var runner = new SweepRunner(loaded.Components, (dir, baseline) => ReportGenerator.Build(dir, baseline).Summary);
        var only = shard?.Item1;
        if (!LiveObserver.ShouldUse(console, settings.Plain))
        {
            runner.Run(config, loaded.Trials, results, device, new LineObserver(console), cancel.Token, only);
            return ExitCodes.Success;
        }
        SummaryModel? summary = null;
        LiveObserver.CreateProgress().Start(context =>
            summary = runner.Run(config, loaded.Trials, results, device, new LiveObserver(context), cancel.Token, only));
        LiveObserver.WriteSummary(summary!, results.Root);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Image data is found and checked, and its domain classifier trained or loaded, before any
    /// trial starts: a missing or corrupt file is a usage error (exit 2) rather than a failed row
    /// per trial, and worker processes started afterwards find the classifier already cached.
    /// </summary>
    private static void PrepareImageData(LoadedExperiment loaded, TorchSharp.torch.Device device, CliConsole console)
    {
        var imageTrials = loaded.Trials.Where(t => t.Dataset.IsImage).ToList();
        if (imageTrials.Count == 0) return;
        ImageSetup.Log ??= line => console.Line(line);
        Core.Data.ImageDataSet data;
        try { data = ImageDataStore.Get(loaded.Config!.DataDir); }
        catch (Core.Data.ImageDataNotFoundException e) { throw new UsageException($"error: {e.Message}"); }
        catch (Core.Data.InputFileException e) { throw new UsageException(e.Message); }
        console.Line($"image data: {data.Files.Folder} ({data.TrainImages.Count} training, {data.TestImages.Count} test images)");
        foreach (var classifier in imageTrials.Select(t => t.Eval.Classifier).Distinct())
            ClassifierCache.GetOrTrain(data, classifier, device, ImageSetup.CacheFolder, ImageSetup.Log);
    }

    /// <summary>--jobs N on the CPU: N worker processes, one shard each, then the shards are merged into the folder.</summary>
    private static int RunInWorkers(Settings settings, LoadedExperiment loaded, string outDirectory, TorchSharp.torch.Device device, int jobs, CliConsole console)
    {
        CheckLocation(outDirectory);
        int count = ProcessFanOut.ShardCount(outDirectory, jobs);
        var ids = loaded.Trials.Select(t => t.TrialId).ToList();
        int done = 0;
        for (int i = 0; i < count; i++)
        {
            var spec = new ShardSpec(i, count);
            try { done += ResultsDirectory.Inspect(spec.DirectoryUnder(outDirectory), ids.Where(spec.Contains).ToList()).Count; }
            catch (ResultsConflictException e) { throw new UsageException($"error: {e.Message}"); }
        }
        console.Line($"{ids.Count} trial(s) on {device} in {count} worker processes; {(done > 0 ? $"{done} already done, resuming; " : "")}results in {outDirectory}");
        var clock = Stopwatch.StartNew();
        int failed = ProcessFanOut.RunShards(settings.ExperimentPath, outDirectory, settings.Device ?? loaded.Config!.Device, count, console);
        if (failed != 0)
        {
            console.Error($"error: a worker process exited with code {failed}; finished trials are kept, and running the same command again resumes");
            return failed == ExitCodes.InvalidInput ? ExitCodes.InvalidInput : ExitCodes.Failure;
        }
        try
        {
            var set = ShardMerger.Discover(outDirectory);
            ShardMerger.Merge(set, ids);
        }
        catch (ShardMergeException e) { throw new UsageException(e.Problems); }
        var summary = ReportGenerator.Build(outDirectory, loaded.Config!.Baseline).Summary;
        new LineObserver(console).SweepFinished(summary, outDirectory);
        console.Line($"wall time {clock.Elapsed.TotalSeconds:F0}s with {count} worker processes");
        return ExitCodes.Success;
    }

    private static void CheckLocation(string directory)
    {
        try { ResultsDirectory.CheckLocation(directory); }
        catch (ResultsConflictException e) { throw new UsageException($"error: {e.Message}"); }
    }
}
