using GanBench.Core.Config;

namespace GanBench.Core.Results;

/// <summary>
/// The settings that distinguish one trial from another, as runs.csv writes them next to the
/// trial's identity: what a researcher filters and groups by without parsing arm labels
/// (<c>hinge penalty=r1 penalty_weight=1</c> becomes penalty = r1, penalty_weight = 1).
/// Settings that do not apply to a trial are null and written as empty cells (clip_mode without
/// clipping, betas of a non-Adam optimizer, an option of a component the trial does not use).
/// </summary>
public sealed record TrialSetup
{
    /// <summary>The <c>loss:</c> as written (a shorthand such as wgan_gp stays as written).</summary>
    public string Loss { get; init; } = "";
    public string Objective { get; init; } = "";
    public string Penalty { get; init; } = "none";
    public double PenaltyWeight { get; init; }
    public double? Clip { get; init; }
    public string? ClipMode { get; init; }
    public double InstanceNoise { get; init; }
    public string? InstanceNoiseSchedule { get; init; }
    public int? CriticSteps { get; init; }
    public string? Optimizer { get; init; }
    public double? Lr { get; init; }
    public double? Beta1 { get; init; }
    public double? Beta2 { get; init; }
    /// <summary>Every numeric parameter of the trial's objective and penalty by its YAML key (gp_target, a plugin's options).</summary>
    public IReadOnlyDictionary<string, double> Options { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    public static TrialSetup Of(TrialSpec trial)
    {
        var loss = trial.Loss;
        var optimizer = trial.Train.Optimizer;
        bool adam = optimizer.Type == "adam";
        return new TrialSetup
        {
            Loss = loss.Written,
            Objective = loss.Objective,
            Penalty = loss.Penalty,
            PenaltyWeight = loss.PenaltyWeight,
            Clip = loss.Clip,
            ClipMode = loss.Clip is null ? null : loss.ClipMode,
            InstanceNoise = loss.InstanceNoise,
            InstanceNoiseSchedule = loss.InstanceNoise > 0 ? loss.InstanceNoiseSchedule : null,
            CriticSteps = trial.Train.CriticSteps,
            Optimizer = optimizer.Type,
            Lr = optimizer.Lr,
            Beta1 = adam ? optimizer.Beta1 : null,
            Beta2 = adam ? optimizer.Beta2 : null,
            Options = loss.Parameters,
        };
    }

    /// <summary>The option columns of a results folder: every option key any of its trials has, in ordinal order.</summary>
    public static IReadOnlyList<string> OptionColumns(IEnumerable<TrialSpec> trials) =>
        trials.SelectMany(t => t.Loss.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
