using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Training;

namespace GanBench.Training.Sweep;

/// <summary>Hears about a sweep as it goes, for progress displays. Every call comes from the thread that records results.</summary>
public interface ISweepObserver
{
    void SweepStarted(int total, int alreadyDone, string resultsDirectory, string device, int parallelism);
    void TrialStarted(int index, int total, TrialSpec trial);
    void TrialProgress(TrialSpec trial, TrialProgress progress);
    /// <summary>A work unit ended: the TrialFinished calls of its <paramref name="trials"/> members follow at once
    /// (an ensemble's members end together, so a rate counted per call would jump).</summary>
    void UnitFinished(int trials);
    void TrialFinished(int index, int total, TrialSpec trial, TrialOutcome outcome);
    void SweepFinished(SummaryModel summary, string resultsDirectory);
}

/// <summary>
/// Trains every pending trial of an experiment through an executor and records each as it ends:
/// curves first, its runs.csv row last, so the runs row marks it complete. One writer (this
/// object, on one thread) serves every executor, and the reports are rebuilt from the CSVs at the
/// end by the same code that `report` runs.
/// </summary>
/// <param name="buildReports">Rebuilds the reports of a results folder from its files, given the
/// baseline arm, and returns the summary; defaults to the tables alone (<see cref="ReportBuilder.Build"/>).</param>
public sealed class SweepRunner(Func<string, string?, SummaryModel>? buildReports = null)
{
    public static IReadOnlyList<string> MetricColumns(IReadOnlyList<TrialSpec> trials) =>
        MetricCatalog.Columns(trials.Select(t => t.Dataset.IsImage ? MetricScope.Images : MetricScope.Points), trials.Select(t => t.Protocol.Kind),
            trials.SelectMany(t => t.Eval.OptionalMeasurements));

    /// <summary>
    /// Intra-op threads for CPU training: one. Small networks gain little from splitting a
    /// 256×64 matmul across cores, float reductions then always run in the same order whatever
    /// --jobs is, and parallelism comes from training several trials at once in separate processes.
    /// </summary>
    public const int TorchThreads = 1;

    /// <param name="trials">Every trial of the experiment, in run order (config.resolved.yaml lists them all, so every shard writes the same file).</param>
    /// <param name="scope">The trials this run records (one shard's share), or null for all.</param>
    /// <param name="implementationOf">What computes a trial's numbers, recorded in runs.csv (see <see cref="Implementation"/>).</param>
    /// <param name="platform">Where the trials run (every worker of a sweep runs on the same build and device kind), recorded in runs.csv.</param>
    /// <param name="planner">Groups pending trials into ensembles (train.ensemble); null: every trial trains alone.</param>
    public SummaryModel? Run(ExperimentConfig config, IReadOnlyList<TrialSpec> trials, ResultsDirectory results, ITrialExecutor executor,
        ISweepObserver observer, Func<TrialSpec, string> implementationOf, RunPlatform platform, IReadOnlySet<string>? scope = null, CancellationToken cancellation = default,
        Ensembles.EnsemblePlanner? planner = null)
    {
        ResultsDirectory.WriteAtomically(results.ResolvedConfigPath, ResolvedConfigWriter.ToYaml(config, trials));
        var recorder = new TrialRecorder(config, trials, results, implementationOf, platform);
        var mine = scope is null ? trials : trials.Where(t => scope.Contains(t.TrialId)).ToList();
        var pending = mine.Select((trial, i) => (trial, index: i + 1)).Where(p => !results.Completed.Contains(p.trial.TrialId))
            .Select(p => new PendingTrial(p.trial, p.index, p.trial.Seed == config.Seeds[0],
                p.trial.Train.CheckpointEvery is null ? null : Path.Combine(results.CheckpointsPath, p.trial.TrialId)))
            .ToList();
        var units = planner?.Plan(pending) ?? pending.Select(p => new Ensembles.WorkUnit([p])).ToList();
        observer.SweepStarted(mine.Count, mine.Count - pending.Count, results.Root, platform.ToString(), Math.Min(executor.Parallelism, Math.Max(1, units.Count)));
        executor.Run(units, new Events(recorder, observer, mine.Count, units), cancellation);

        results.SortRows(trials.Select(t => t.TrialId).ToList());
        if (!File.Exists(results.RunsPath)) return null;
        var summary = (buildReports ?? ReportBuilder.Build)(results.Root, config.Baseline);
        observer.SweepFinished(summary, results.Root);
        return summary;
    }

    /// <summary>
    /// Records a unit when its last member has finished, all members at once: a member's last bits depend
    /// on which members share its batched matmuls, so a kill must never leave half a unit recorded (the
    /// resume would train the rest as a smaller unit). Executors hand a unit's outcomes over together anyway.
    /// </summary>
    private sealed class Events(TrialRecorder recorder, ISweepObserver observer, int total, IReadOnlyList<Ensembles.WorkUnit> units) : ITrialEvents
    {
        private readonly Dictionary<string, Ensembles.WorkUnit> _unitOf = units.SelectMany(u => u.Members.Select(m => (m.Trial.TrialId, u)))
            .ToDictionary(x => x.TrialId, x => x.u, StringComparer.Ordinal);
        private readonly Dictionary<Ensembles.WorkUnit, Dictionary<string, TrialOutcome>> _finished = [];

        public void Started(PendingTrial trial) => observer.TrialStarted(trial.Index, total, trial.Trial);
        public void Progress(PendingTrial trial, TrialProgress progress) => observer.TrialProgress(trial.Trial, progress);
        public void Finished(PendingTrial trial, TrialOutcome outcome)
        {
            var unit = _unitOf[trial.Trial.TrialId];
            if (!_finished.TryGetValue(unit, out var done)) _finished[unit] = done = new(StringComparer.Ordinal);
            done[trial.Trial.TrialId] = outcome;
            if (done.Count < unit.Members.Count) return;
            _finished.Remove(unit);
            recorder.Record(unit.Members.Select(m => (m, done[m.Trial.TrialId])).ToList());
            observer.UnitFinished(unit.Members.Count);
            foreach (var member in unit.Members)
                observer.TrialFinished(member.Index, total, member.Trial, done[member.Trial.TrialId]);
        }
    }
}
