using GanBench.Training.Ensembles;
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
/// Trains work units (a trial, or the members of one ensemble): one after another in this process,
/// or several at once in worker processes. The sweep records outcomes in whatever order they finish
/// and sorts its files into trial order at the end, so results do not depend on the executor or its
/// scheduling.
/// </summary>
public interface ITrialExecutor : IDisposable
{
    /// <summary>How many units can train at once (for progress displays and planning).</summary>
    int Parallelism { get; }

    void Run(IReadOnlyList<WorkUnit> units, ITrialEvents events, CancellationToken cancellation);
}

/// <summary>Trains one unit after another on this thread.</summary>
public sealed class InProcessExecutor(Components.ComponentRegistry components, TorchSharp.torch.Device device) : ITrialExecutor
{
    public int Parallelism => 1;

    public void Run(IReadOnlyList<WorkUnit> units, ITrialEvents events, CancellationToken cancellation)
    {
        var trainer = new TrialTrainer(components);
        var ensembles = new EnsembleTrainer(components);
        foreach (var unit in units)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var item in unit.Members) events.Started(item);
            if (unit.IsEnsemble)
            {
                var members = unit.Members.Select(m => new EnsembleMember(m.Trial, m.SnapshotEveryEvaluation, new Reporter(m, events), m.CheckpointFolder)).ToList();
                ensembles.Run(members, device, (k, outcome) => events.Finished(unit.Members[k], outcome), cancellation);
                continue;
            }
            var item0 = unit.Members[0];
            var outcome = trainer.Run(item0.Trial, device, new Reporter(item0, events), cancellation, item0.SnapshotEveryEvaluation, item0.CheckpointFolder);
            events.Finished(item0, outcome);
        }
    }

    public void Dispose() { }

    // Reports from the thread that trains; System.Progress would post to the thread pool.
    private sealed class Reporter(PendingTrial trial, ITrialEvents events) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => events.Progress(trial, value);
    }
}
