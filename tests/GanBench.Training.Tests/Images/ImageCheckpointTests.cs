using GanBench.Training.Schedules;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Images;
using GanBench.Training.Sweep;
using GanBench.Training.Tests.Survival;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Training.Tests.Images;

/// <summary>
/// A conv trial with batch norm, stopped and resumed from its checkpoint, ends bit-identical to an
/// uninterrupted one: the running statistics are module buffers and travel with the weights.
/// </summary>
[Collection(nameof(GlobalTorchSeed))]
public sealed class ImageCheckpointTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ganbench-image-ckpt").FullName;

    public ImageCheckpointTests()
    {
        torch.set_num_threads(SweepRunner.TorchThreads);
        ImageSetup.CacheFolder = Path.Combine(_root, "cache");
    }

    public void Dispose()
    {
        ImageSetup.CacheFolder = null;
        Directory.Delete(_root, true);
    }

    private TrialSpec Trial(string data, int? checkpointEvery = null) => new()
    {
        TrialId = "image-ckpt",
        Experiment = "test",
        Arm = "wgan_gp",
        Dataset = GanBench.Core.Datasets.DatasetKinds.Preset(GanBench.Core.Datasets.Kinds.StackedFashionMnist.TypeName)!,
        Seed = 3,
        Loss = new LossSetup { Written = "wgan_gp", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 10 },
        Model = new ModelConfig
        {
            LatentDim = 8,
            Generator = new NetworkConfig { Type = NetworkConfig.Conv, Width = 4, Norm = "batch" },
            Critic = new NetworkConfig { Type = NetworkConfig.Conv, Width = 4, Norm = "layer" },
        },
        Train = new TrainConfig { Iterations = 12, BatchSize = 8, CriticSteps = 2, CheckpointEvery = checkpointEvery },
        Eval = new EvalConfig { Every = 6, Samples = 20, ImageSamples = 60, Classifier = new ClassifierConfig { Epochs = 1, Width = 4 } },
        DataDir = data,
    };

    /// <summary>Synchronous, unlike System.Progress, which reports on the thread pool.</summary>
    private sealed class FirstStep : IProgress<TrialProgress>
    {
        public int Step { get; private set; } = -1;
        public void Report(TrialProgress value) { if (Step < 0) Step = value.Step; }
    }

    private sealed class CancelAt(int step, CancellationTokenSource cancel) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) { if (value.Step == step) cancel.Cancel(); }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_conv_trial_resumes_bit_identical_with_batch_norm_statistics()
    {
        var data = SyntheticImages.WriteDataSet(Path.Combine(_root, "data"), train: 300, test: 100);
        var trainer = new TrialTrainer(ComponentRegistry.CreateBuiltin());
        var uninterrupted = trainer.Run(Trial(data), torch.CPU, snapshotEveryEvaluation: true);
        Assert.Equal(TrialStatus.Ok, uninterrupted.Status);

        var folder = Path.Combine(_root, "checkpoints");
        using (var cancel = new CancellationTokenSource())
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Run(Trial(data, checkpointEvery: 4), torch.CPU, new CancelAt(10, cancel), cancel.Token, snapshotEveryEvaluation: true, checkpointFolder: folder));
        Assert.Equal(["step-00000008"], Directory.GetDirectories(folder).Select(Path.GetFileName));
        var first = new FirstStep();
        var resumed = trainer.Run(Trial(data, checkpointEvery: 4), torch.CPU, first, snapshotEveryEvaluation: true, checkpointFolder: folder);
        Assert.Equal(9, first.Step); // resumed after the step-8 checkpoint, not from scratch

        Assert.Equal(TrialStatus.Ok, resumed.Status);
        Assert.Equal(uninterrupted.Curve.Select(e => e.Step), resumed.Curve.Select(e => e.Step));
        for (int i = 0; i < uninterrupted.Curve.Count; i++)
            foreach (var (key, value) in uninterrupted.Curve[i].Metrics)
                Assert.True(BitConverter.DoubleToInt64Bits(value ?? double.NaN) == BitConverter.DoubleToInt64Bits(resumed.Curve[i].Metrics[key] ?? double.NaN),
                    $"step {uninterrupted.Curve[i].Step} {key}: {value:R} vs {resumed.Curve[i].Metrics[key]:R}");
        Assert.Equal(uninterrupted.Snapshots[^1].Samples, resumed.Snapshots[^1].Samples);
        Assert.Equal(Math.Min(GanTrial.ImageSnapshotCount, 60) * 3 * 784, resumed.Snapshots[^1].Samples.Length); // at most 64 images, here all 60 evaluation images
    }
}
