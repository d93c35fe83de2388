using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Components;

public sealed class NoPenalty : IPenalty
{
    public string Name => "none";
    public Tensor Compute(PenaltyContext context) => torch.zeros([], dtype: context.Real.dtype, device: context.Real.device);
}

/// <summary>
/// WGAN-GP's two-sided penalty E[(‖∇D(x̂)‖ − K)²] with x̂ = αx_real + (1−α)x_fake, one α per sample and
/// the norm per sample (peers that use one α or one norm for the whole batch compute something else).
/// </summary>
public sealed class GradientPenalty : IPenalty
{
    public const string TargetKey = "gp_target";
    public string Name => "gp";
    public Tensor Compute(PenaltyContext context)
    {
        double target = context.Parameters.TryGetValue(TargetKey, out var k) ? k : 1.0;
        var interpolates = InputGradients.Interpolate(context.Real, context.Fake, context.Random);
        var norms = InputGradients.PerSampleNorm(context.Critic, interpolates);
        return (norms - target).pow(2).mean();
    }
}
