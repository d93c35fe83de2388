using GanBench.Training.Ensembles;
using GanBench.Cli.Application;
using GanBench.Cli.Output;
using GanBench.Cli.Workers;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Reports;
using GanBench.Training.Components;
using GanBench.Training.Sweep;
using GanBench.Training.Torch;
using static TorchSharp.torch;

namespace GanBench.Cli.Sweeps;

/// <summary>Where and how a sweep runs.</summary>
/// <param name="OutDirectory">The experiment's results folder (a shard writes below it, in shards/i-of-n/).</param>
/// <param name="Shard">One shard of a multi-machine sweep, or null for every trial.</param>
/// <param name="Jobs">Trials trained at once in worker processes; null: one per core on the CPU, one on a GPU.</param>
public sealed record SweepRequest(LoadedExperiment Experiment, string OutDirectory, Device Device, ShardSpec? Shard = null, int? Jobs = null);

/// <summary>What `run` was asked for, before the experiment is loaded.</summary>
/// <param name="Device">auto, cpu or cuda; null: the experiment's device.</param>
/// <param name="Plain">Plain progress lines even on a terminal (they are the default when stdout is redirected).</param>
/// <param name="Shard">"i/n" (0-based) or "none"; null to detect Slurm arrays and Indexed Jobs.</param>
/// <param name="ShardCount">The count that goes with JOB_COMPLETION_INDEX.</param>
/// <param name="Environment">Where Slurm's and Kubernetes' shard variables are read.</param>
public sealed record ExperimentRunRequest(string ExperimentPath, string? OutDirectory, string? Device, int? Jobs,
    bool Plain, string? Shard, string? ShardCount, Func<string, string?> Environment);

/// <summary>
/// The one way a sweep runs, for `run` and `claims`: open (and check) the results folder, train
/// the pending trials in this process or in a pool of worker processes, record them, sort the
/// files into trial order and build the reports with the components the run loaded.
/// </summary>
public static class SweepService
{
    /// <summary>
    /// `run`: the experiment file (or one shard of it) into its results folder, live in a terminal
    /// and as plain lines elsewhere. Everything a user can get wrong is checked before a trial starts.
    /// </summary>
    public static void RunExperiment(ExperimentRunRequest request, CliConsole console)
    {
        var shard = ResolveShard(request);
        var loaded = ExperimentInput.LoadOrThrow(request.ExperimentPath);
        var config = loaded.Config!;
        var device = ResolveDevice(request.Device ?? config.Device);
        ImageDataPreparation.Prepare(loaded, device, console);

        var outDirectory = request.OutDirectory ?? Path.Combine("results", config.Name);
        if (shard is var (spec, source))
        {
            int count = loaded.Trials.Count(t => spec.Contains(t.TrialId));
            console.Line(count == 0
                ? $"shard {spec} (from {source}): none of the {loaded.Trials.Count} trial(s) falls in this shard, so there is nothing to train here; merge counts it as complete"
                : $"shard {spec} (from {source}): {count} of {loaded.Trials.Count} trial(s); merge with: merge {outDirectory}");
        }
        var sweep = new SweepRequest(loaded, outDirectory, device, shard?.Spec, request.Jobs);
        if (!LiveObserver.ShouldUse(console, request.Plain))
        {
            Run(sweep, new LineObserver(console), console);
            return;
        }
        SummaryModel? summary = null;
        var live = new LiveObserver(console);
        live.Show(() => summary = Run(sweep, live, console));
        if (summary is not null) live.WriteSummary(summary, shard?.Spec.DirectoryUnder(outDirectory) ?? outDirectory);
    }

    private static (ShardSpec Spec, string Source)? ResolveShard(ExperimentRunRequest request)
    {
        try
        {
            return ShardSpec.Resolve(request.Shard, request.ShardCount, request.Environment, out var source) is { } spec ? (spec, source) : null;
        }
        catch (ShardSpecException e) { throw new UsageException($"error: run: {e.Message}"); }
    }

    /// <summary>auto, cpu or cuda as libtorch can serve it here; cuda without a GPU is an input error.</summary>
    public static Device ResolveDevice(string choice)
    {
        var (device, error) = DeviceSelector.Resolve(choice);
        return device ?? throw new UsageException($"error: {error}");
    }

    /// <summary>Every objective and penalty answers once on small inputs before a trial starts (see <see cref="ComponentPreflight"/>).</summary>
    public static void CheckComponents(LoadedExperiment loaded, IEnumerable<TrialSpec> trials)
    {
        var problems = ComponentPreflight.Check(loaded.Components, trials);
        if (problems.Count > 0) throw new UsageException(problems.Select(p => $"error: {p}").ToList());
    }

    /// <summary>Refuses a sweep whose largest trial cannot fit, as many times as trials train at once, in this machine's memory.</summary>
    /// <summary>How many trials can be in memory at once: one per worker, or a whole ensemble per worker
    /// where trials can share one (train.ensemble).</summary>
    public static int TrialsAtOnce(IReadOnlyList<TrialSpec> trials, int jobs, EnsemblePlanner planner)
    {
        int grouped = trials.Count(t => planner.WhyAlone(t) is null);
        int perWorker = grouped == 0 ? 1 : Math.Min(grouped, trials.Max(t => t.Train.Ensemble.MaxMembers));
        return (int)Math.Min(Math.Max(1, trials.Count), (long)Math.Min(jobs, Math.Max(1, trials.Count)) * perWorker);
    }

    public static void CheckMemory(IReadOnlyList<TrialSpec> trials, int atOnce)
    {
        if (trials.Count == 0) return;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var largest = trials.MaxBy(TrialMemory.Bytes)!;
        long need = TrialMemory.Bytes(largest);
        if (need * atOnce <= available) return;
        throw new UsageException(
            $"error: trial {largest.TrialId} ({largest.Arm} on {largest.Dataset.Name}) needs about {TrialMemory.Text(need)} of memory" +
            $"{(atOnce > 1 ? $", {TrialMemory.Text(need * atOnce)} for {atOnce} at once" : "")}, and this machine has {TrialMemory.Text(available)}; " +
            "make the networks, batch_size or eval samples smaller" + (atOnce > 1 ? ", or run fewer trials at once with --jobs or a smaller train.ensemble" : ""));
    }

    /// <returns>The summary, or null when the scope holds no trial (an empty shard).</returns>
    /// <exception cref="UsageException">The results folder holds something this run must not touch.</exception>
    public static SummaryModel? Run(SweepRequest request, ISweepObserver observer, CliConsole console, CancellationToken cancellation = default)
    {
        var loaded = request.Experiment;
        var config = loaded.Config!;
        var all = loaded.Trials;
        var scope = request.Shard is { } shard ? all.Where(t => shard.Contains(t.TrialId)).ToList() : all;
        var root = request.Shard?.DirectoryUnder(request.OutDirectory) ?? request.OutDirectory;
        var byId = all.ToDictionary(t => t.TrialId, StringComparer.Ordinal);
        Func<TrialSpec, string> implementationOf = loaded.Components.ImplementationOf;
        var expectation = ResultsExpectation.For(all, scope.Select(t => t.TrialId), SweepRunner.MetricColumns(all),
            id => implementationOf(byId[id]), ResolvedConfigWriter.ToYaml(config, all));

        bool onCpu = request.Device.type == TorchSharp.DeviceType.CPU;
        int jobs = request.Jobs ?? (onCpu ? Environment.ProcessorCount : 1);
        CheckComponents(loaded, scope);
        var planner = new EnsemblePlanner(loaded.Components);
        CheckMemory(scope, TrialsAtOnce(scope, jobs, planner));

        ResultsDirectory results;
        try
        {
            // A file in the way of the experiment folder is named before the shard folder below it.
            ResultsDirectory.CheckLocation(request.OutDirectory);
            results = ResultsDirectory.Open(root, expectation);
        }
        catch (ResultsConflictException e) { throw new UsageException(e.Problems.Select(p => $"error: {p}").ToList()); }

        if (onCpu) set_num_threads(SweepRunner.TorchThreads);
        int pending = scope.Count(t => !results.Completed.Contains(t.TrialId));
        int workers = Math.Min(jobs, pending);
        string device = onCpu ? "cpu" : "cuda";
        using ITrialExecutor executor = workers > 1
            ? new WorkerPool(results.ResolvedConfigPath, device, workers, console)
            : new InProcessExecutor(loaded.Components, request.Device);
        var runner = new SweepRunner((dir, baseline) => ReportGenerator.Build(dir, loaded.Catalog, baseline).Summary);
        return runner.Run(config, all, results, executor, observer, implementationOf, TorchPlatform.Describe(request.Device),
            request.Shard is null ? null : scope.Select(t => t.TrialId).ToHashSet(StringComparer.Ordinal), cancellation,
            planner);
    }
}
