using System.Collections.Concurrent;
using GanBench.Core.Results;
using GanBench.Training.Ensembles;
using GanBench.Training.Sweep;
using GanBench.Training.Training;

namespace GanBench.Cli.Workers;

/// <summary>A worker process could not start (it exited before loading the experiment); the sweep stops.</summary>
public sealed class WorkerStartException(string message) : Exception(message);

/// <summary>
/// Trains work units (a trial, or an ensemble's members) in N worker processes that pull from one
/// queue: each idle worker gets the next unit, so the load balances itself and no worker sits empty. Processes, not threads:
/// with two trials training on threads of one process, 2 of 60 flagship trials failed inside
/// libtorch reading a freed native object. Workers only train; this process records every
/// outcome, so a results folder has one writer whatever the number of workers.
/// </summary>
internal sealed class WorkerPool(string resolvedConfigPath, string device, int size, CliConsole console) : ITrialExecutor
{
    private readonly List<WorkerProcess> _workers = [];

    public int Parallelism => size;

    public void Run(IReadOnlyList<WorkUnit> units, ITrialEvents events, CancellationToken cancellation)
    {
        var queue = new Queue<WorkUnit>(units);
        var inbox = new BlockingCollection<WorkerEvent>();
        int running = 0;
        void Assign(WorkerProcess worker)
        {
            if (queue.Count == 0) { worker.Finish(); return; }
            var next = queue.Dequeue();
            worker.Send(next);
            foreach (var member in next.Members) events.Started(member);
            running += next.Members.Count;
        }
        for (int i = 0; i < Math.Min(size, units.Count); i++)
        {
            var worker = WorkerProcess.Start(i, resolvedConfigPath, device, inbox, console);
            _workers.Add(worker);
            Assign(worker);
        }
        while (running > 0)
        {
            var (worker, line) = inbox.Take(cancellation);
            if (line == WorkerProtocol.Ready) worker.IsReady = true;
            else if (line?.StartsWith(WorkerProtocol.ProgressTag, StringComparison.Ordinal) == true)
            {
                var (id, progress) = WorkerProtocol.ReadProgress(line);
                if (progress is not null && worker.Current.TryGetValue(id, out var trial)) events.Progress(trial, progress);
            }
            else if (line?.StartsWith(WorkerProtocol.OutcomeTag, StringComparison.Ordinal) == true)
            {
                var (id, outcome) = WorkerProtocol.ReadOutcome(line);
                if (!worker.Current.Remove(id, out var done))
                    throw new InvalidDataException($"worker {worker.Number} reported trial {id}, which it was not training");
                if (outcome is null) throw new InvalidDataException($"worker {worker.Number} sent an empty outcome for trial {id}");
                running--;
                events.Finished(done, outcome);
                if (worker.Current.Count == 0) Assign(worker);
            }
            else if (line is null)
                Replace(worker, events, queue.Count > 0 ? Assign : null, ref running, inbox);
        }
        inbox.CompleteAdding();
    }

    /// <summary>A worker that ended mid-unit costs the unit's unfinished trials (recorded as failed, with why); the queue goes on in a new worker.</summary>
    /// <param name="assign">Gives a new worker its first trial; null when the queue is empty and no new worker is needed.</param>
    private void Replace(WorkerProcess worker, ITrialEvents events, Action<WorkerProcess>? assign, ref int running, BlockingCollection<WorkerEvent> inbox)
    {
        var lost = worker.Current.Values.ToList();
        string why = worker.Obituary();
        if (!worker.IsReady)
            throw new WorkerStartException($"{why}; it could not start, so the sweep stops (finished trials are kept; running the same command again resumes)");
        if (lost.Count == 0) return;
        worker.Current.Clear();
        foreach (var trial in lost)
        {
            running--;
            events.Finished(trial, new TrialOutcome(TrialStatus.Failed, 0, 0, 0, $"{why} while training this trial",
                new Dictionary<string, double?>(), [], [], [], null));
        }
        if (assign is null) return;
        var replacement = WorkerProcess.Start(worker.Number, resolvedConfigPath, device, inbox, console);
        _workers.Add(replacement);
        assign(replacement);
    }

    public void Dispose()
    {
        foreach (var w in _workers) w.Dispose();
    }
}
