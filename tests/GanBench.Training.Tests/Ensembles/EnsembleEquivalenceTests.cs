using GanBench.Core.Config;
using GanBench.Training.Components;
using GanBench.Training.Ensembles;
using GanBench.Training.Models;
using GanBench.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Tests.Ensembles;

/// <summary>
/// A member of an ensemble computes what the same trial computes alone, step by step: the same draws
/// from its own stream, the same losses, the same updates under its own learning rate, betas, penalty
/// weight, clip bound and noise σ. Batched matmuls (bmm) sum in another order than single ones
/// (addmm), so equality is to float32 rounding, not bitwise; the tolerance is stated per check.
/// </summary>
[Collection(nameof(Survival.GlobalTorchSeed))]
public class EnsembleEquivalenceTests
{
    private const int Inputs = 2, Hidden = 16, Layers = 3, Batch = 32;
    /// <summary>Losses and weights after a few steps agree to this relative tolerance (absolute 1e-5 near zero).</summary>
    private const double Rtol = 1e-4, Atol = 1e-5;

    private static Mlp Member(int seed)
    {
        torch.manual_seed(seed);
        return new Mlp("critic", Inputs, Hidden, Layers, 1);
    }

    [Fact]
    public void Forward_of_each_member_equals_its_network_alone()
    {
        var members = new[] { Member(1), Member(2), Member(3) };
        using var ensemble = new EnsembleMlp("critic", members);
        var x = torch.randn([3, Batch, Inputs], generator: new torch.Generator(5));
        using var noGrad = torch.no_grad();
        var together = ensemble.forward(x);
        for (int k = 0; k < 3; k++)
            Assert.True(together[k].allclose(members[k].forward(x[k]), rtol: 1e-5, atol: 1e-6), $"member {k}");
    }

    /// <summary>Three members that differ in everything a member may differ in, per arm kind.</summary>
    public static TheoryData<string> Arms => new() { "wgan_gp", "wgan_clip", "wgan_clip_before", "ns_noise", "ns_linear_noise", "dragan", "hinge_r1r2", "relativistic_lp", "rpgan_r1", "minimax_sgd" };

    private static TrialSpec[] MembersOf(string arm)
    {
        var baseLoss = arm switch
        {
            "wgan_gp" => new LossSetup { Written = "wgan_gp", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 1 },
            "wgan_clip" or "wgan_clip_before" => new LossSetup { Written = "wgan", Objective = "wasserstein", Clip = 0.01, ClipMode = arm == "wgan_clip" ? "after" : "before" },
            "ns_noise" or "ns_linear_noise" => new LossSetup { Written = "non_saturating", Objective = "non_saturating", InstanceNoise = 0.1, InstanceNoiseSchedule = arm == "ns_noise" ? "constant" : "linear" },
            "dragan" => new LossSetup { Written = "non_saturating", Objective = "non_saturating", Penalty = "dragan", PenaltyWeight = 10 },
            "hinge_r1r2" => new LossSetup { Written = "hinge", Objective = "hinge", Penalty = "r1r2", PenaltyWeight = 2 },
            "relativistic_lp" => new LossSetup { Written = "relativistic", Objective = "relativistic", Penalty = "lp", PenaltyWeight = 5 },
            "rpgan_r1" => new LossSetup { Written = "rpgan", Objective = "rpgan", Penalty = "r1", PenaltyWeight = 1 },
            "minimax_sgd" => new LossSetup { Written = "minimax", Objective = "minimax" },
            _ => throw new ArgumentException(arm),
        };
        string optimizer = arm.StartsWith("wgan_clip", StringComparison.Ordinal) ? "rmsprop" : arm == "minimax_sgd" ? "sgd" : "adam";
        double[] lr = [1e-3, 5e-4, 2e-3], beta1 = [0.5, 0.9, 0.0], beta2 = [0.9, 0.999, 0.99], scale = [1, 0.3, 3];
        return Enumerable.Range(0, 3).Select(k =>
        {
            var t = TestTrials.Tiny(baseLoss, iterations: 6, seed: 10 + k);
            var loss = baseLoss with
            {
                PenaltyWeight = baseLoss.PenaltyWeight * scale[k],
                Clip = baseLoss.Clip * scale[k],
                InstanceNoise = baseLoss.InstanceNoise * scale[k],
            };
            var opt = new OptimizerConfig { Type = optimizer, Lr = lr[k], Beta1 = beta1[k], Beta2 = beta2[k] };
            return t with { Loss = loss, Train = t.Train with { Optimizer = opt } };
        }).ToArray();
    }

    private static GanTrial Create(TrialSpec trial)
    {
        var (objective, penalty) = ComponentRegistry.CreateBuiltin().For(trial);
        return new GanTrial(trial, torch.CPU, objective, penalty);
    }

    [Theory]
    [MemberData(nameof(Arms))]
    public void Each_member_steps_as_its_trial_steps_alone(string arm)
    {
        torch.set_num_threads(1);
        var specs = MembersOf(arm);
        var alone = specs.Select(Create).ToArray();
        var members = specs.Select(Create).ToArray();
        using var ensemble = new EnsembleModel(members);
        StepAlongside(ensemble, alone, arm, from: 0, steps: 6);
        for (int k = 0; k < 3; k++)
        {
            ensemble.CopyToMember(k);
            AssertSameWeights(alone[k].Generator, members[k].Generator, $"{arm} member {k} generator");
            // The relativistic average game sees only differences of logits, so a parameter that shifts every
            // logit alike (the output bias, and a hidden bias whose unit is active on the whole batch) has a
            // gradient that is zero in theory and rounding noise in practice, which Adam turns into steps of
            // ±lr of either sign, alone and as a member alike. Its losses are compared above; its critic
            // weights cannot be, which is why relativistic arms match in distribution, not step for step.
            if (specs[k].Loss.Objective != "relativistic")
                AssertSameWeights(alone[k].Critic, members[k].Critic, $"{arm} member {k} critic");
            Assert.Equal(alone[k].Iteration, members[k].Iteration);
            if (specs[k].Loss.Clip is double c && specs[k].Loss.ClipMode == "after")
                Assert.All(members[k].Critic.parameters(), p => Assert.True(p.abs().max().item<float>() <= c * (1 + 1e-6), $"member {k} weights outside ±{c}"));
        }
        foreach (var t in alone.Concat(members)) t.Dispose();
    }

    /// <summary>
    /// A member stacked from a trial that has already trained (a resumed checkpoint) takes over its
    /// optimizer state and step count, and hands them back: the lone and member copies of each trial
    /// train three steps alone, three more apart (alone / in the ensemble), and must then hold the
    /// same weights, Adam moments or RMSProp averages and step counts.
    /// </summary>
    [Theory]
    [InlineData("wgan_gp")]
    [InlineData("wgan_clip")]
    [InlineData("minimax_sgd")]
    public void A_member_takes_over_a_trained_trials_optimizer_state_and_hands_it_back(string arm)
    {
        torch.set_num_threads(1);
        var specs = MembersOf(arm);
        var alone = specs.Select(Create).ToArray();
        var members = specs.Select(Create).ToArray();
        for (int step = 0; step < 3; step++)
            foreach (var t in alone.Concat(members))
            {
                for (int c = 0; c < specs[0].Train.CriticSteps; c++) t.CriticStep();
                t.GeneratorStep();
            }
        using (var ensemble = new EnsembleModel(members))
        {
            StepAlongside(ensemble, alone, arm, from: 3, steps: 3);
            for (int k = 0; k < 3; k++) ensemble.CopyStateToMember(k);
        }
        for (int k = 0; k < 3; k++)
        {
            AssertSameWeights(alone[k].Critic, members[k].Critic, $"{arm} member {k} critic");
            AssertSameOptimizerState(alone[k].CriticOptimizer, members[k].CriticOptimizer, $"{arm} member {k} critic optimizer");
            AssertSameOptimizerState(alone[k].GeneratorOptimizer, members[k].GeneratorOptimizer, $"{arm} member {k} generator optimizer");
        }
        foreach (var t in alone.Concat(members)) t.Dispose();
    }

    private static void AssertSameOptimizerState(optim.Optimizer alone, optim.Optimizer member, string what)
    {
        var expected = ((TorchSharp.Modules.OptimizerHelper)alone).state_dict().State;
        var actual = ((TorchSharp.Modules.OptimizerHelper)member).state_dict().State;
        Assert.Equal(expected.Count, actual.Count);
        bool anyNonZero = false;
        for (int i = 0; i < expected.Count; i++)
        {
            var pairs = (expected[i], actual[i]) switch
            {
                (TorchSharp.Modules.Adam.State a, TorchSharp.Modules.Adam.State m) => new[] { (a.step, m.step, a.exp_avg, m.exp_avg), (a.step, m.step, a.exp_avg_sq, m.exp_avg_sq) },
                (TorchSharp.Modules.RMSProp.State a, TorchSharp.Modules.RMSProp.State m) => [(a.step, m.step, a.square_avg, m.square_avg)],
                (TorchSharp.Modules.SGD.State, TorchSharp.Modules.SGD.State) => [],
                _ => throw new InvalidOperationException($"{what}: unexpected state {expected[i].GetType()}"),
            };
            foreach (var (stepAlone, stepMember, lone, mine) in pairs)
            {
                Assert.Equal(stepAlone, stepMember);
                // Some are zero by design (a Wasserstein critic's output bias has no gradient); not all may be.
                anyNonZero |= lone.abs().max().item<float>() > 0;
                Assert.True(mine.allclose(lone, rtol: 1e-3, atol: 1e-9), $"{what}: parameter {i} [{string.Join(",", lone.shape)}], max difference {(mine - lone).abs().max().item<float>()} of {lone.abs().max().item<float>()}");
            }
        }
        Assert.True(anyNonZero || expected.All(s => s is TorchSharp.Modules.SGD.State), $"{what}: every state is zero, so this check would prove nothing");
    }

    /// <summary>Steps the ensemble and each member's lone twin side by side, comparing every loss.</summary>
    private static void StepAlongside(EnsembleModel ensemble, GanTrial[] alone, string arm, int from, int steps)
    {
        for (int step = from; step < from + steps; step++)
        {
            for (int c = 0; c < alone[0].Spec.Train.CriticSteps; c++)
            {
                using var together = ensemble.CriticStep();
                for (int k = 0; k < alone.Length; k++)
                    AssertClose(alone[k].CriticStep(), together[k].item<float>(), $"{arm} member {k} critic loss, step {step}");
            }
            using var generator = ensemble.GeneratorStep();
            for (int k = 0; k < alone.Length; k++)
                AssertClose(alone[k].GeneratorStep(), generator[k].item<float>(), $"{arm} member {k} generator loss, step {step}");
        }
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Atol + Rtol * Math.Abs(expected), $"{what}: alone {expected:R}, as a member {actual:R}");

    private static void AssertSameWeights(GanNetwork alone, GanNetwork member, string what)
    {
        var pairs = alone.parameters().Zip(member.parameters()).ToList();
        foreach (var (lone, mine) in pairs)
            Assert.True(mine.allclose(lone, rtol: Rtol, atol: Atol), $"{what}: parameter {pairs.FindIndex(x => ReferenceEquals(x.First, lone))} of {pairs.Count} [{string.Join(",", lone.shape)}], max difference {(mine - lone).abs().max().item<float>()}");
    }

    /// <summary>A NaN in one member's weights leaves every other member's losses, gradients and weights untouched.</summary>
    [Fact]
    public void A_non_finite_member_does_not_reach_the_others()
    {
        torch.set_num_threads(1);
        var specs = MembersOf("wgan_gp");
        var clean = specs.Select(Create).ToArray();
        var poisoned = specs.Select(Create).ToArray();
        using var reference = new EnsembleModel(clean);
        using var ensemble = new EnsembleModel(poisoned);
        using (torch.no_grad())
            ensemble.Critic.Stacked[0][1].fill_(float.NaN);
        for (int step = 0; step < 3; step++)
        {
            using var expected = reference.CriticStep();
            using var actual = ensemble.CriticStep();
            Assert.True(float.IsNaN(actual[1].item<float>()));
            foreach (int k in new[] { 0, 2 })
                Assert.Equal(expected[k].item<float>(), actual[k].item<float>());
        }
        foreach (var (p, q) in reference.Critic.Stacked.Zip(ensemble.Critic.Stacked))
            foreach (int k in new[] { 0, 2 })
                Assert.True(p[k].eq(q[k]).all().item<bool>(), $"a healthy member's weights changed because another member went NaN: {(p[k] - q[k]).abs().max().item<float>()} {p[k].abs().max().item<float>()}");
        foreach (var t in clean.Concat(poisoned)) t.Dispose();
    }
}
