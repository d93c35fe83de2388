using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Schedules;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Training.Tests;

public class ProtocolTests
{
    private static TrialOutcome Run(TrialSpec trial) => new TrialTrainer(ComponentRegistry.CreateBuiltin()).Run(trial, torch.CPU);

    [Fact]
    public void Every_protocol_kind_the_config_accepts_has_exactly_one_schedule()
    {
        Assert.Equal(ProtocolConfig.Kinds.Order(StringComparer.Ordinal), ScheduleRunner.All.Keys.Order(StringComparer.Ordinal));
        Assert.IsType<StandardSchedule>(ScheduleRunner.All[ProtocolConfig.Standard]);
    }

    [Fact]
    public void A_protocol_trial_past_its_time_budget_ends_as_timeout_with_its_checkpoints_so_far()
    {
        var trial = TestTrials.Tiny(new LossSetup { Written = "minimax", Objective = "minimax" }) with
        {
            Protocol = new ProtocolConfig { Kind = ProtocolConfig.FixedGenerator, CriticSteps = 1_000_000, Checkpoints = 3 },
        };
        trial = trial with { Train = trial.Train with { MaxMinutes = 0.02 } };
        var outcome = Run(trial);
        Assert.Equal(TrialStatus.Timeout, outcome.Status);
        Assert.Contains("critic steps", outcome.Message);
        Assert.InRange(outcome.Steps, 1, 999_999);
        Assert.NotEmpty(outcome.Curve);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    public void Frozen_generator_records_both_generator_norms_and_d_of_g_at_log_spaced_checkpoints(double noise)
    {
        var trial = TestTrials.Tiny(new LossSetup { Written = "minimax", Objective = "minimax", InstanceNoise = noise }) with
        {
            Protocol = new ProtocolConfig { Kind = ProtocolConfig.FrozenGenerator, PretrainSteps = 5, CriticSteps = 30, Checkpoints = 4 },
        };
        var outcome = Run(trial);
        Assert.Equal(TrialStatus.Ok, outcome.Status);
        Assert.Equal(30, outcome.Steps);
        Assert.Equal(ProtocolConfig.LogSpacedSteps(30, 4), outcome.Curve.Select(e => e.Step));
        foreach (var e in outcome.Curve)
            foreach (var key in new[] { "g_grad_norm_minimax", "g_grad_norm_ns", "d_fake_prob", "d_fake_prob_q90", "d_real_prob", "d_loss" })
                Assert.True(e.Metrics[key] is double v && double.IsFinite(v) && v >= 0 || key == "d_loss", key);
        // The generator is frozen: the minimax gradient is σ(c)-weighted, so it never exceeds the NS one by much
        // when D(G(z)) < 1/2, and both are measured on the same fixed latents (repeatable).
        Assert.All(outcome.Curve, e => Assert.InRange(e.Metrics["d_fake_prob"]!.Value, 0, 1));
        // The 90th percentile is of the same per-latent probabilities: inside (0, 1), and not the mean.
        Assert.All(outcome.Curve, e => Assert.InRange(e.Metrics["d_fake_prob_q90"]!.Value, 0, 1));
        Assert.Contains(outcome.Curve, e => e.Metrics["d_fake_prob_q90"] != e.Metrics["d_fake_prob"]);
        var again = Run(trial);
        Assert.Equal(outcome.Curve.Select(e => e.Metrics["g_grad_norm_minimax"]), again.Curve.Select(e => e.Metrics["g_grad_norm_minimax"]));
    }

    [Fact]
    public void A_plateau_stops_the_measurement_critic_before_its_cap_with_the_last_checkpoint_where_it_stopped()
    {
        var frozen = new ProtocolConfig { Kind = ProtocolConfig.FrozenGenerator, PretrainSteps = 5, CriticSteps = 2000, Checkpoints = 5 };
        var trial = TestTrials.Tiny(new LossSetup { Written = "minimax", Objective = "minimax" }) with
        {
            // A tolerance of 50% per 20-step window: a critic this small improves far less than that, so it stops early.
            Protocol = frozen with { PlateauWindow = 20, PlateauTolerance = 0.5 },
        };
        var outcome = Run(trial);
        Assert.Equal(TrialStatus.Ok, outcome.Status);
        Assert.InRange(outcome.Steps, 40, 1999);
        Assert.Equal(outcome.Steps, outcome.Curve[^1].Step);
        Assert.Equal(0, outcome.Curve[0].Step);
        // Without the rule the same trial runs to its cap.
        Assert.Equal(200, Run(trial with { Protocol = frozen with { CriticSteps = 200 } }).Steps);
    }

    [Fact]
    public void The_measurement_critic_trains_with_the_protocol_s_optimizer_and_the_pretraining_keeps_the_arm_s()
    {
        var frozen = new ProtocolConfig { Kind = ProtocolConfig.FrozenGenerator, PretrainSteps = 20, CriticSteps = 30, Checkpoints = 3 };
        var arm = TestTrials.Tiny(new LossSetup { Written = "minimax", Objective = "minimax" }) with { Protocol = frozen };
        var own = arm with { Protocol = frozen with { CriticOptimizer = new OptimizerConfig { Lr = 1e-2 } } };
        var a = Run(arm);
        var b = Run(own);
        // Step 0 is measured before the first critic step: same pre-trained generator, same fresh critic.
        Assert.Equal(a.Curve[0].Metrics["g_grad_norm_ns"], b.Curve[0].Metrics["g_grad_norm_ns"]);
        Assert.Equal(a.Curve[0].Metrics["d_loss"], b.Curve[0].Metrics["d_loss"]);
        // After 30 steps at a hundred times the learning rate the critic is elsewhere.
        Assert.NotEqual(a.Curve[^1].Metrics["d_loss"], b.Curve[^1].Metrics["d_loss"]);
    }

    [Fact]
    public void Fixed_generator_records_one_activation_gradient_per_hidden_layer_and_clip_saturation()
    {
        var trial = TestTrials.Tiny(new LossSetup { Written = "wgan", Objective = "wasserstein", Clip = 0.01 }) with
        {
            Model = new ModelConfig { LatentDim = 2, Generator = new NetworkConfig { Hidden = 8, Layers = 1 }, Critic = new NetworkConfig { Hidden = 16, Layers = 5 } },
            Protocol = new ProtocolConfig { Kind = ProtocolConfig.FixedGenerator, NoiseStd = 1.0, CriticSteps = 10, Checkpoints = 2 },
        };
        var outcome = Run(trial);
        Assert.Equal(TrialStatus.Ok, outcome.Status);
        Assert.Equal([0, 10], outcome.Curve.Select(e => e.Step));
        var last = outcome.LayerGradients.Where(g => g.Step == 10 && g.Network == FixedGeneratorSchedule.ActivationNetwork).ToList();
        Assert.Equal(5, last.Count);
        Assert.All(last, g => Assert.True(double.IsFinite(g.GradNorm) && g.GradNorm >= 0));
        Assert.True(outcome.FinalMetrics["clip_saturation"] is > 0.5, "clipping at 0.01 puts most weights at the bound");
    }

    [Fact]
    public void Fixed_generator_with_gradient_penalty_trains()
    {
        var trial = TestTrials.Tiny(new LossSetup { Written = "wgan_gp", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 10 }) with
        {
            Protocol = new ProtocolConfig { Kind = ProtocolConfig.FixedGenerator, NoiseStd = 1.0, CriticSteps = 5, Checkpoints = 2 },
        };
        var outcome = Run(trial);
        Assert.Equal(TrialStatus.Ok, outcome.Status);
        Assert.False(outcome.FinalMetrics.ContainsKey("clip_saturation"));
        Assert.True(outcome.FinalMetrics["act_grad_span"] is double s && s >= 0);
    }
}
