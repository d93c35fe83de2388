using GanBench.Core.Config;
using GanBench.Core.Datasets;

namespace GanBench.Training.Tests;

/// <summary>Small trials built directly, independent of the YAML loader.</summary>
internal static class TestTrials
{
    public static DatasetSpec Ring8 { get; } = new()
    {
        Name = "ring8",
        Type = "ring",
        Means = Enumerable.Range(0, 8).Select(k => new[] { 2 * Math.Cos(2 * Math.PI * k / 8), 2 * Math.Sin(2 * Math.PI * k / 8) }).ToList(),
        Std = 0.02,
        Scale = 1.414,
    };

    public static TrialSpec Tiny(LossSetup loss, int iterations = 20, int seed = 0, DatasetSpec? dataset = null) => new()
    {
        TrialId = "test",
        Experiment = "test",
        Arm = loss.Written,
        Dataset = dataset ?? Ring8,
        Seed = seed,
        Loss = loss,
        Model = new ModelConfig { LatentDim = 2, Generator = new NetworkConfig { Hidden = 16, Layers = 2 }, Critic = new NetworkConfig { Hidden = 16, Layers = 2 } },
        Train = new TrainConfig { Iterations = iterations, BatchSize = 32, CriticSteps = 2 },
        Eval = new EvalConfig { Every = 10, Samples = 200 },
    };
}
