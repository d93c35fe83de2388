using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Training;
using static TorchSharp.torch;

namespace GanBench.Training.Sweep;

/// <summary>Hears about a sweep as it goes, for progress displays.</summary>
public interface ISweepObserver
{
    void SweepStarted(int total, int alreadyDone, string resultsDirectory, string device);
    void TrialStarted(int index, int total, TrialSpec trial);
    void TrialProgress(TrialSpec trial, TrialProgress progress);
    void TrialFinished(int index, int total, TrialSpec trial, TrialOutcome outcome);
    void SweepFinished(SummaryModel summary, string resultsDirectory);
}

/// <summary>
/// Trains every pending trial of an experiment and records it. Each trial's rows are appended
/// as soon as it ends (curves first, its runs.csv row last, so the runs row marks it complete),
/// and the reports are rebuilt from the CSVs at the end by the same code that `report` runs.
/// </summary>
/// <param name="buildReports">Rebuilds the reports of a results folder from its files, given the
/// baseline arm, and returns the summary; defaults to the tables alone (<see cref="ReportBuilder.Build"/>).
/// The CLI passes the full report with plots, so the sweep's end and `report` share one path.</param>
public sealed class SweepRunner(ComponentRegistry components, Func<string, string?, SummaryModel>? buildReports = null)
{
    public static IReadOnlyList<string> MetricColumns(IReadOnlyList<TrialSpec> trials) =>
        MetricCatalog.Columns(hasPoints: trials.Any(t => !t.Dataset.IsImage), hasImages: trials.Any(t => t.Dataset.IsImage));

    /// <remarks>
    /// Trials run one after another in this process. Several trials at once run in separate
    /// processes (RunCommand's --jobs, one shard each), never on threads of one process: with two
    /// trials training on threads, 2 of 60 flagship trials failed inside libtorch reading a
    /// Scalar (c10 Scalar::toDouble "Expected false to be true"), the mark of a native object
    /// freed while in use. A failure there could as well be a silently wrong number.
    /// </remarks>
    /// <param name="trials">Every trial of the experiment, in run order (config.resolved.yaml lists them all, so every shard writes the same file).</param>
    /// <param name="shard">When set, only this shard's trials run; <paramref name="results"/> is the shard's folder.</param>
    public SummaryModel Run(ExperimentConfig config, IReadOnlyList<TrialSpec> trials, ResultsDirectory results, Device device, ISweepObserver observer, CancellationToken cancellation = default, ShardSpec? shard = null)
    {
        ResultsDirectory.WriteAtomically(results.ResolvedConfigPath, ResolvedConfigWriter.ToYaml(config, trials));
        // From every trial, before sharding: shards of a mixed point/image experiment must write the
        // same header, or merging them fails.
        var columns = MetricColumns(trials);
        if (shard is not null)
            trials = trials.Where(t => shard.Contains(t.TrialId)).ToList();
        var runsWriter = new RunsCsvWriter(results.RunsPath, columns);
        var curvesWriter = new CurvesCsvWriter(results.CurvesPath, columns);
        var trainer = new TrialTrainer(components);
        var recordGate = new object();

        var pending = trials.Select((trial, i) => (trial, index: i + 1)).Where(p => !results.Completed.Contains(p.trial.TrialId)).ToList();
        observer.SweepStarted(trials.Count, trials.Count - pending.Count, results.Root, device.ToString());

        void RunOne((TrialSpec trial, int index) item)
        {
            var (trial, index) = item;
            observer.TrialStarted(index, trials.Count, trial);
            // One seed per arm and dataset is drawn step by step; the others only at the end.
            bool drawSteps = trial.Seed == config.Seeds[0];
            var checkpoints = trial.Train.CheckpointEvery is null ? null : Path.Combine(results.CheckpointsPath, trial.TrialId);
            var outcome = trainer.Run(trial, device, new Progress(trial, observer), cancellation, drawSteps, checkpoints);

            // Curves and per-trial files first, the runs.csv row last: that row marks the trial complete.
            lock (recordGate)
            {
                TrialArtifacts.Write(results.Root, trial.TrialId,
                    outcome.Snapshots.Select(s => new SnapshotData(s.Step, s.Samples, s.CriticSurface, s.SurfaceResolution)).ToList(),
                    outcome.CriticWeights is { } w ? (w.Edges, w.Counts) : null, trial.Dataset.ImageChannels);
                curvesWriter.Append(outcome.Curve.Select(e => new CurvePoint(trial.TrialId, e.Step, e.Metrics)));
                LayerGradientsCsv.Append(results.LayerGradientsPath, outcome.LayerGradients.Select(g => new LayerGradientRow(trial.TrialId, g.Step, g.Network, g.Layer, g.GradNorm)));
                if (config.Tensorboard) TensorBoardLog.Write(results.Root, trial, outcome.Curve);
                runsWriter.Append(ToRunRecord(trial, outcome));
                // After the runs row: a kill in between leaves a checkpoint that the next open deletes.
                if (checkpoints is not null) TrialCheckpoints.Delete(checkpoints);
                observer.TrialFinished(index, trials.Count, trial, outcome);
            }
        }

        foreach (var item in pending)
        {
            cancellation.ThrowIfCancellationRequested();
            RunOne(item);
        }

        results.SortRows(trials.Select(t => t.TrialId).ToList());
        var summary = (buildReports ?? ReportBuilder.Build)(results.Root, config.Baseline);
        observer.SweepFinished(summary, results.Root);
        return summary;
    }

    /// <summary>
    /// Intra-op threads for CPU training: one. Small networks gain little from splitting a
    /// 256×64 matmul across cores, float reductions then always run in the same order whatever
    /// --jobs is, and parallelism comes from training several trials at once in separate processes.
    /// </summary>
    public const int TorchThreads = 1;

    private static RunRecord ToRunRecord(TrialSpec trial, TrialOutcome outcome) => new()
    {
        Trial = new TrialRecord(trial.TrialId, trial.Arm, trial.Dataset.Name, trial.Seed, outcome.Status, outcome.FinalMetrics),
        Experiment = trial.Experiment,
        Loss = trial.Loss.Written,
        Clip = trial.Loss.Clip,
        GpWeight = trial.Loss.Penalty == "gp" ? trial.Loss.PenaltyWeight : 0,
        InstanceNoise = trial.Loss.InstanceNoise,
        Steps = outcome.Steps,
        WallSeconds = Math.Round(outcome.WallSeconds, 3),
        EvalSeconds = Math.Round(outcome.EvalSeconds, 3),
        // One line, so every results file keeps one row per line (resume repair and sorting rely on it).
        Message = (outcome.Message ?? "").ReplaceLineEndings(" "),
    };

    // Reports only from the thread that trains; System.Progress would post to the thread pool.
    private sealed class Progress(TrialSpec trial, ISweepObserver observer) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => observer.TrialProgress(trial, value);
    }
}
