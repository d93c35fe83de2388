using System.Diagnostics;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Schedules;
using GanBench.Training.Training;
using static TorchSharp.torch;

namespace GanBench.Training.Ensembles;

/// <summary>One member of an ensemble as the trainer needs it: its trial, what to record, where its progress
/// goes, and where its checkpoints go (train.checkpoint_every; null: none).</summary>
public sealed record EnsembleMember(TrialSpec Trial, bool SnapshotEveryEvaluation, IProgress<TrialProgress>? Progress, string? CheckpointFolder = null);

/// <summary>
/// Trains the members of one work unit (<see cref="EnsemblePlanner"/>) as one batched model under the
/// standard schedule, and records each member exactly as a lone trial records itself: the same
/// evaluations at the same steps (each member's own networks, written back from the ensemble, measured
/// by the same <see cref="GanTrial"/> code), the same statuses and messages. A member whose losses or
/// metrics turn non-finite is recorded as diverged at that step and leaves the others untouched: its
/// NaNs stay in its own slice of every stacked tensor (its rows of the batched matmuls, its elements
/// of the elementwise updates). Outcomes are handed over when the whole unit ends, in member order,
/// so a sweep killed mid-unit has recorded none of it and a resume forms the same unit again (a
/// member's last bits depend on which members share its batched matmuls). With train.checkpoint_every,
/// each live member saves a lone trial's checkpoint (its networks, both optimizers' state, its random
/// stream) and the re-formed unit resumes from them, bit for bit; members whose checkpoints are at
/// different steps (one that diverged before the kill has an older one) cannot step together, and
/// train alone from their own. train.max_minutes budgets each member's own time (its share of the
/// training plus its evaluations) and records a timeout at its step like a lone trial. If the
/// ensemble itself fails, the members that had not ended train alone, so an ensemble can never cost a trial.
/// </summary>
public sealed class EnsembleTrainer(ComponentRegistry components)
{
    /// <param name="finished">Called once per member (by index), in member order, when the unit ends.</param>
    public void Run(IReadOnlyList<EnsembleMember> members, Device device, Action<int, TrialOutcome> finished, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(finished);
        var ended = new TrialOutcome?[members.Count];
        var alone = new bool[members.Count];
        try
        {
            Train(members, device, (k, outcome) => ended[k] = outcome, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            var lone = new TrialTrainer(components);
            string note = $"trained alone: its ensemble stopped ({e.GetType().Name}: {ComponentPreflight.FirstLine(e.Message)})";
            for (int k = 0; k < members.Count; k++)
            {
                if (ended[k] is not null) continue;
                var m = members[k];
                var outcome = lone.Run(m.Trial, device, m.Progress, cancellation, m.SnapshotEveryEvaluation, m.CheckpointFolder);
                ended[k] = outcome with { Message = outcome.Message is { Length: > 0 } msg ? $"{msg}; {note}" : note };
                alone[k] = true;
            }
        }
        string unit = members[0].Trial.TrialId;
        for (int k = 0; k < members.Count; k++)
        {
            var outcome = ended[k]!;
            // A member that trained alone after all had its own clock, and its message says why.
            finished(k, alone[k] ? outcome : outcome with { Message = EnsembleNote.AppendTo(outcome.Message, unit, members.Count) });
        }
    }

    private static readonly StandardSchedule Schedule = new();

    private void Train(IReadOnlyList<EnsembleMember> members, Device device, Action<int, TrialOutcome> record, CancellationToken cancellation)
    {
        int count = members.Count;
        var clock = Stopwatch.StartNew();
        double evalSecondsAll = 0;
        var runs = new ScheduleRun[count];
        var gans = new GanTrial[count];
        var evalSecondsBefore = new double[count];
        try
        {
            for (int k = 0; k < count; k++)
            {
                int member = k;
                // A member's wall time is its share of the ensemble's training time plus its own evaluations,
                // so wall_seconds over a sweep still sums to the time it took (and max_minutes reads the same).
                runs[k] = new ScheduleRun(components, members[k].Trial, device, members[k].Progress, cancellation)
                {
                    SnapshotEveryEvaluation = members[k].SnapshotEveryEvaluation,
                    CheckpointFolder = members[k].CheckpointFolder,
                    Clock = () => TimeSpan.FromSeconds((clock.Elapsed.TotalSeconds - evalSecondsAll) / count + runs[member].EvalSeconds - evalSecondsBefore[member]),
                };
                gans[k] = runs[k].CreateOrResumeTrial();
                evalSecondsBefore[k] = runs[k].EvalSeconds;
            }
            if (runs.Select(r => r.Step).Distinct().Count() > 1)
                throw new InvalidOperationException($"its members resumed from checkpoints at different steps ({string.Join(", ", runs.Select(r => r.Step))})");
            using var model = new EnsembleModel(gans);
            var live = Enumerable.Range(0, count).ToList();
            void Stop(int k, ScheduleEnd end)
            {
                live.Remove(k);
                record(k, runs[k].Finish(end));
            }
            void EvaluateLive()
            {
                foreach (int k in live.ToList())
                {
                    double before = runs[k].EvalSeconds;
                    model.CopyToMember(k);
                    try { StandardSchedule.EvaluateAt(runs[k], gans[k]); }
                    catch (NonFiniteException e) { Stop(k, new(TrialStatus.Diverged, $"{e.Message} at step {runs[k].Step}")); }
                    evalSecondsAll += runs[k].EvalSeconds - before;
                }
            }
            void StopOverBudget(int iterations)
            {
                foreach (int k in live.ToList())
                    if (TrialTrainer.OverBudget(runs[k].Trial, runs[k].Elapsed))
                        Stop(k, new(TrialStatus.Timeout, runs[k].TimeoutMessage(Schedule, iterations)));
            }

            var train = members[0].Trial.Train;
            int every = members[0].Trial.Eval.Every;
            int step = runs[0].Step;
            if (step == 0 && runs[0].Curve.Count == 0) EvaluateLive();
            while (step < train.Iterations && live.Count > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                Tensor? criticLoss = null;
                for (int c = 0; c < train.CriticSteps && live.Count > 0; c++)
                {
                    criticLoss?.Dispose();
                    criticLoss = model.CriticStep();
                    StopOverBudget(train.Iterations);
                }
                if (live.Count == 0) { criticLoss?.Dispose(); break; }
                using var generatorLoss = model.GeneratorStep();
                step++;
                float[] critic, generator;
                using (criticLoss)
                {
                    critic = criticLoss!.cpu().data<float>().ToArray();
                    generator = generatorLoss.cpu().data<float>().ToArray();
                }
                foreach (int k in live.ToList())
                {
                    runs[k].Step = step;
                    if (!float.IsFinite(critic[k]) || !float.IsFinite(generator[k]))
                        Stop(k, new(TrialStatus.Diverged, $"non-finite loss at step {step} (critic {(double)critic[k]}, generator {(double)generator[k]})"));
                }
                if (step % every == 0 || step == train.Iterations)
                    EvaluateLive();
                foreach (int k in live.Where(k => runs[k].CheckpointDue))
                {
                    model.CopyStateToMember(k);
                    runs[k].SaveCheckpoint(gans[k]);
                }
                foreach (int k in live)
                    runs[k].Progress?.Report(new TrialProgress(step, train.Iterations, critic[k], generator[k]));
                if (step < train.Iterations) StopOverBudget(train.Iterations);
            }
            foreach (int k in live.ToList())
                Stop(k, ScheduleEnd.Finished);
        }
        finally
        {
            foreach (var gan in gans) gan?.Dispose();
            foreach (var run in runs) run?.Dispose();
        }
    }
}
