using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Penalties;

public sealed record GradientPenaltyOptions
{
    [ComponentParameter("gp_target", 1.0, Min = 0, MinExclusive = true, Description = "target gradient norm K")]
    public double Target { get; init; } = 1.0;
}

/// <summary>
/// WGAN-GP's two-sided penalty E[(‖∇D(x̂)‖ − K)²] with x̂ = αx_real + (1−α)x_fake, one α per sample and
/// the norm per sample (peers that use one α or one norm for the whole batch compute something else).
/// Returns the unweighted value; the trainer multiplies by penalty_weight, as for every penalty.
/// </summary>
[Component("two-sided gradient penalty weight * E[(||grad D(x_hat)|| - K)^2], one interpolation factor per sample (Gulrajani et al. 2017)")]
public sealed class GradientPenalty(GradientPenaltyOptions options) : MemberwisePenalty
{
    public override string Name => "gp";
    public override Tensor ComputeMembers(EnsemblePenaltyContext context)
    {
        var interpolates = InputGradients.InterpolateMembers(context.Real, context.Fake, context.Random);
        var norms = InputGradients.PerMemberSampleNorm(context.Critic, interpolates);
        return (norms - options.Target).pow(2).mean(dimensions: [1]);
    }
}
