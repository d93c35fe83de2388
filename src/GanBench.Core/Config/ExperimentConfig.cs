namespace GanBench.Core.Config;

/// <summary>An experiment file after parsing, defaults and validation. Immutable.</summary>
public sealed record ExperimentConfig
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>auto | cpu | cuda.</summary>
    public string Device { get; init; } = "auto";
    public required IReadOnlyList<int> Seeds { get; init; }
    public required IReadOnlyList<DatasetSpec> Datasets { get; init; }
    public required ModelConfig Model { get; init; }
    public required TrainConfig Train { get; init; }
    /// <summary>One entry per arm, before list values are expanded.</summary>
    public required IReadOnlyList<ArmSpec> Arms { get; init; }
    public required EvalConfig Eval { get; init; }
    /// <summary>Arm label compared against in reports; null when none is named.</summary>
    public string? Baseline { get; init; }
    /// <summary>Plugin assembly paths, resolved relative to the experiment file.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];
    /// <summary>Path of the YAML file this came from (for messages).</summary>
    public string SourcePath { get; init; } = "";
}

/// <summary>
/// A 2-D (or image) data distribution. Type decides which fields are meaningful.
/// For the Gaussian-mixture types (ring, grid, mixture) <see cref="Means"/> and <see cref="Std"/>
/// are stored in final units, already divided by the written <c>scale</c>, and
/// <see cref="Scale"/> is 1: the sampler just draws N(mean, Std²). A swiss roll has no means, so
/// it keeps its raw <see cref="Noise"/> and <see cref="Scale"/>: sample, add noise, divide.
/// </summary>
public sealed record DatasetSpec
{
    /// <summary>Name used in results (the preset name, or the `name:` key of a mapping).</summary>
    public required string Name { get; init; }
    /// <summary>ring | grid | mixture | swissroll.</summary>
    public required string Type { get; init; }
    /// <summary>Mixture component means; empty for swissroll.</summary>
    public IReadOnlyList<double[]> Means { get; init; } = [];
    /// <summary>Standard deviation of every mixture component (isotropic).</summary>
    public double Std { get; init; }
    /// <summary>Swiss roll noise before scaling.</summary>
    public double Noise { get; init; }
    /// <summary>Every coordinate is divided by this after sampling (the gan_toy convention); 1 for mixtures, see above.</summary>
    public double Scale { get; init; } = 1.0;
    /// <summary>
    /// The generating parameters as written, defaults filled (ring: modes, radius, std, scale;
    /// grid: side, spacing, std, scale; mixture: std, scale; swissroll: noise, scale). Used to
    /// write the resolved config back in its readable form; not part of the trial id, because
    /// Means/Std/Noise/Scale already determine the numbers.
    /// </summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);
    public int Dimension => Means.Count > 0 ? Means[0].Length : 2;
}

public sealed record NetworkConfig
{
    /// <summary>mlp.</summary>
    public string Type { get; init; } = "mlp";
    public int Hidden { get; init; } = 512;
    /// <summary>Number of hidden layers.</summary>
    public int Layers { get; init; } = 3;
}

public sealed record ModelConfig
{
    public int LatentDim { get; init; } = 2;
    public NetworkConfig Generator { get; init; } = new();
    public NetworkConfig Critic { get; init; } = new();
}

public sealed record OptimizerConfig
{
    /// <summary>adam | rmsprop | sgd.</summary>
    public string Type { get; init; } = "adam";
    public double Lr { get; init; } = 1e-4;
    public double Beta1 { get; init; } = 0.5;
    public double Beta2 { get; init; } = 0.9;
}

public sealed record TrainConfig
{
    /// <summary>Generator steps.</summary>
    public int Iterations { get; init; } = 2000;
    public int BatchSize { get; init; } = 256;
    /// <summary>Critic steps per generator step.</summary>
    public int CriticSteps { get; init; } = 5;
    public OptimizerConfig Optimizer { get; init; } = new();
}

public sealed record EvalConfig
{
    /// <summary>Generator steps between evaluations.</summary>
    public int Every { get; init; } = 250;
    public int Samples { get; init; } = 2500;
    /// <summary>A sample is high quality within this many component standard deviations of a mean.</summary>
    public double HqThresholdStd { get; init; } = 3.0;
}

/// <summary>
/// One <c>losses:</c> entry as written (after validation), where numeric keys may be lists that
/// expand as a grid inside the arm. Values keep their position so expansion-time problems (a
/// duplicate label, a duplicate trial) can point at the file.
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
    /// <summary>Non-numeric string keys as written; today only <c>penalty</c>.</summary>
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
