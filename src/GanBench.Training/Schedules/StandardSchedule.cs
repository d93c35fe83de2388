using System.Diagnostics;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Training;

namespace GanBench.Training.Schedules;

/// <summary>
/// The standard GAN schedule: critic_steps critic updates per generator update, evaluations at
/// step 0, every eval.every steps and at the end, checkpoints every train.checkpoint_every steps
/// when the sweep gives a checkpoint folder (a checkpoint found there is resumed from).
/// </summary>
public sealed class StandardSchedule : ISchedule
{
    public const int SurfaceResolution = 48, WeightBins = 60;

    public string Name => ProtocolConfig.Standard;
    public string StepWord => "step";

    public ScheduleEnd Execute(ScheduleRun run)
    {
        var trial = run.Trial;
        using var gan = run.CreateOrResumeTrial();
        run.StartBudget();
        if (run.Step == 0 && run.Curve.Count == 0)
            EvaluateAt(run, gan);
        double criticLoss = double.NaN, generatorLoss = double.NaN;
        while (run.Step < trial.Train.Iterations)
        {
            run.Cancellation.ThrowIfCancellationRequested();
            for (int k = 0; k < trial.Train.CriticSteps; k++)
            {
                criticLoss = gan.CriticStep();
                if (run.OverBudget) return new(TrialStatus.Timeout, run.TimeoutMessage(this, trial.Train.Iterations));
            }
            generatorLoss = gan.GeneratorStep();
            run.Step++;
            if (!double.IsFinite(criticLoss) || !double.IsFinite(generatorLoss))
                return new(TrialStatus.Diverged, $"non-finite loss at step {run.Step} (critic {criticLoss}, generator {generatorLoss})");
            if (run.Step % trial.Eval.Every == 0 || run.Step == trial.Train.Iterations)
                EvaluateAt(run, gan);
            if (run.CheckpointDue) run.SaveCheckpoint(gan);
            run.Progress?.Report(new TrialProgress(run.Step, trial.Train.Iterations, criticLoss, generatorLoss));
            if (run.Step < trial.Train.Iterations && run.OverBudget)
                return new(TrialStatus.Timeout, run.TimeoutMessage(this, trial.Train.Iterations));
        }
        return ScheduleEnd.Finished;
    }

    /// <summary>One evaluation of the trial at run.Step, recorded into the run; ensembles evaluate each member through here too.</summary>
    internal static void EvaluateAt(ScheduleRun run, GanTrial gan)
    {
        var clock = Stopwatch.StartNew();
        var (metrics, layers) = gan.Evaluate(run.Budget);
        run.Record(metrics, 0);
        foreach (var (network, layer, norm) in layers)
            run.LayerGradients.Add(new LayerGradient(run.Step, network, layer, norm));
        bool last = run.Step == run.Trial.Train.Iterations;
        if (run.SnapshotEveryEvaluation || last)
            run.Snapshots.Add(gan.Snapshot(run.Step, SurfaceResolution));
        if (last)
            run.Weights = gan.CriticWeightHistogram(WeightBins);
        run.EvalSeconds += clock.Elapsed.TotalSeconds;
    }
}
