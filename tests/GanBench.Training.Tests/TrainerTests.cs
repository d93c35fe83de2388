using GanBench.Training.Schedules;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Training.Tests;

public class TrainerTests
{
    private static TrialOutcome Run(TrialSpec trial) => new TrialTrainer(ComponentRegistry.CreateBuiltin()).Run(trial, torch.CPU);

    [Theory]
    [InlineData("minimax", null, "none", 0.0, 0.0)]
    [InlineData("non_saturating", null, "none", 0.0, 0.1)]
    [InlineData("wasserstein", 0.01, "none", 0.0, 0.0)]
    [InlineData("wasserstein", null, "gp", 1.0, 0.0)]
    public void Every_seed_loss_trains_and_reports_finite_metrics(string objective, double? clip, string penalty, double weight, double noise)
    {
        var outcome = Run(TestTrials.Tiny(new LossSetup { Written = objective, Objective = objective, Clip = clip, Penalty = penalty, PenaltyWeight = weight, InstanceNoise = noise }));

        Assert.Equal(TrialStatus.Ok, outcome.Status);
        Assert.Equal(20, outcome.Steps);
        Assert.Equal([0, 10, 20], outcome.Curve.Select(e => e.Step));
        foreach (var key in new[] { "modes_covered", "hq_fraction", "w1_exact", "w1_sliced", "critic_w_estimate", "g_grad_norm", "d_grad_norm", "critic_lipschitz_max" })
            Assert.True(outcome.FinalMetrics[key] is double v && double.IsFinite(v), key);
        Assert.Equal(clip is not null, outcome.FinalMetrics.ContainsKey("clip_saturation"));
        // 2 hidden layers + output, for both networks, at each of the three evaluations.
        Assert.Equal(3 * 2 * 3, outcome.LayerGradients.Count);
    }

    [Fact]
    public void Same_seed_gives_bit_identical_metrics_and_another_seed_does_not()
    {
        var loss = new LossSetup { Written = "wgan_gp", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 1 };
        var a = Run(TestTrials.Tiny(loss, seed: 3));
        var b = Run(TestTrials.Tiny(loss, seed: 3));
        var c = Run(TestTrials.Tiny(loss, seed: 4));
        Assert.Equal(a.FinalMetrics, b.FinalMetrics);
        Assert.NotEqual(a.FinalMetrics["w1_exact"], c.FinalMetrics["w1_exact"]);
    }

    [Fact]
    public void Weight_clipping_keeps_every_critic_parameter_within_the_bound()
    {
        var trial = TestTrials.Tiny(new LossSetup { Written = "wgan", Objective = "wasserstein", Clip = 0.01 });
        using var gan = new GanTrial(trial, torch.CPU, new WassersteinObjective(), new NoPenalty());
        for (int i = 0; i < 5; i++) gan.CriticStep();
        foreach (var p in gan.Critic.parameters())
            Assert.True(p.abs().max().item<float>() <= 0.01f + 1e-9f);
    }

    [Fact]
    public void A_diverging_trial_is_recorded_as_diverged_and_does_not_throw()
    {
        var trial = TestTrials.Tiny(new LossSetup { Written = "wasserstein", Objective = "wasserstein" }, iterations: 2000) with
        {
            Train = new TrainConfig { Iterations = 2000, BatchSize = 32, CriticSteps = 1, Optimizer = new OptimizerConfig { Type = "sgd", Lr = 1e6 } },
        };
        var outcome = Run(trial);
        Assert.Equal(TrialStatus.Diverged, outcome.Status);
        Assert.Contains("step", outcome.Message);
        Assert.Empty(outcome.FinalMetrics);
        Assert.True(outcome.Steps < 2000);
    }
}
