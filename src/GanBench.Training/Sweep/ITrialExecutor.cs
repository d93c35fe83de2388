using GanBench.Training.Schedules;
using GanBench.Core.Config;
using GanBench.Training.Training;

namespace GanBench.Training.Sweep;

/// <summary>One trial a sweep still has to run, with how it is to be recorded.</summary>
/// <param name="Index">1-based position in the experiment's trial order, for progress lines.</param>
/// <param name="SnapshotEveryEvaluation">Record samples and the critic surface at every evaluation (the first seed of each arm and dataset).</param>
/// <param name="CheckpointFolder">Where the trial's checkpoints go (train.checkpoint_every), or null.</param>
public sealed record PendingTrial(TrialSpec Trial, int Index, bool SnapshotEveryEvaluation, string? CheckpointFolder);

/// <summary>What an executor reports; every call arrives on the thread that called <see cref="ITrialExecutor.Run"/>.</summary>
public interface ITrialEvents
{
    void Started(PendingTrial trial);
    void Progress(PendingTrial trial, TrialProgress progress);
    void Finished(PendingTrial trial, TrialOutcome outcome);
}

/// <summary>
/// Trains trials: one after another in this process, or several at once in worker processes.
/// The sweep records outcomes in whatever order they finish and sorts its files into trial order
/// at the end, so results do not depend on the executor or its scheduling.
/// </summary>
public interface ITrialExecutor : IDisposable
{
    /// <summary>How many trials can train at once (for progress displays).</summary>
    int Parallelism { get; }

    void Run(IReadOnlyList<PendingTrial> pending, ITrialEvents events, CancellationToken cancellation);
}

/// <summary>Trains one trial after another on this thread.</summary>
public sealed class InProcessExecutor(Components.ComponentRegistry components, TorchSharp.torch.Device device) : ITrialExecutor
{
    public int Parallelism => 1;

    public void Run(IReadOnlyList<PendingTrial> pending, ITrialEvents events, CancellationToken cancellation)
    {
        var trainer = new TrialTrainer(components);
        foreach (var item in pending)
        {
            cancellation.ThrowIfCancellationRequested();
            events.Started(item);
            var outcome = trainer.Run(item.Trial, device, new Reporter(item, events), cancellation, item.SnapshotEveryEvaluation, item.CheckpointFolder);
            events.Finished(item, outcome);
        }
    }

    public void Dispose() { }

    // Reports from the thread that trains; System.Progress would post to the thread pool.
    private sealed class Reporter(PendingTrial trial, ITrialEvents events) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => events.Progress(trial, value);
    }
}
