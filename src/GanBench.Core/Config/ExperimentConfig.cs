using GanBench.Core.Datasets;
namespace GanBench.Core.Config;

/// <summary>Which of an experiment's seed lists a load runs: <c>seeds:</c> (the verdict seeds) or <c>calibration_seeds:</c>.</summary>
public enum SeedSet { Verdict, Calibration }

/// <summary>
/// An experiment file after parsing, defaults and validation. Immutable. Each property names
/// its YAML key, default and allowed range; unknown keys are errors at every level. The
/// top-level key <c>trials:</c> is accepted and ignored: <see cref="ResolvedConfigWriter"/>
/// writes the expanded trial table there for people to read.
/// </summary>
public sealed record ExperimentConfig
{
    /// <summary><c>name:</c> required; matches [a-z0-9][a-z0-9._-]*, at most 100 characters, no '/', '\' or '..'. Results go to results/&lt;name&gt;/.</summary>
    public required string Name { get; init; }
    /// <summary><c>description:</c> free text, default "". Not part of trial ids.</summary>
    public string Description { get; init; } = "";
    /// <summary><c>device:</c> auto | cpu | cuda, default auto. Not part of trial ids.</summary>
    public string Device { get; init; } = "auto";
    /// <summary><c>seeds:</c> non-empty list of distinct integers ≥ 0, default [0].</summary>
    public required IReadOnlyList<int> Seeds { get; init; }
    /// <summary><c>calibration_seeds:</c> optional list of distinct integers ≥ 0, none of them in <c>seeds:</c>, default [].
    /// The seeds a protocol was chosen on; not run unless asked for (<see cref="SeedSet.Calibration"/>), then in place of
    /// <c>seeds:</c>. Not part of trial ids.</summary>
    public IReadOnlyList<int> CalibrationSeeds { get; init; } = [];
    /// <summary><c>datasets:</c> required non-empty list of preset names (ring8, grid25, swissroll) or mappings; names must be distinct.</summary>
    public required IReadOnlyList<DatasetSpec> Datasets { get; init; }
    /// <summary><c>model:</c> optional mapping.</summary>
    public required ModelConfig Model { get; init; }
    /// <summary><c>train:</c> optional mapping.</summary>
    public required TrainConfig Train { get; init; }
    /// <summary><c>losses:</c> required non-empty list, one entry per arm, before list values are expanded.</summary>
    public required IReadOnlyList<ArmSpec> Arms { get; init; }
    /// <summary><c>eval:</c> optional mapping.</summary>
    public required EvalConfig Eval { get; init; }
    /// <summary><c>baseline:</c> optional arm label (after expansion, e.g. "wgan clip=0.01") compared against in reports; null when none is named.</summary>
    public string? Baseline { get; init; }
    /// <summary><c>plugins:</c> optional list of assembly paths, relative to the experiment file's folder; stored absolute. Each must exist.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];
    /// <summary><c>tensorboard:</c> true | false, default false. When true, every trial's curves are also
    /// written as TensorBoard scalars under results/&lt;name&gt;/tensorboard/. Not part of trial ids.</summary>
    public bool Tensorboard { get; init; }
    /// <summary><c>protocol:</c> optional mapping, default {kind: standard}; see <see cref="ProtocolConfig"/>.</summary>
    public ProtocolConfig Protocol { get; init; } = new();
    /// <summary><c>data_dir:</c> optional folder holding Fashion-MNIST (or MNIST) IDX files, relative to the
    /// experiment file's folder; stored absolute and must exist. Searched before $GANBENCH_DATA and
    /// /usr/share/datasets/fashion-mnist. Not part of trial ids: it says where the data is, not what it is.</summary>
    public string? DataDir { get; init; }
    /// <summary>Path of the YAML file this came from (for messages).</summary>
    public string SourcePath { get; init; } = "";
}

/// <summary>
/// <c>model.generator:</c> / <c>model.critic:</c> mapping. <c>type: mlp</c> takes hidden and layers
/// and works on any dataset (images are flattened); <c>type: conv</c> is the DCGAN-style network for
/// 28×28 images and takes width and norm.
/// </summary>
public sealed record NetworkConfig
{
    public const string Mlp = "mlp", Conv = "conv";
    public static readonly string[] Norms = ["none", "batch", "layer"];

    /// <summary><c>type:</c> mlp | conv, default mlp.</summary>
    public string Type { get; init; } = Mlp;
    /// <summary><c>hidden:</c> (mlp) units per hidden layer, integer ≥ 1, default 512.</summary>
    public int Hidden { get; init; } = 512;
    /// <summary><c>layers:</c> (mlp) number of hidden layers, integer ≥ 1, default 3.</summary>
    public int Layers { get; init; } = 3;
    /// <summary><c>width:</c> (conv) channels of the 14×14 layer; the 7×7 layer has twice as many. Integer 1..1024, default 64.</summary>
    public int Width { get; init; } = 64;
    /// <summary><c>norm:</c> (conv) none | batch | layer, default none. Applied after every convolution but
    /// the generator's output and the critic's input layer, as in DCGAN. Batch norm makes a critic's output for
    /// one sample depend on the rest of its batch, which per-sample gradient penalties assume it does not;
    /// layer norm (one group over channels × pixels) is the usual choice with a penalty.</summary>
    public string Norm { get; init; } = "none";
}

/// <summary><c>eval.classifier:</c> the domain classifier image metrics are computed through. Trained once on the
/// dataset's training split and cached on disk by a hash of the data and these settings.</summary>
public sealed record ClassifierConfig
{
    /// <summary><c>epochs:</c> passes over the training split, integer 1..100, default 5 (test accuracy about
    /// 0.90 on Fashion-MNIST; 3 epochs sit right at the 0.89 floor).</summary>
    public int Epochs { get; init; } = 5;
    /// <summary><c>width:</c> channels of the first convolution (the second has twice as many), integer 1..256, default 32.</summary>
    public int Width { get; init; } = 32;
    /// <summary><c>seed:</c> initialisation and shuffling seed, integer ≥ 0, default 0.</summary>
    public int Seed { get; init; }
}

/// <summary><c>model:</c> mapping; the gan_toy reference is 3 hidden ReLU layers of 512 units.</summary>
public sealed record ModelConfig
{
    /// <summary><c>latent_dim:</c> integer ≥ 1, default 2.</summary>
    public int LatentDim { get; init; } = 2;
    /// <summary><c>generator:</c> default {type: mlp, hidden: 512, layers: 3}.</summary>
    public NetworkConfig Generator { get; init; } = new();
    /// <summary><c>critic:</c> default {type: mlp, hidden: 512, layers: 3}.</summary>
    public NetworkConfig Critic { get; init; } = new();
}

/// <summary>
/// <c>train.optimizer:</c> mapping, and an arm's <c>optimizer:</c>, which is merged over it key by
/// key (keys not written keep the train value).
/// </summary>
public sealed record OptimizerConfig
{
    /// <summary><c>type:</c> adam | rmsprop | sgd, default adam.</summary>
    public string Type { get; init; } = "adam";
    /// <summary><c>lr:</c> finite number &gt; 0, default 1e-4.</summary>
    public double Lr { get; init; } = 1e-4;
    /// <summary>First of <c>betas: [b1, b2]</c>, each in [0, 1), default 0.5. Only valid with adam; ignored (and left out of trial ids) otherwise.</summary>
    public double Beta1 { get; init; } = 0.5;
    /// <summary>Second of <c>betas: [b1, b2]</c>, in [0, 1), default 0.9.</summary>
    public double Beta2 { get; init; } = 0.9;
}

/// <summary><c>train:</c> mapping. A trial's copy has its arm's optimizer and critic_steps applied.</summary>
public sealed record TrainConfig
{
    /// <summary><c>iterations:</c> generator steps, integer ≥ 1, default 2000.</summary>
    public int Iterations { get; init; } = 2000;
    /// <summary><c>batch_size:</c> integer ≥ 1, default 256.</summary>
    public int BatchSize { get; init; } = 256;
    /// <summary><c>critic_steps:</c> critic steps per generator step, integer ≥ 1, default 5.</summary>
    public int CriticSteps { get; init; } = 5;
    /// <summary><c>optimizer:</c> default {type: adam, lr: 1e-4, betas: [0.5, 0.9]}.</summary>
    public OptimizerConfig Optimizer { get; init; } = new();
    /// <summary><c>max_minutes:</c> optional wall-clock budget per trial, number &gt; 0, default none.
    /// A trial still training when it runs out is recorded with status <c>timeout</c> (its curve up
    /// to then is kept) and the sweep goes on. Not part of trial ids: it decides whether a trial
    /// finishes, not what it computes. A timeout row counts as done on resume, like a diverged
    /// one; delete its runs.csv row (or use a new --out) to retry it with a larger budget.</summary>
    public double? MaxMinutes { get; init; }
    /// <summary><c>checkpoint_every:</c> optional, integer ≥ 1, default none. Every this many
    /// generator steps the trial's networks, optimizer state and random generator state are saved
    /// under checkpoints/&lt;trial_id&gt;/ in the results folder; a trial interrupted mid-way resumes
    /// from its last checkpoint and, on CPU, ends bit-identical to an uninterrupted run. Not part of
    /// trial ids.</summary>
    public int? CheckpointEvery { get; init; }
    /// <summary><c>ensemble:</c> auto | off | integer K in [1, 64], default auto. Trials that share
    /// architecture and schedule train K at a time as one batched model (auto: at most
    /// <see cref="EnsembleMode.AutoMaxMembers"/>; 1 is off), each member with its own seed and loss
    /// settings. Not part of trial ids: it decides how trials are batched, not what they compute, so a
    /// sweep may be resumed with ensembles on or off.</summary>
    public EnsembleMode Ensemble { get; init; } = EnsembleMode.Auto;
}

/// <summary><c>eval:</c> mapping.</summary>
public sealed record EvalConfig
{
    /// <summary><c>every:</c> generator steps between evaluations, integer ≥ 1, default 250.</summary>
    public int Every { get; init; } = 250;
    /// <summary><c>samples:</c> generated samples per evaluation, integer ≥ 1, default 2500 (the VEEGAN/PacGAN protocol).</summary>
    public int Samples { get; init; } = 2500;
    /// <summary><c>hq_threshold_std:</c> a sample is high quality within this many component standard deviations of a mean; number &gt; 0, default 3.</summary>
    public double HqThresholdStd { get; init; } = 3.0;
    /// <summary><c>image_samples:</c> generated images per evaluation on image datasets, integer ≥ 10, default 10000 (the usual FID-style protocol; ≥ 10 keeps the k-NN metrics defined).</summary>
    public int ImageSamples { get; init; } = 10_000;
    /// <summary><c>classifier:</c> default {epochs: 5, width: 32, seed: 0}.</summary>
    public ClassifierConfig Classifier { get; init; } = new();
    /// <summary><c>critic_refit:</c> optional, default none (off). When written, every evaluation of the
    /// standard schedule also trains a fresh critic against the frozen generator; see <see cref="CriticRefitConfig"/>.</summary>
    public CriticRefitConfig? CriticRefit { get; init; }

    public const string CriticRefitKey = "eval.critic_refit";

    /// <summary>The key paths of the optional measurements this block turns on; metrics declared
    /// <see cref="Results.MetricInfo.OnlyWith"/> one of them get columns only then.</summary>
    public IEnumerable<string> OptionalMeasurements => CriticRefit is null ? [] : [CriticRefitKey];
}

/// <summary>
/// <c>eval.critic_refit:</c> at every evaluation, freeze the generator, train a fresh critic of the
/// arm's architecture for <c>steps</c> steps with Adam(<c>lr</c>, betas 0.5, 0.9) under the arm's
/// objective and constraint (penalty, clipping, instance noise), and record its gap
/// E D(real) − E D(fake) on the evaluation samples exact W1 is computed on (<c>critic_refit_gap</c>).
/// The training critic lags the generator, so its gap measures lag as much as distance; a critic
/// trained close to optimality for a fixed generator is what WGAN's Fig. 3/4 reads. Point data,
/// standard protocol. Enters the trial id only when written.
/// </summary>
public sealed record CriticRefitConfig
{
    /// <summary><c>steps:</c> refit critic updates per evaluation, integer 1..100000, default 500.</summary>
    public int Steps { get; init; } = 500;
    /// <summary><c>lr:</c> the refit critic's Adam learning rate, number &gt; 0, default 1e-3.</summary>
    public double Lr { get; init; } = 1e-3;
}

/// <summary>
/// One <c>losses:</c> entry as written (after validation), where numeric keys may be lists that
/// expand as a grid inside the arm. Values keep their position so expansion-time problems (a
/// duplicate label, a duplicate trial) can point at the file.
/// <para>Keys: <c>loss</c> (required; an objective or shorthand from the catalog),
/// <c>name</c> (label override), <c>clip</c> (&gt; 0; turns weight clipping on for any objective;
/// wgan defaults to 0.01), <c>clip_mode</c> (after | before, default after: clamp after each
/// critic step, or before computing the critic loss; an error without clipping),
/// <c>instance_noise</c> (≥ 0, default 0), <c>instance_noise_schedule</c> (constant | linear,
/// default constant; linear anneals σ to 0 at the last iteration; an error without
/// instance_noise), <c>penalty</c> (a penalty name, default none; r3gan defaults to r1r2), <c>penalty_weight</c> (≥ 0, default 10 when a penalty is set; an error
/// without one), <c>gp_weight</c> (≥ 0; the gp penalty's weight, implies penalty: gp; wgan_gp
/// defaults to 10), <c>gp_target</c> (&gt; 0, default 1; only with the gp penalty),
/// <c>critic_steps</c> (integer ≥ 1; overrides train.critic_steps), <c>optimizer</c> (mapping
/// merged over train.optimizer), and any numeric parameter the arm's objective or penalty
/// declares. Every numeric key may be a list; an empty list or a repeated value is an error.</para>
/// <para>Label: <c>name</c> if given, else the loss as written; then <c>key=value</c> for each
/// list-valued key and, without a name, for each scalar key written with a non-default value
/// (and <c>penalty=x</c> when a penalty is written). Labels must be unique.</para>
/// </summary>
public sealed record ArmSpec
{
    /// <summary>Position of the entry in the file, 1-based.</summary>
    public required SourceSpan Span { get; init; }
    /// <summary>The <c>loss:</c> value as written (minimax, non_saturating, wasserstein, wgan, wgan_gp, or a plugin's name).</summary>
    public required string Loss { get; init; }
    /// <summary>Optional <c>name:</c>; otherwise the label is derived from the loss and the swept values.</summary>
    public string? Label { get; init; }
    /// <summary>
    /// Every numeric key in the order written (clip, instance_noise, penalty_weight, gp_weight,
    /// gp_target, critic_steps, plugin parameters). The first key is the outermost grid loop.
    /// </summary>
    public required IReadOnlyList<SweepKey> Sweep { get; init; }
    /// <summary>Non-numeric string keys as written: <c>penalty</c>, <c>clip_mode</c>, <c>instance_noise_schedule</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    /// <summary>Per-arm optimizer override, already merged over the train optimizer; null when not written.</summary>
    public OptimizerConfig? Optimizer { get; init; }
}

/// <summary>One numeric arm key: a scalar (one value, <see cref="IsList"/> false) or a swept list.</summary>
public sealed record SweepKey(string Key, IReadOnlyList<double> Values, bool IsList, SourceSpan Span);

/// <summary>file:line:column of something in an input file (1-based).</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
