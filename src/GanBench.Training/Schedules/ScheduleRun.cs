using System.Diagnostics;
using System.Runtime.InteropServices;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Training;
using static TorchSharp.torch;

namespace GanBench.Training.Schedules;

/// <summary>
/// One trial in progress, shared by every schedule: its spec and device, the one place that builds
/// its networks from its components, the clock and time budget, and what it has recorded so far.
/// </summary>
public sealed class ScheduleRun(ComponentRegistry components, TrialSpec trial, Device device, IProgress<TrialProgress>? progress, CancellationToken cancellation) : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private CancellationTokenSource _budget = new();

    public TrialSpec Trial => trial;
    public Device Device => device;
    public ComponentRegistry Components => components;
    public IProgress<TrialProgress>? Progress => progress;
    /// <summary>Cancelled when the sweep stops; a schedule checks it between steps and lets it propagate.</summary>
    public CancellationToken Cancellation => cancellation;
    /// <summary>Cancelled when train.max_minutes runs out; see <see cref="StartBudget"/>.</summary>
    public CancellationToken Budget => _budget.Token;

    /// <summary>Record samples and the critic surface at every evaluation (for the one seed whose training is drawn step by step); otherwise only at the end.</summary>
    public bool SnapshotEveryEvaluation { get; init; }
    /// <summary>Where this trial's checkpoints go when train.checkpoint_every is set; a checkpoint found there is resumed from. Null: no checkpoints.</summary>
    public string? CheckpointFolder { get; init; }

    /// <summary>Steps completed, in the schedule's own unit (<see cref="ISchedule.StepWord"/>).</summary>
    public int Step { get; set; }
    /// <summary>Wall time spent before the checkpoint this run resumed from.</summary>
    public double PriorSeconds { get; set; }
    public double EvalSeconds { get; set; }
    public List<Evaluation> Curve { get; } = [];
    public List<LayerGradient> LayerGradients { get; } = [];
    public List<TrialSnapshot> Snapshots { get; } = [];
    public WeightHistogram? Weights { get; set; }
    public double[]? RealSample { get; set; }

    /// <summary>The time this trial has taken so far in this process; null: since the run was created. An
    /// ensemble member's is its share of the shared training time plus its own evaluations.</summary>
    public Func<TimeSpan>? Clock { get; init; }

    public TimeSpan Elapsed => (Clock?.Invoke() ?? _clock.Elapsed) + TimeSpan.FromSeconds(PriorSeconds);

    /// <summary>The trial's networks, built from the arm's objective, penalty and their options: every schedule builds through here.</summary>
    /// <param name="spec">The trial as the networks should be built from it (a protocol's measurement critic
    /// with its own optimizer); null: the trial itself. Components always come from the trial.</param>
    public GanTrial CreateTrial(TrialSpec? spec = null)
    {
        var (objective, penalty) = components.For(trial);
        return new GanTrial(spec ?? trial, device, objective, penalty);
    }

    /// <summary>True when this run keeps checkpoints: the sweep gave it a folder and the trial sets train.checkpoint_every.</summary>
    public bool KeepsCheckpoints => CheckpointFolder is not null && trial.Train.CheckpointEvery is not null;

    /// <summary>True when a checkpoint is due after the step just taken (never after the last: the trial's row follows).</summary>
    public bool CheckpointDue => KeepsCheckpoints && Step % trial.Train.CheckpointEvery!.Value == 0 && Step < trial.Train.Iterations;

    /// <summary>The trial's networks, restored from its checkpoint when it keeps checkpoints and one is there and
    /// readable; the held-out real sample its point metrics are measured against is recorded with it.</summary>
    public GanTrial CreateOrResumeTrial()
    {
        var gan = CreateOrResume();
        if (gan.RealSample.Length > 0) RealSample = gan.RealSample;
        return gan;
    }

    private GanTrial CreateOrResume()
    {
        var fresh = CreateTrial();
        if (!KeepsCheckpoints) return fresh;
        TrainerState? resumed;
        try { resumed = TrialCheckpoints.Load(CheckpointFolder!, fresh); }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or ArgumentException or ExternalException)
        {
            // An unreadable checkpoint costs the time it saved, nothing else: start the trial over.
            fresh.Dispose();
            TrialCheckpoints.Delete(CheckpointFolder!);
            return CreateTrial();
        }
        if (resumed is not null)
        {
            Step = resumed.Step;
            PriorSeconds = resumed.WallSeconds;
            EvalSeconds = resumed.EvalSeconds;
            Curve.AddRange(resumed.Curve);
            LayerGradients.AddRange(resumed.LayerGradients);
            Snapshots.AddRange(resumed.Snapshots);
            // The linear noise schedule reads the generator-step count, which the networks' state does not carry.
            fresh.Iteration = resumed.Step;
        }
        return fresh;
    }

    /// <summary>Saves <paramref name="gan"/> with what this run has recorded, as the checkpoint of the current step.</summary>
    public void SaveCheckpoint(GanTrial gan) =>
        TrialCheckpoints.Save(CheckpointFolder!, gan, new TrainerState(Step, Elapsed.TotalSeconds, EvalSeconds, [.. Curve], [.. LayerGradients], [.. Snapshots]));

    /// <summary>True when the trial has a train.max_minutes budget and has used it up.</summary>
    public bool OverBudget => Budget.IsCancellationRequested || TrialTrainer.OverBudget(trial, Elapsed);

    /// <summary>
    /// Starts the train.max_minutes budget, counting time spent before a resumed checkpoint. The
    /// token is checked after every critic step, between the parts of an evaluation and inside exact
    /// W1, so one slow step or evaluation cannot overrun the budget by much.
    /// </summary>
    public void StartBudget()
    {
        _budget.Dispose();
        _budget = new CancellationTokenSource();
        if (trial.Train.MaxMinutes is double max)
        {
            double left = Math.Max(0, max * 60 - PriorSeconds);
            _budget.CancelAfter(left >= int.MaxValue / 1000.0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(left));
        }
    }

    public string TimeoutMessage(ISchedule schedule, int total) =>
        $"exceeded train.max_minutes={trial.Train.MaxMinutes!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} after {Step} of {total} {schedule.StepWord}s";

    /// <summary>Records one evaluation's metrics, refusing a non-finite value as divergence.</summary>
    public void Record(Dictionary<string, double?> metrics, double evalSeconds)
    {
        foreach (var (key, value) in metrics)
            if (value is double v && !double.IsFinite(v)) throw new NonFiniteException($"metric {key} is not finite");
        Curve.Add(new Evaluation(Step, Elapsed.TotalSeconds, metrics));
        EvalSeconds += evalSeconds;
    }

    public TrialOutcome Finish(ScheduleEnd end) => new(
        end.Status, Step, Elapsed.TotalSeconds, EvalSeconds, end.Message,
        end.Status == TrialStatus.Ok && Curve.Count > 0 ? Curve[^1].Metrics : new Dictionary<string, double?>(),
        Curve, LayerGradients, Snapshots, Weights) { RealSample = RealSample };

    public void Dispose() => _budget.Dispose();
}
