using GanBench.Training.Training;
using GanBench.Core.Config;
using GanBench.Training.Components;
using static TorchSharp.torch;

namespace GanBench.Training.Schedules;

/// <summary>
/// Runs one trial on its device through the schedule its protocol names (<see cref="ScheduleRunner"/>):
/// a NaN or infinity ends the trial as diverged; an exception ends it as failed; running past
/// train.max_minutes ends it as timeout (its curve so far is kept). None of these escapes to the sweep.
/// </summary>
public sealed class TrialTrainer(ComponentRegistry components)
{
    /// <summary>True when the trial has a train.max_minutes budget and has used it up.</summary>
    public static bool OverBudget(TrialSpec trial, TimeSpan elapsed) =>
        trial.Train.MaxMinutes is double max && elapsed.TotalMinutes > max;

    /// <param name="snapshotEveryEvaluation">Record samples and the critic surface at every evaluation
    /// (for the one seed whose training is drawn step by step); otherwise only at the end.</param>
    /// <param name="checkpointFolder">Where this trial's checkpoints go when train.checkpoint_every is set;
    /// a checkpoint found there is resumed from. Null: no checkpoints.</param>
    public TrialOutcome Run(TrialSpec trial, Device device, IProgress<TrialProgress>? progress = null, CancellationToken cancellation = default, bool snapshotEveryEvaluation = false, string? checkpointFolder = null)
    {
        var first = RunOnce(trial, device, progress, cancellation, snapshotEveryEvaluation, checkpointFolder);
        if (!first.NativeFailure) return first;
        // An error raised inside libtorch is sometimes not the trial's doing: TorchSharp frees an
        // implicitly converted Scalar from the finalizer thread, which can run while libtorch still
        // reads it (dotnet/TorchSharp#1496). About one trial in a hundred died that way here
        // ("Expected false to be true", "Unknown scalar type"), at a step where a rerun of the same
        // trial passes. A trial is a function of its seed, so one rerun gives exactly the numbers an
        // undisturbed run would have; an error that repeats is the trial's own and is kept.
        var second = RunOnce(trial, device, progress, cancellation, snapshotEveryEvaluation, checkpointFolder);
        string note = $"rerun once: the first run stopped at step {first.Steps} on a libtorch error ({first.Message})";
        return second with { Message = second.Message is { Length: > 0 } m ? $"{m}; {note}" : note };
    }

    private TrialOutcome RunOnce(TrialSpec trial, Device device, IProgress<TrialProgress>? progress, CancellationToken cancellation, bool snapshotEveryEvaluation, string? checkpointFolder)
    {
        using var run = new ScheduleRun(components, trial, device, progress, cancellation)
        {
            SnapshotEveryEvaluation = snapshotEveryEvaluation,
            CheckpointFolder = checkpointFolder,
        };
        return ScheduleRunner.Run(ScheduleRunner.For(trial), run);
    }
}
