using GanBench.Cli.Commands;
using GanBench.Cli.Workers;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Reports;
using GanBench.Training.Sweep;
using static TorchSharp.torch;

namespace GanBench.Cli.Sweeps;

/// <summary>Where and how a sweep runs.</summary>
/// <param name="OutDirectory">The experiment's results folder (a shard writes below it, in shards/i-of-n/).</param>
/// <param name="Shard">One shard of a multi-machine sweep, or null for every trial.</param>
/// <param name="Jobs">Trials trained at once in worker processes; null: one per core on the CPU, one on a GPU.</param>
public sealed record SweepRequest(LoadedExperiment Experiment, string OutDirectory, Device Device, ShardSpec? Shard = null, int? Jobs = null);

/// <summary>
/// The one way a sweep runs, for `run` and `claims`: open (and check) the results folder, train
/// the pending trials in this process or in a pool of worker processes, record them, sort the
/// files into trial order and build the reports with the components the run loaded.
/// </summary>
public static class SweepService
{
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

        ResultsDirectory results;
        try
        {
            // A file in the way of the experiment folder is named before the shard folder below it.
            ResultsDirectory.CheckLocation(request.OutDirectory);
            results = ResultsDirectory.Open(root, expectation);
        }
        catch (ResultsConflictException e) { throw new UsageException(e.Problems.Select(p => $"error: {p}").ToList()); }

        bool onCpu = request.Device.type == TorchSharp.DeviceType.CPU;
        if (onCpu) set_num_threads(SweepRunner.TorchThreads);
        int pending = scope.Count(t => !results.Completed.Contains(t.TrialId));
        int workers = Math.Min(request.Jobs ?? (onCpu ? Environment.ProcessorCount : 1), pending);
        string device = onCpu ? "cpu" : "cuda";
        using ITrialExecutor executor = workers > 1
            ? new WorkerPool(results.ResolvedConfigPath, device, workers, console)
            : new InProcessExecutor(loaded.Components, request.Device);
        var runner = new SweepRunner((dir, baseline) => ReportGenerator.Build(dir, baseline, loaded.Catalog).Summary);
        return runner.Run(config, all, results, executor, observer, implementationOf, device,
            request.Shard is null ? null : scope.Select(t => t.TrialId).ToHashSet(StringComparer.Ordinal), cancellation);
    }
}
