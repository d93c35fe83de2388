using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Ensembles;
using GanBench.Training.Schedules;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Training.Tests.Ensembles;

/// <summary>
/// A whole trial trained as an ensemble member is recorded as it is alone: status, steps, the
/// evaluations at the same steps with the same metrics (to float32 rounding of the training that led
/// there), snapshots and the weight histogram; a diverging member is recorded at its step and the
/// others go on untouched; an ensemble that cannot be built trains its members alone.
/// </summary>
[Collection(nameof(Survival.GlobalTorchSeed))]
public class EnsembleTrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-ensemble-ckpt-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Metrics after 20 steps of 2 critic steps: float32 rounding, amplified a little by training.</summary>
    private const double Rtol = 1e-3, Atol = 1e-5;

    private static readonly LossSetup Gp = new() { Written = "wgan_gp", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 1 };

    private static TrialSpec Member(int seed, double weight, double lr) =>
        TestTrials.Tiny(Gp with { PenaltyWeight = weight }, iterations: 20, seed: seed) is var t
            ? t with { TrialId = $"m{seed}", Train = t.Train with { Optimizer = t.Train.Optimizer with { Lr = lr } } } : null!;

    private static TrialOutcome[] RunEnsemble(IReadOnlyList<TrialSpec> trials, string? checkpoints = null, IProgress<TrialProgress>? progress = null, CancellationToken cancel = default)
    {
        var outcomes = new TrialOutcome[trials.Count];
        var members = trials.Select((t, k) => new EnsembleMember(t, SnapshotEveryEvaluation: k == 0, Progress: k == 0 ? progress : null,
            CheckpointFolder: checkpoints is null ? null : Path.Combine(checkpoints, t.TrialId))).ToList();
        new EnsembleTrainer(ComponentRegistry.CreateBuiltin()).Run(members, torch.CPU, (k, o) => outcomes[k] = o, cancel);
        return outcomes;
    }

    private static TrialSpec WithCheckpoints(TrialSpec t, int every) => t with { Train = t.Train with { CheckpointEvery = every } };

    private static TrialOutcome RunAlone(TrialSpec trial, bool snapshots) =>
        new TrialTrainer(ComponentRegistry.CreateBuiltin()).Run(trial, torch.CPU, snapshotEveryEvaluation: snapshots);

    private static void AssertSameRecord(TrialOutcome alone, TrialOutcome member, string who)
    {
        Assert.Equal((alone.Status, alone.Steps), (member.Status, member.Steps));
        Assert.Equal(alone.Curve.Select(e => e.Step), member.Curve.Select(e => e.Step));
        for (int i = 0; i < alone.Curve.Count; i++)
        {
            Assert.Equal(alone.Curve[i].Metrics.Keys.Order(), member.Curve[i].Metrics.Keys.Order());
            foreach (var (key, value) in alone.Curve[i].Metrics)
            {
                double a = value ?? double.NaN, m = member.Curve[i].Metrics[key] ?? double.NaN;
                Assert.True(double.IsNaN(a) == double.IsNaN(m) && (double.IsNaN(a) || Math.Abs(a - m) <= Atol + Rtol * Math.Abs(a)),
                    $"{who}, step {alone.Curve[i].Step}, {key}: alone {a:R}, as a member {m:R}");
            }
        }
        Assert.Equal(alone.LayerGradients.Select(l => (l.Step, l.Network, l.Layer)), member.LayerGradients.Select(l => (l.Step, l.Network, l.Layer)));
        Assert.Equal(alone.Snapshots.Select(s => s.Step), member.Snapshots.Select(s => s.Step));
        Assert.Equal(alone.CriticWeights is null, member.CriticWeights is null);
        Assert.Equal(alone.RealSample, member.RealSample);
    }

    [Fact]
    public void Each_member_is_recorded_as_its_trial_alone()
    {
        torch.set_num_threads(1);
        var trials = new[] { Member(0, 1, 1e-4), Member(1, 10, 1e-3), Member(2, 0.1, 5e-4) };
        var together = RunEnsemble(trials);
        for (int k = 0; k < trials.Length; k++)
        {
            Assert.Equal(TrialStatus.Ok, together[k].Status);
            Assert.Equal($"trained in an ensemble of 3 (unit {trials[0].TrialId})", together[k].Message);
            AssertSameRecord(RunAlone(trials[k], snapshots: k == 0), together[k], $"member {k}");
        }
        Assert.Equal(3, together[0].Snapshots.Count);
        // A member's wall time is its share of the shared training plus its own evaluations.
        Assert.All(together, o => Assert.InRange(o.EvalSeconds, 0, o.WallSeconds));
    }

    [Fact]
    public void A_diverging_member_is_recorded_at_its_step_and_the_others_go_on()
    {
        torch.set_num_threads(1);
        var trials = new[] { Member(0, 1, 1e-4), Member(1, 1, 1e6) with { Loss = Gp with { PenaltyWeight = 1e30 } }, Member(2, 1, 1e-4) };
        var together = RunEnsemble(trials);
        var lone = RunAlone(trials[1], snapshots: false);
        Assert.Equal(TrialStatus.Diverged, lone.Status);
        Assert.Equal((lone.Status, lone.Steps), (together[1].Status, together[1].Steps));
        // The message quotes the losses, which agree to rounding like every other number.
        Assert.StartsWith(lone.Message![..lone.Message!.IndexOf('(', StringComparison.Ordinal)], together[1].Message);
        Assert.Equal(lone.Curve.Select(e => e.Step), together[1].Curve.Select(e => e.Step));
        foreach (int k in new[] { 0, 2 })
        {
            Assert.Equal(TrialStatus.Ok, together[k].Status);
            AssertSameRecord(RunAlone(trials[k], snapshots: k == 0), together[k], $"member {k}");
        }
    }

    [Fact]
    public void Members_that_cannot_share_a_model_train_alone_and_say_so()
    {
        torch.set_num_threads(1);
        var clipped = Member(1, 1, 1e-4) with { Loss = Gp with { Clip = 0.1 } };
        var together = RunEnsemble([Member(0, 1, 1e-4), clipped]);
        Assert.All(together, o => Assert.Equal(TrialStatus.Ok, o.Status));
        Assert.All(together, o => Assert.Contains("trained alone: its ensemble stopped (ArgumentException: ensemble members must all be clipped the same way", o.Message));
        AssertSameRecord(RunAlone(clipped, snapshots: false), together[1], "clipped member");
    }

    [Fact]
    public void An_ensemble_killed_mid_way_resumes_from_its_members_checkpoints_bit_identical()
    {
        torch.set_num_threads(1);
        var trials = new[] { Member(0, 1, 1e-4), Member(1, 10, 1e-3), Member(2, 0.1, 5e-4) }.Select(t => WithCheckpoints(t, 5)).ToArray();
        var uninterrupted = RunEnsemble(trials, Path.Combine(_dir, "a"));

        string folder = Path.Combine(_dir, "b");
        using (var cancel = new CancellationTokenSource())
            Assert.ThrowsAny<OperationCanceledException>(() => RunEnsemble(trials, folder, new CancelAt(13, cancel), cancel.Token));
        // Each member holds a lone trial's checkpoint of step 10, the latest before the kill.
        Assert.All(trials, t => Assert.Equal(["step-00000010"], Directory.GetDirectories(Path.Combine(folder, t.TrialId)).Select(Path.GetFileName)));

        var first = new FirstStep();
        var resumed = RunEnsemble(trials, folder, first);
        Assert.Equal(11, first.Step);
        for (int k = 0; k < trials.Length; k++)
        {
            OutcomeAssert.BitIdentical(uninterrupted[k], resumed[k]);
            Assert.Equal(uninterrupted[k].Message, resumed[k].Message);
        }
    }

    [Fact]
    public void A_members_checkpoint_is_a_lone_trials_and_resumes_alone()
    {
        torch.set_num_threads(1);
        var trials = new[] { Member(0, 1, 1e-4), Member(1, 10, 1e-3) }.Select(t => WithCheckpoints(t, 10)).ToArray();
        var together = RunEnsemble(trials);
        using (var cancel = new CancellationTokenSource())
            Assert.ThrowsAny<OperationCanceledException>(() => RunEnsemble(trials, _dir, new CancelAt(13, cancel), cancel.Token));
        var alone = new TrialTrainer(ComponentRegistry.CreateBuiltin()).Run(trials[1], torch.CPU, checkpointFolder: Path.Combine(_dir, trials[1].TrialId));
        // Steps 0..10 come from the checkpoint, the rest from training alone: equal to rounding.
        AssertSameRecord(together[1], alone, "member 1 resumed alone");
        Assert.Equal(together[1].Curve.Where(e => e.Step <= 10).Select(e => e.Metrics["w1_exact"]), alone.Curve.Where(e => e.Step <= 10).Select(e => e.Metrics["w1_exact"]));
    }

    [Fact]
    public void Members_resumed_at_different_steps_train_alone_from_their_checkpoints()
    {
        torch.set_num_threads(1);
        var trials = new[] { Member(0, 1, 1e-4), Member(1, 10, 1e-3) }.Select(t => WithCheckpoints(t, 5)).ToArray();
        var lone = new TrialTrainer(ComponentRegistry.CreateBuiltin());
        using (var cancel = new CancellationTokenSource())
            Assert.ThrowsAny<OperationCanceledException>(() => lone.Run(trials[0], torch.CPU, new CancelAt(7, cancel), cancel.Token, snapshotEveryEvaluation: true, checkpointFolder: Path.Combine(_dir, trials[0].TrialId)));
        var first = new FirstStep();
        var outcomes = RunEnsemble(trials, _dir, first);
        Assert.Equal(6, first.Step);
        Assert.All(outcomes, o => Assert.Contains("trained alone: its ensemble stopped (InvalidOperationException: its members resumed from checkpoints at different steps (5, 0))", o.Message));
        OutcomeAssert.BitIdentical(lone.Run(trials[0], torch.CPU, snapshotEveryEvaluation: true), outcomes[0]);
    }

    [Fact]
    public void A_member_over_max_minutes_times_out_at_its_step_and_the_others_go_on()
    {
        torch.set_num_threads(1);
        var slow = Member(1, 10, 1e-3) is var t ? t with { Train = t.Train with { MaxMinutes = 1e-7 } } : null!;
        var together = RunEnsemble([Member(0, 1, 1e-4), slow, Member(2, 0.1, 5e-4)]);
        var alone = RunAlone(slow, snapshots: false);
        Assert.Equal((TrialStatus.Timeout, 0), (alone.Status, alone.Steps));
        Assert.Equal((alone.Status, alone.Steps), (together[1].Status, together[1].Steps));
        Assert.StartsWith(alone.Message!, together[1].Message);
        foreach (int k in new[] { 0, 2 })
            Assert.Equal(TrialStatus.Ok, together[k].Status);
        AssertSameRecord(RunAlone(Member(2, 0.1, 5e-4), snapshots: false), together[2], "member 2");
    }
}
