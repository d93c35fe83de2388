using GanBench.Training.Images;
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
    public sealed record Settings(string ExperimentPath, string? OutDirectory, string? Device, int? Jobs, bool Plain = false, string? Shard = null, string? ShardCount = null);

    public static Settings Parse(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse("run", args, ["out", "device", "jobs", "shard", "shard-count"], ["plain"]);
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
        var settings = new Settings(line.Positionals[0], line.Option("out"), device, jobs, line.Flag("plain"), line.Option("shard"), line.Option("shard-count"));
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

        PrepareImageData(loaded, device, console);

        var outDirectory = settings.OutDirectory ?? Path.Combine("results", config.Name);
        if (shard is var (spec, source))
        {
            int count = loaded.Trials.Count(t => spec.Contains(t.TrialId));
            console.Line(count == 0
                ? $"shard {spec} (from {source}): none of the {loaded.Trials.Count} trial(s) falls in this shard, so there is nothing to train here; merge counts it as complete"
                : $"shard {spec} (from {source}): {count} of {loaded.Trials.Count} trial(s); merge with: merge {outDirectory}");
        }
        var request = new Sweeps.SweepRequest(loaded, outDirectory, device, shard?.Item1, settings.Jobs);
        if (!LiveObserver.ShouldUse(console, settings.Plain))
        {
            Sweeps.SweepService.Run(request, new LineObserver(console), console);
            return ExitCodes.Success;
        }
        SummaryModel? summary = null;
        var live = new LiveObserver();
        live.Show(() => summary = Sweeps.SweepService.Run(request, live, console));
        if (summary is not null) LiveObserver.WriteSummary(summary, shard is null ? outDirectory : shard.Value.Item1.DirectoryUnder(outDirectory));
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
}
