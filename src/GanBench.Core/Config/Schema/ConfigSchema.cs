using GanBench.Core.Fields;
namespace GanBench.Core.Config.Schema;

/// <summary>
/// The numeric keys of every fixed configuration section. The datasets' keys are declared by their
/// kinds (Core/Datasets/Kinds) and the loss options by their components; together with these they
/// make the README key tables (a test regenerates them and fails when they drift).
/// </summary>
public static class ConfigSchema
{
    private static readonly NumRange Positive = NumRange.Above(0);
    private static bool IsMlp(NetworkConfig n) => n.Type == NetworkConfig.Mlp;

    public static readonly Section<ModelConfig> Model = new("model",
    [
        Key<ModelConfig>.Integer("latent_dim", Limits.LatentDim, "dimension of the generator's Gaussian input z", m => m.LatentDim, (m, v) => m with { LatentDim = v }),
    ]) { Example = "{latent_dim: 2, generator: {type: mlp, hidden: 512, layers: 3}}" };

    public static readonly Section<NetworkConfig> Network = new("model.generator / model.critic",
    [
        Key<NetworkConfig>.Integer("hidden", Limits.Hidden, "type mlp: units per hidden layer", n => n.Hidden, (n, v) => n with { Hidden = v }) with { AppliesTo = IsMlp },
        Key<NetworkConfig>.Integer("layers", Limits.Layers, "type mlp: hidden layers (ReLU)", n => n.Layers, (n, v) => n with { Layers = v }) with { AppliesTo = IsMlp },
        Key<NetworkConfig>.Integer("width", new NumRange(1, false, 1024, false), "type conv: channels w of the first 14×14 feature map (2w at 7×7)", n => n.Width, (n, v) => n with { Width = v }) with { AppliesTo = n => n.Type == NetworkConfig.Conv },
    ]) { Example = "{type: mlp, hidden: 512, layers: 3}" };

    public static readonly Section<TrainConfig> Train = new("train",
    [
        Key<TrainConfig>.Integer("iterations", NumRange.AtLeast(1), "generator steps", t => t.Iterations, (t, v) => t with { Iterations = v }),
        Key<TrainConfig>.Integer("batch_size", Limits.BatchSize, "real and generated samples per step", t => t.BatchSize, (t, v) => t with { BatchSize = v }),
        Key<TrainConfig>.Integer("critic_steps", Limits.CriticSteps, "critic updates per generator step", t => t.CriticSteps, (t, v) => t with { CriticSteps = v }),
        Key<TrainConfig>.Number("max_minutes", Positive, "a trial still training after this many minutes is recorded as timeout, its curve so far kept", t => t.MaxMinutes, (t, v) => t with { MaxMinutes = v }) with { Optional = true },
        Key<TrainConfig>.Integer("checkpoint_every", NumRange.AtLeast(1), "generator steps between checkpoints that a killed run resumes from", t => t.CheckpointEvery, (t, v) => t with { CheckpointEvery = v }) with { Optional = true },
    ]) { Example = "{iterations: 2000, batch_size: 256, critic_steps: 5}" };

    public static readonly Section<OptimizerConfig> Optimizer = new("train.optimizer",
    [
        Key<OptimizerConfig>.Number("lr", Positive, "learning rate", o => o.Lr, (o, v) => o with { Lr = v }),
    ]) { Example = "{type: adam, lr: 1.0e-4, betas: [0.5, 0.9]}" };

    public static readonly Section<EvalConfig> Eval = new("eval",
    [
        Key<EvalConfig>.Integer("every", NumRange.AtLeast(1), "generator steps between evaluations (also at step 0 and at the end)", e => e.Every, (e, v) => e with { Every = v }),
        Key<EvalConfig>.Integer("samples", Limits.EvalSamples, "generated and held-out real samples per evaluation (on images: how many the critic diagnostics use)", e => e.Samples, (e, v) => e with { Samples = v }),
        Key<EvalConfig>.Number("hq_threshold_std", Positive, "a sample is high quality within this many std of its nearest mode", e => e.HqThresholdStd, (e, v) => e with { HqThresholdStd = v }),
        Key<EvalConfig>.Integer("image_samples", Limits.ImageSamples, "image datasets: generated images per evaluation", e => e.ImageSamples, (e, v) => e with { ImageSamples = v }),
    ]) { Example = "{every: 250, samples: 2500}" };

    public static readonly Section<ClassifierConfig> Classifier = new("eval.classifier",
    [
        Key<ClassifierConfig>.Integer("epochs", new NumRange(1, false, 100, false), "training epochs of the domain classifier", k => k.Epochs, (k, v) => k with { Epochs = v }),
        Key<ClassifierConfig>.Integer("width", new NumRange(1, false, 256, false), "channels of its first convolution", k => k.Width, (k, v) => k with { Width = v }),
        Key<ClassifierConfig>.Integer("seed", NumRange.AtLeast(0), "its initialisation and shuffling seed", k => k.Seed, (k, v) => k with { Seed = v }),
    ]) { Example = "{epochs: 5, width: 32, seed: 0}" };

    public static readonly Section<CriticRefitConfig> CriticRefit = new("eval.critic_refit",
    [
        Key<CriticRefitConfig>.Integer("steps", new NumRange(1, false, 100_000, false), "written: at every evaluation a fresh critic trains this many steps against the frozen generator (off when eval.critic_refit is absent)", r => r.Steps, (r, v) => r with { Steps = v }),
        Key<CriticRefitConfig>.Number("lr", Positive, "the refit critic's Adam learning rate (betas 0.5, 0.9)", r => r.Lr, (r, v) => r with { Lr = v }),
    ]) { Example = "{steps: 500, lr: 1.0e-3}" };
}
