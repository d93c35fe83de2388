using System.Diagnostics;
using System.Runtime.InteropServices;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Training;

/// <summary>
/// Runs the standard GAN schedule for one trial: critic_steps critic updates per generator
/// update, evaluations at step 0, every eval.every steps and at the end. A NaN or infinity ends
/// the trial as diverged; an exception ends it as failed; running past train.max_minutes ends it
/// as timeout (its curve so far is kept). None of these escapes to the sweep.
/// </summary>
public sealed class TrialTrainer(ComponentRegistry components)
{
    public const int SurfaceResolution = 48, WeightBins = 60;

    /// <summary>True when the trial has a train.max_minutes budget and has used it up.</summary>
    public static bool OverBudget(TrialSpec trial, TimeSpan elapsed) =>
        trial.Train.MaxMinutes is double max && elapsed.TotalMinutes > max;

    /// <summary>
    /// Cancelled when train.max_minutes runs out, counting time spent before a checkpoint this run
    /// resumed from. Checked after every critic step, between the parts of an evaluation and inside
    /// exact W1, so one slow step or evaluation cannot overrun the budget by much.
    /// </summary>
    private static CancellationTokenSource Budget(TrialSpec trial, double priorSeconds)
    {
        var budget = new CancellationTokenSource();
        if (trial.Train.MaxMinutes is double max)
        {
            double left = Math.Max(0, max * 60 - priorSeconds);
            budget.CancelAfter(left >= int.MaxValue / 1000.0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(left));
        }
        return budget;
    }

    /// <param name="snapshotEveryEvaluation">Record samples and the critic surface at every evaluation
    /// (for the one seed whose training is drawn step by step); otherwise only at the end.</param>
    /// <param name="checkpointFolder">Where this trial's checkpoints go when train.checkpoint_every is set;
    /// a checkpoint found there is resumed from. Null: no checkpoints.</param>
    public TrialOutcome Run(TrialSpec trial, Device device, IProgress<TrialProgress>? progress = null, CancellationToken cancellation = default, bool snapshotEveryEvaluation = false, string? checkpointFolder = null)
    {
        if (!trial.Protocol.IsStandard)
            return Protocols.ProtocolRunner.Run(components, trial, device, progress, cancellation);
        var clock = Stopwatch.StartNew();
        double priorSeconds = 0; // wall time spent before the checkpoint this run resumed from
        TimeSpan Elapsed() => clock.Elapsed + TimeSpan.FromSeconds(priorSeconds);
        double evalSeconds = 0;
        var curve = new List<Evaluation>();
        var layerGradients = new List<LayerGradient>();
        var snapshots = new List<TrialSnapshot>();
        WeightHistogram? weights = null;
        int step = 0;
        double criticLoss = double.NaN, generatorLoss = double.NaN;
        var budget = new CancellationTokenSource();
        double[]? realSample = null;

        void EvaluateAt(GanTrial gan)
        {
            var evalClock = Stopwatch.StartNew();
            var (metrics, layers) = gan.Evaluate(budget.Token);
            curve.Add(new Evaluation(step, Elapsed().TotalSeconds, metrics));
            foreach (var (network, layer, norm) in layers)
                layerGradients.Add(new LayerGradient(step, network, layer, norm));
            if (snapshotEveryEvaluation || step == trial.Train.Iterations)
                snapshots.Add(gan.Snapshot(step, SurfaceResolution));
            if (step == trial.Train.Iterations)
                weights = gan.CriticWeightHistogram(WeightBins);
            evalSeconds += evalClock.Elapsed.TotalSeconds;
        }

        string TimeoutMessage() => $"exceeded train.max_minutes={trial.Train.MaxMinutes!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} after {step} of {trial.Train.Iterations} steps";

        TrialOutcome Finish(TrialStatus status, string? message) => new(
            status, step, Elapsed().TotalSeconds, evalSeconds, message,
            status == TrialStatus.Ok && curve.Count > 0 ? curve[^1].Metrics : new Dictionary<string, double?>(),
            curve, layerGradients, snapshots, weights) { RealSample = realSample };

        try
        {
            GanTrial Create()
            {
                var (objective, penalty) = components.For(trial);
                return new GanTrial(trial, device, objective, penalty);
            }
            bool checkpoints = checkpointFolder is not null && trial.Train.CheckpointEvery is not null;
            var fresh = Create();
            TrainerState? resumed = null;
            if (checkpoints)
            {
                try { resumed = TrialCheckpoints.Load(checkpointFolder!, fresh); }
                catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or ArgumentException or ExternalException)
                {
                    // An unreadable checkpoint costs the time it saved, nothing else: start the trial over.
                    fresh.Dispose();
                    TrialCheckpoints.Delete(checkpointFolder!);
                    fresh = Create();
                }
            }
            using var gan = fresh;
            if (gan.RealSample.Length > 0) realSample = gan.RealSample;
            if (resumed is not null)
            {
                step = resumed.Step;
                priorSeconds = resumed.WallSeconds;
                evalSeconds = resumed.EvalSeconds;
                curve.AddRange(resumed.Curve);
                layerGradients.AddRange(resumed.LayerGradients);
                snapshots.AddRange(resumed.Snapshots);
            }
            budget.Dispose();
            budget = Budget(trial, priorSeconds);
            if (resumed is null)
                EvaluateAt(gan);
            while (step < trial.Train.Iterations)
            {
                cancellation.ThrowIfCancellationRequested();
                for (int k = 0; k < trial.Train.CriticSteps; k++)
                {
                    criticLoss = gan.CriticStep();
                    if (budget.IsCancellationRequested || OverBudget(trial, Elapsed()))
                        return Finish(TrialStatus.Timeout, TimeoutMessage());
                }
                generatorLoss = gan.GeneratorStep();
                step++;
                if (!double.IsFinite(criticLoss) || !double.IsFinite(generatorLoss))
                    return Finish(TrialStatus.Diverged, $"non-finite loss at step {step} (critic {criticLoss}, generator {generatorLoss})");
                if (step % trial.Eval.Every == 0 || step == trial.Train.Iterations)
                    EvaluateAt(gan);
                if (checkpoints && step % trial.Train.CheckpointEvery!.Value == 0 && step < trial.Train.Iterations)
                    TrialCheckpoints.Save(checkpointFolder!, gan, new TrainerState(step, Elapsed().TotalSeconds, evalSeconds, [.. curve], [.. layerGradients], [.. snapshots]));
                progress?.Report(new TrialProgress(step, trial.Train.Iterations, criticLoss, generatorLoss));
                if (step < trial.Train.Iterations && OverBudget(trial, Elapsed()))
                    return Finish(TrialStatus.Timeout, TimeoutMessage());
            }
            return Finish(TrialStatus.Ok, null);
        }
        catch (NonFiniteException e)
        {
            return Finish(TrialStatus.Diverged, $"{e.Message} at step {step}");
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            return Finish(TrialStatus.Timeout, TimeoutMessage());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            return Finish(TrialStatus.Failed, $"{e.GetType().Name}: {Components.ComponentPreflight.FirstLine(e.Message)}");
        }
    }
}
