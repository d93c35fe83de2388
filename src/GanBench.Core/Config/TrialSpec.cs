using GanBench.Core.Datasets;
namespace GanBench.Core.Config;

/// <summary>One arm value × one dataset × one seed: the unit that gets trained and reported.</summary>
public sealed record TrialSpec
{
    /// <summary>Stable id: a hash of the canonical resolved config of this trial.</summary>
    public required string TrialId { get; init; }
    public required string Experiment { get; init; }
    /// <summary>Arm label, e.g. "wgan_gp" or "wgan clip=0.01"; groups seeds in summaries.</summary>
    public required string Arm { get; init; }
    public required DatasetSpec Dataset { get; init; }
    public required int Seed { get; init; }
    public required LossSetup Loss { get; init; }
    public required ModelConfig Model { get; init; }
    /// <summary>The train block with the arm's optimizer and critic_steps overrides applied.</summary>
    public required TrainConfig Train { get; init; }
    public required EvalConfig Eval { get; init; }
    /// <summary>The experiment's schedule (standard, frozen_generator, fixed_generator).</summary>
    public ProtocolConfig Protocol { get; init; } = new();
    /// <summary>The experiment's data_dir (absolute), where image datasets are looked for first; not part of the id.</summary>
    public string? DataDir { get; init; }
}

/// <summary>The loss side of a trial after shorthands (wgan, wgan_gp) are expanded.</summary>
public sealed record LossSetup
{
    /// <summary>The `loss:` as written in the file (minimax, wgan, wgan_gp, a plugin name...).</summary>
    public required string Written { get; init; }
    /// <summary>Objective component name: minimax | non_saturating | wasserstein | ... </summary>
    public required string Objective { get; init; }
    /// <summary>Penalty component name; "none" when there is none.</summary>
    public string Penalty { get; init; } = "none";
    public double PenaltyWeight { get; init; }
    /// <summary>The penalty enters the critic loss (and draws from the trial's stream) only when there is one with a weight.</summary>
    public bool PenaltyActive => Penalty != "none" && PenaltyWeight != 0;
    /// <summary>Weight-clipping bound c; null when the critic is not clipped.</summary>
    public double? Clip { get; init; }
    /// <summary>Standard deviation of the Gaussian noise added to both critic inputs; 0 for none. With the linear schedule, the starting σ.</summary>
    public double InstanceNoise { get; init; }
    /// <summary>
    /// <c>clip_mode:</c> after (default): clamp the critic's weights right after each critic
    /// optimiser step, as WGAN does; before: clamp them before computing the critic loss, so the
    /// step is taken from clipped weights and the weights after the last step may exceed the bound.
    /// </summary>
    public string ClipMode { get; init; } = DefaultClipMode;
    /// <summary><c>instance_noise_schedule:</c> constant (default) or linear: σ_t = σ·(1 − t/T) over generator steps t, reaching 0 at the last step T.</summary>
    public string InstanceNoiseSchedule { get; init; } = DefaultNoiseSchedule;

    public const string DefaultClipMode = "after", DefaultNoiseSchedule = "constant";
    public static readonly string[] ClipModes = ["after", "before"];
    public static readonly string[] NoiseSchedules = ["constant", "linear"];
    /// <summary>Every other numeric parameter of the objective/penalty (plugins), by YAML key.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);
}
