using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Training;

namespace GanBench.Training.Sweep;

/// <summary>
/// Writes one finished trial into its results folder: per-trial files and curve rows first, the
/// runs.csv row last (that row marks the trial complete), then its checkpoints go.
/// </summary>
internal sealed class TrialRecorder
{
    private readonly ExperimentConfig _config;
    private readonly ResultsDirectory _results;
    private readonly Func<TrialSpec, string> _implementationOf;
    private readonly RunPlatform _platform;
    private readonly RunsCsvWriter _runs;
    private readonly CurvesCsvWriter _curves;

    public TrialRecorder(ExperimentConfig config, IReadOnlyList<TrialSpec> allTrials, ResultsDirectory results, Func<TrialSpec, string> implementationOf, RunPlatform platform)
    {
        _platform = platform;
        _config = config;
        _results = results;
        _implementationOf = implementationOf;
        // Columns from every trial, before sharding: shards of one experiment must write one header.
        var metrics = SweepRunner.MetricColumns(allTrials);
        _runs = new RunsCsvWriter(results.RunsPath, TrialSetup.OptionColumns(allTrials), metrics);
        _curves = new CurvesCsvWriter(results.CurvesPath, metrics);
    }

    public void Record(PendingTrial pending, TrialOutcome outcome)
    {
        var trial = pending.Trial;
        TrialArtifacts.Write(_results.Root, trial.TrialId,
            outcome.Snapshots.Select(s => new SnapshotData(s.Step, s.Samples, s.CriticSurface, s.SurfaceResolution)).ToList(),
            outcome.CriticWeights is { } w ? (w.Edges, w.Counts) : null, trial.Dataset.ImageChannels, outcome.RealSample, trial.Dataset.Dimension);
        _curves.Append(outcome.Curve.Select(e => new CurvePoint(trial.TrialId, e.Step, e.Metrics) { Arm = trial.Arm, Dataset = trial.Dataset.Name, Seed = trial.Seed }));
        LayerGradientsCsv.Append(_results.LayerGradientsPath, outcome.LayerGradients.Select(g =>
            new LayerGradientRow(trial.TrialId, g.Step, g.Network, g.Layer, g.GradNorm) { Arm = trial.Arm, Dataset = trial.Dataset.Name, Seed = trial.Seed }));
        if (_config.Tensorboard) TensorBoardLog.Write(_results.Root, trial, outcome.Curve);
        _runs.Append(new RunRecord
        {
            Trial = new TrialRecord(trial.TrialId, trial.Arm, trial.Dataset.Name, trial.Seed, outcome.Status, outcome.FinalMetrics),
            Experiment = trial.Experiment,
            Setup = TrialSetup.Of(trial),
            Steps = outcome.Steps,
            WallSeconds = Math.Round(outcome.WallSeconds, 3),
            EvalSeconds = Math.Round(outcome.EvalSeconds, 3),
            Message = outcome.Message ?? "",
            Implementation = _implementationOf(trial),
            Platform = _platform,
        });
        // After the runs row: a kill in between leaves a checkpoint that the next open deletes.
        if (pending.CheckpointFolder is not null) TrialCheckpoints.Delete(pending.CheckpointFolder);
    }
}
