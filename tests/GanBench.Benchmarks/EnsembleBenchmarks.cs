using BenchmarkDotNet.Attributes;
using GanBench.Core.Config;
using GanBench.Core.Datasets;
using GanBench.Training.Components;
using GanBench.Training.Ensembles;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Benchmarks;

/// <summary>
/// One WGAN-GP critic step of K trials as a sweep trains them (the trainer's own code: each trial's data
/// draws, forward on real and fake, the penalty's double backward, the optimizer): K <see cref="GanTrial"/>s
/// stepped one after another, against one <see cref="EnsembleModel"/> of the same K trials. Ring8, batch
/// 256, 3 hidden layers as the flagship; torch on one thread, as in a sweep worker. Trial-steps per
/// second is K divided by the time per operation; the speed-up is Sequential / Ensemble at one K.
/// </summary>
[MemoryDiagnoser]
public class EnsembleCriticStepBenchmarks
{
    private GanTrial[] _trials = [];
    private EnsembleModel _ensemble = null!;

    [Params(1, 4, 8, 16, 32)]
    public int K { get; set; }

    [Params(64, 128, 512)]
    public int Hidden { get; set; }

    /// <summary>The flagship's wgan_gp arm at λ = 10 with this benchmark's width and seed.</summary>
    public static TrialSpec Trial(int hidden, int seed) => new()
    {
        TrialId = $"bench-{seed}",
        Experiment = "bench",
        Arm = "wgan_gp",
        Dataset = DatasetKinds.Preset("ring8")!,
        Seed = seed,
        Loss = new LossSetup { Written = "wgan_gp", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 10 },
        Model = new ModelConfig { LatentDim = 2, Generator = new NetworkConfig { Hidden = hidden, Layers = 3 }, Critic = new NetworkConfig { Hidden = hidden, Layers = 3 } },
        Train = new TrainConfig { Iterations = 2000, BatchSize = 256, CriticSteps = 5 },
        Eval = new EvalConfig { Every = 250, Samples = 2500 },
    };

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var components = ComponentRegistry.CreateBuiltin();
        GanTrial Create(int seed)
        {
            var trial = Trial(Hidden, seed);
            var (objective, penalty) = components.For(trial);
            return new GanTrial(trial, torch.CPU, objective, penalty);
        }
        _trials = Enumerable.Range(0, K).Select(Create).ToArray();
        _ensemble = new EnsembleModel(Enumerable.Range(0, K).Select(Create).ToList());
    }

    [Benchmark(Baseline = true)]
    public void Sequential()
    {
        foreach (var trial in _trials) trial.CriticStep();
    }

    [Benchmark]
    public void Ensemble() => _ensemble.CriticStep().Dispose();
}
