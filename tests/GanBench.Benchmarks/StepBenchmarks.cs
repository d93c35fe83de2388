using BenchmarkDotNet.Attributes;
using GanBench.Core.Config;
using GanBench.Core.Datasets;
using GanBench.Training.Components;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Benchmarks;

/// <summary>The flagship's trial shape (ring8, batch 256, 3 hidden layers, 5 critic steps, Adam) with any loss.</summary>
public static class FlagshipTrials
{
    /// <summary>The flagship's wgan_gp arm at λ = 10.</summary>
    public static readonly LossSetup WganGp = new() { Written = "wgan_gp", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 10 };

    public static TrialSpec Trial(LossSetup loss, int hidden, int seed, OptimizerConfig? optimizer = null) => new()
    {
        TrialId = $"bench-{seed}",
        Experiment = "bench",
        Arm = loss.Written,
        Dataset = DatasetKinds.Preset("ring8")!,
        Seed = seed,
        Loss = loss,
        Model = new ModelConfig { LatentDim = 2, Generator = new NetworkConfig { Hidden = hidden, Layers = 3 }, Critic = new NetworkConfig { Hidden = hidden, Layers = 3 } },
        Train = new TrainConfig { Iterations = 2000, BatchSize = 256, CriticSteps = 5, Optimizer = optimizer ?? new OptimizerConfig { Type = "adam", Lr = 1e-4, Beta1 = 0.5, Beta2 = 0.9 } },
        Eval = new EvalConfig { Every = 250, Samples = 2500 },
    };

    /// <summary>A trial of that shape as the trainer builds it, torch on one thread as in a sweep worker.</summary>
    public static GanTrial Create(LossSetup loss, int hidden, int seed, OptimizerConfig? optimizer = null)
    {
        torch.set_num_threads(1);
        var trial = Trial(loss, hidden, seed, optimizer);
        var (objective, penalty) = ComponentRegistry.CreateBuiltin().For(trial);
        return new GanTrial(trial, torch.CPU, objective, penalty);
    }
}

/// <summary>
/// One critic step and one generator step of a lone trial per objective (no penalty), at the flagship's
/// shape and width 64: the trainer's own steps, data draws included. What an objective costs is its
/// handful of elementwise ops on 256 logits; the networks' forward and backward dominate.
/// </summary>
[MemoryDiagnoser]
public class ObjectiveStepBenchmarks
{
    private GanTrial _trial = null!;

    [Params("minimax", "non_saturating", "wasserstein", "hinge", "least_squares", "relativistic", "rpgan")]
    public string Objective { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _trial = FlagshipTrials.Create(new LossSetup { Written = Objective, Objective = Objective }, hidden: 64, seed: 0);

    [GlobalCleanup]
    public void Cleanup() => _trial.Dispose();

    [Benchmark]
    public double CriticStep() => _trial.CriticStep();

    [Benchmark]
    public double GeneratorStep() => _trial.GeneratorStep();
}

/// <summary>
/// One critic step of a lone Wasserstein trial per penalty (weight 10), and with weight clipping instead
/// (c = 0.01, RMSProp as gan_toy), at the flagship's shape and width 64: what the input-gradient
/// penalties' double backward costs against clipping's clamp of every weight. The generator step does
/// not see the penalty (ObjectiveStepBenchmarks has it).
/// </summary>
[MemoryDiagnoser]
public class PenaltyStepBenchmarks
{
    private GanTrial _trial = null!;

    [Params("none", "clip", "gp", "dragan", "lp", "r1", "r2", "r1r2")]
    public string Penalty { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _trial = Penalty == "clip"
            ? FlagshipTrials.Create(new LossSetup { Written = "wgan", Objective = "wasserstein", Clip = 0.01 }, hidden: 64, seed: 0, new OptimizerConfig { Type = "rmsprop", Lr = 5e-5 })
            : FlagshipTrials.Create(new LossSetup { Written = Penalty, Objective = "wasserstein", Penalty = Penalty, PenaltyWeight = Penalty == "none" ? 0 : 10 }, hidden: 64, seed: 0);
    }

    [GlobalCleanup]
    public void Cleanup() => _trial.Dispose();

    [Benchmark]
    public double CriticStep() => _trial.CriticStep();
}
