using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Training;

namespace GanBench.Training.Sweep;

/// <summary>
/// Writes finished trials into their results folder, a work unit at a time: per-trial files and
/// curve rows first, the runs.csv rows last (a row marks its trial complete), then checkpoints go.
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

    /// <summary>Records the trials of one work unit: every member's files and curves first, then all their
    /// runs.csv rows in one write (<see cref="RunsCsvWriter.Append(IReadOnlyList{RunRecord})"/>), then their checkpoints go.</summary>
    public void Record(IReadOnlyList<(PendingTrial Pending, TrialOutcome Outcome)> unit)
    {
        foreach (var (pending, outcome) in unit) WriteFiles(pending.Trial, outcome);
        _runs.Append(unit.Select(m => RunRecordOf(m.Pending.Trial, m.Outcome)).ToList());
        // After the runs rows: a kill in between leaves checkpoints that the next open deletes.
        foreach (var (pending, _) in unit)
            if (pending.CheckpointFolder is not null) TrialCheckpoints.Delete(pending.CheckpointFolder);
    }

    private void WriteFiles(TrialSpec trial, TrialOutcome outcome)
    {
        TrialArtifacts.Write(_results.Root, trial.TrialId,
            outcome.Snapshots.Select(s => new SnapshotData(s.Step, s.Samples, s.CriticSurface, s.SurfaceResolution)).ToList(),
            outcome.CriticWeights is { } w ? (w.Edges, w.Counts) : null, trial.Dataset.ImageChannels, outcome.RealSample, trial.Dataset.Dimension);
        _curves.Append(outcome.Curve.Select(e => new CurvePoint(trial.TrialId, e.Step, e.Metrics) { Arm = trial.Arm, Dataset = trial.Dataset.Name, Seed = trial.Seed }));
        LayerGradientsCsv.Append(_results.LayerGradientsPath, outcome.LayerGradients.Select(g =>
            new LayerGradientRow(trial.TrialId, g.Step, g.Network, g.Layer, g.GradNorm) { Arm = trial.Arm, Dataset = trial.Dataset.Name, Seed = trial.Seed }));
        if (_config.Tensorboard) TensorBoardLog.Write(_results.Root, trial, outcome.Curve);
    }

    private RunRecord RunRecordOf(TrialSpec trial, TrialOutcome outcome) => new()
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
    };
}
