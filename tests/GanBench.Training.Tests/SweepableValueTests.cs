using GanBench.Training.Schedules;
using GanBench.Abstractions;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Models;
using GanBench.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Tests;

/// <summary>
/// Every value a user can sweep changes the numbers, in the direction the maths says: a trainer
/// that ignored one (say, used 1.0 for the penalty weight) passes "ok and finite" checks, but
/// not these. Trials are tiny and seeded, so each comparison is deterministic.
/// </summary>
public class SweepableValueTests
{
    private static readonly ComponentRegistry Components = ComponentRegistry.CreateBuiltin();

    private static LossSetup Wgan(double? clip = null, string penalty = "none", double weight = 0, double target = 1) => new()
    {
        Written = "wasserstein", Objective = "wasserstein", Penalty = penalty, PenaltyWeight = weight, Clip = clip,
        Parameters = penalty == "gp" ? new SortedDictionary<string, double> { ["gp_target"] = target } : new SortedDictionary<string, double>(),
    };

    private static TrialSpec With(TrialSpec t, OptimizerConfig? optimizer = null, int? criticSteps = null, int? iterations = null) => t with
    {
        Train = t.Train with
        {
            Optimizer = optimizer ?? t.Train.Optimizer,
            CriticSteps = criticSteps ?? t.Train.CriticSteps,
            Iterations = iterations ?? t.Train.Iterations,
        },
    };

    private static GanTrial Gan(TrialSpec trial)
    {
        var (objective, penalty) = Components.For(trial);
        return new GanTrial(trial, CPU, objective, penalty);
    }

    private static double[] Flat(GanNetwork network) =>
        network.parameters().SelectMany(p => p.detach().to_type(ScalarType.Float64).flatten().data<double>().ToArray()).ToArray();

    private static double[] Grads(GanNetwork network) =>
        network.parameters().SelectMany(p => p.grad!.detach().to_type(ScalarType.Float64).flatten().data<double>().ToArray()).ToArray();

    private static double Final(TrialSpec trial, string metric)
    {
        var outcome = new TrialTrainer(Components).Run(trial, CPU);
        Assert.Equal(TrialStatus.Ok, outcome.Status);
        return outcome.FinalMetrics[metric]!.Value;
    }

    [Fact]
    public void The_penalty_weight_multiplies_the_penalty_in_the_critic_loss()
    {
        // From identical weights and draws, the first critic loss is objective + weight × penalty.
        double Loss(double weight)
        {
            using var gan = Gan(TestTrials.Tiny(Wgan(penalty: "gp", weight: weight)));
            return gan.CriticStep();
        }
        double baseline = Loss(0), ten = Loss(10), twenty = Loss(20);
        Assert.True(ten - baseline > 1e-3, $"the penalty adds nothing: {ten} vs {baseline}");
        Assert.Equal(2.0, (twenty - baseline) / (ten - baseline), 3);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_larger_gp_weight_holds_the_interpolate_slopes_nearer_the_target()
    {
        var trial = TestTrials.Tiny(Wgan(penalty: "gp", weight: 0.001), iterations: 40) with { Train = new TrainConfig { Iterations = 40, BatchSize = 64, CriticSteps = 5, Optimizer = new OptimizerConfig { Lr = 1e-3 } } };
        double Gap(double weight, double target) =>
            Math.Abs(Final(trial with { Loss = Wgan(penalty: "gp", weight: weight, target: target) }, "critic_lipschitz_mean") - target);
        Assert.True(Gap(10, 1) < Gap(0.001, 1), "gp_weight 10 should bring the slopes nearer 1 than 0.001");

        double Slope(double target) => Final(trial with { Loss = Wgan(penalty: "gp", weight: 10, target: target) }, "critic_lipschitz_mean");
        Assert.True(Slope(3) > Slope(0.3) + 0.5, "gp_target 3 should give steeper slopes than 0.3");
    }

    [Fact]
    public void A_smaller_clip_bound_puts_more_weights_at_the_bound_and_after_mode_keeps_every_weight_inside()
    {
        double Saturation(double c) => Final(TestTrials.Tiny(Wgan(clip: c)), "clip_saturation");
        Assert.True(Saturation(0.001) > Saturation(0.1), "c = 0.001 should saturate more weights than c = 0.1");

        // After-mode clipping leaves every weight inside [-c, c], and the initial weights (up to
        // 1/sqrt(16) = 0.25) put some of them right at the bound.
        foreach (var c in new[] { 0.1, 0.01 })
        {
            var after = new TrialTrainer(Components).Run(TestTrials.Tiny(Wgan(clip: c)), CPU);
            Assert.Equal(c, -after.CriticWeights!.Edges[0], 1e-7);
        }
    }

    [Fact]
    public void Instance_noise_makes_the_critic_less_sure_and_is_reported_as_given()
    {
        var ns = new LossSetup { Written = "non_saturating", Objective = "non_saturating" };
        var trial = With(TestTrials.Tiny(ns), new OptimizerConfig { Lr = 1e-3 }, criticSteps: 5, iterations: 40);
        double Loss(double sigma) => Final(trial with { Loss = ns with { InstanceNoise = sigma } }, "d_loss");
        // Noise well above the data's scale hides which sample is real: the loss stays near 2 log 2,
        // while the noiseless critic learns to separate them.
        double clean = Loss(0), noisy = Loss(2.0);
        Assert.True(noisy > clean + 0.05, $"σ = 2 should leave the critic loss higher than σ = 0: {noisy} vs {clean}");
        Assert.Equal(0.3, Final(trial with { Loss = ns with { InstanceNoise = 0.3 } }, "noise_sigma"));
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    [InlineData("rmsprop")]
    public void The_first_step_moves_the_weights_in_proportion_to_the_learning_rate(string type)
    {
        double Step(double lr)
        {
            using var gan = Gan(With(TestTrials.Tiny(Wgan()), new OptimizerConfig { Type = type, Lr = lr }));
            var before = Flat(gan.Critic);
            gan.CriticStep();
            var after = Flat(gan.Critic);
            return Math.Sqrt(before.Zip(after).Sum(p => (p.Second - p.First) * (p.Second - p.First)));
        }
        Assert.Equal(2.0, Step(2e-4) / Step(1e-4), 3);
    }

    [Fact]
    public void Sgd_takes_exactly_the_gradient_step_and_adam_follows_its_betas()
    {
        using (var sgd = Gan(With(TestTrials.Tiny(Wgan()), new OptimizerConfig { Type = "sgd", Lr = 0.01 })))
        {
            var before = Flat(sgd.Critic);
            sgd.CriticStep();
            var grad = Grads(sgd.Critic);
            var after = Flat(sgd.Critic);
            for (int i = 0; i < before.Length; i++) Assert.Equal(before[i] - 0.01 * grad[i], after[i], 1e-6);
        }

        // Two Adam steps, checked against Adam's update with this trial's betas (bias-corrected).
        const double lr = 1e-3, b1 = 0.2, b2 = 0.7, eps = 1e-8;
        using var adam = Gan(With(TestTrials.Tiny(Wgan()), new OptimizerConfig { Type = "adam", Lr = lr, Beta1 = b1, Beta2 = b2 }));
        adam.CriticStep();
        var theta1 = Flat(adam.Critic);
        var g1 = Grads(adam.Critic);
        adam.CriticStep();
        var theta2 = Flat(adam.Critic);
        var g2 = Grads(adam.Critic);
        for (int i = 0; i < theta1.Length; i++)
        {
            double m = (1 - b1) * (b1 * g1[i] + g2[i]), v = (1 - b2) * (b2 * g1[i] * g1[i] + g2[i] * g2[i]);
            double expected = theta1[i] - lr * (m / (1 - b1 * b1)) / (Math.Sqrt(v / (1 - b2 * b2)) + eps);
            Assert.Equal(expected, theta2[i], 1e-6);
        }
    }

    /// <summary>Counts critic-loss evaluations: training steps plus one per evaluation.</summary>
    private sealed class CountingObjective : IObjective
    {
        public int CriticLosses;
        public string Name => "counting";
        public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) { CriticLosses++; return fakeLogits.mean() - realLogits.mean(); }
        public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => -fakeLogits.mean();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Critic_steps_is_the_number_of_critic_updates_per_generator_step(int criticSteps)
    {
        var counting = new CountingObjective();
        var registry = ComponentRegistry.CreateBuiltin();
        registry.Add(counting);
        var trial = With(TestTrials.Tiny(Wgan() with { Objective = "counting" }), criticSteps: criticSteps, iterations: 6) with { Eval = new EvalConfig { Every = 100, Samples = 100 } };
        Assert.Equal(TrialStatus.Ok, new TrialTrainer(registry).Run(trial, CPU).Status);
        // Evaluations at steps 0 and 6 compute the critic loss once each.
        Assert.Equal(6 * criticSteps + 2, counting.CriticLosses);
    }
}
