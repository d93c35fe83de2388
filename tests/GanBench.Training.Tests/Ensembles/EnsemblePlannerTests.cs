using GanBench.Core.Config;
using GanBench.Training.Components;
using GanBench.Training.Ensembles;
using GanBench.Training.Sweep;

namespace GanBench.Training.Tests.Ensembles;

/// <summary>Which pending trials share a batched model: what members may differ in, what keeps a trial alone, how groups are cut.</summary>
public class EnsemblePlannerTests
{
    private static readonly LossSetup GpLoss = new() { Written = "wgan_gp", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 1 };

    private static int _index;

    private static PendingTrial Pending(TrialSpec trial) => new(trial with { TrialId = $"t{++_index}" }, _index, false, null);

    private static TrialSpec Gp(int seed, double weight = 1, double lr = 1e-4) =>
        TestTrials.Tiny(GpLoss with { PenaltyWeight = weight }, seed: seed) is var t ? t with { Train = t.Train with { Optimizer = t.Train.Optimizer with { Lr = lr } } } : null!;

    private static IReadOnlyList<int> Sizes(IEnumerable<TrialSpec> trials) =>
        new EnsemblePlanner(ComponentRegistry.CreateBuiltin()).Plan(trials.Select(Pending).ToList()).Select(u => u.Members.Count).ToList();

    [Fact]
    public void Members_may_differ_in_seed_penalty_weight_clip_noise_and_optimizer_settings()
    {
        var trials = new List<TrialSpec> { Gp(0), Gp(1, weight: 10), Gp(2, lr: 1e-3) };
        var ns = TestTrials.Tiny(new LossSetup { Written = "non_saturating", Objective = "non_saturating" });
        trials.Add(ns with { Seed = 3 });
        trials.Add(ns with { Seed = 4, Loss = ns.Loss with { InstanceNoise = 0.5 } });
        var clip = TestTrials.Tiny(new LossSetup { Written = "wgan", Objective = "wasserstein", Clip = 0.01 });
        trials.Add(clip);
        trials.Add(clip with { Seed = 1, Loss = clip.Loss with { Clip = 0.1 } });
        Assert.Equal([3, 2, 2], Sizes(trials));
    }

    [Fact]
    public void Members_must_share_what_shapes_the_model_or_the_schedule()
    {
        var baseTrial = Gp(0);
        var trials = new[]
        {
            baseTrial,
            baseTrial with { Seed = 1, Loss = baseTrial.Loss with { Objective = "hinge" } },
            baseTrial with { Seed = 2, Loss = baseTrial.Loss with { Penalty = "lp" } },
            baseTrial with { Seed = 3, Loss = baseTrial.Loss with { PenaltyWeight = 0 } },
            baseTrial with { Seed = 4, Model = baseTrial.Model with { Critic = baseTrial.Model.Critic with { Hidden = 32 } } },
            baseTrial with { Seed = 5, Train = baseTrial.Train with { BatchSize = 16 } },
            baseTrial with { Seed = 6, Train = baseTrial.Train with { CriticSteps = 1 } },
            baseTrial with { Seed = 7, Train = baseTrial.Train with { Optimizer = baseTrial.Train.Optimizer with { Type = "rmsprop" } } },
            baseTrial with { Seed = 8, Eval = baseTrial.Eval with { Every = 5 } },
            baseTrial with { Seed = 9, Loss = baseTrial.Loss with { Parameters = new SortedDictionary<string, double> { ["gp_target"] = 2 } } },
        };
        Assert.Equal(Enumerable.Repeat(1, trials.Length), Sizes(trials));
    }

    [Fact]
    public void Groups_keep_trial_order_and_are_cut_evenly_at_train_ensemble_members()
    {
        IEnumerable<TrialSpec> AtMost(int k, int n) => Enumerable.Range(0, n).Select(s => Gp(s)).Select(t => t with { Train = t.Train with { Ensemble = EnsembleMode.AtMost(k) } });
        Assert.Equal([3, 3, 3], Sizes(AtMost(4, 9)));
        Assert.Equal([4, 4], Sizes(AtMost(4, 8)));
        Assert.Equal([5, 4], Sizes(Enumerable.Range(0, 9).Select(s => Gp(s))));
        Assert.Equal([7, 7, 6], Sizes(Enumerable.Range(0, 20).Select(s => Gp(s))));
        var planned = new EnsemblePlanner(ComponentRegistry.CreateBuiltin()).Plan(Enumerable.Range(0, 5).Select(s => Pending(Gp(s))).ToList());
        Assert.Equal(Enumerable.Range(0, 5), planned.Single().Members.Select(m => m.Trial.Seed));
    }

    [Fact]
    public void Off_and_one_train_every_trial_alone()
    {
        Assert.Equal([1, 1, 1], Sizes(Enumerable.Range(0, 3).Select(s => Gp(s) with { Train = Gp(s).Train with { Ensemble = EnsembleMode.Off } })));
        Assert.Equal([1, 1, 1], Sizes(Enumerable.Range(0, 3).Select(s => Gp(s) with { Train = Gp(s).Train with { Ensemble = EnsembleMode.AtMost(1) } })));
        Assert.Equal([3], Sizes(Enumerable.Range(0, 3).Select(s => Gp(s))));
    }

    public static TheoryData<string, string> Alone => new()
    {
        { "protocol", "protocol" },
        { "conv", "only MLP networks" },
        { "plugin penalty", "does not implement IEnsemblePenalty" },
    };

    [Theory]
    [MemberData(nameof(Alone))]
    public void What_keeps_a_trial_alone_is_named(string what, string reason)
    {
        var registry = ComponentRegistry.CreateBuiltin();
        registry.Add(new LonePenalty());
        var t = Gp(0);
        t = what switch
        {
            "protocol" => t with { Protocol = new ProtocolConfig { Kind = ProtocolConfig.Kinds.First(k => k != ProtocolConfig.Standard) } },
            "conv" => t with { Model = t.Model with { Critic = t.Model.Critic with { Type = NetworkConfig.Conv } } },
            "plugin penalty" => t with { Loss = t.Loss with { Penalty = "lone_penalty" } },
            _ => throw new ArgumentException(what),
        };
        var planner = new EnsemblePlanner(registry);
        Assert.Contains(reason, planner.WhyAlone(t));
        Assert.Null(planner.WhyAlone(Gp(0)));
        Assert.Equal([1, 1], planner.Plan([Pending(t), Pending(t with { Seed = 1 })]).Select(u => u.Members.Count));
    }

    private sealed class LonePenalty : GanBench.Abstractions.IPenalty
    {
        public string Name => "lone_penalty";
        public TorchSharp.torch.Tensor Compute(GanBench.Abstractions.PenaltyContext context) => TorchSharp.torch.zeros([]);
    }
}
