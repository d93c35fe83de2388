using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Components;

// Every penalty returns its unweighted value; the trainer multiplies by penalty_weight. Gradients
// come from InputGradients, so all of them take one α and one norm per sample over all non-batch
// dimensions, for points and images alike.

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

/// <summary>
/// WGAN-LP's one-sided penalty E[max(0, ‖∇D(x̂)‖ − 1)²] (Petzka et al. 2018): only slopes above 1
/// are penalised, which is what the Lipschitz constraint asks for; GP also pushes smaller slopes up.
/// </summary>
public sealed class LipschitzPenalty : IPenalty
{
    public string Name => "lp";
    public Tensor Compute(PenaltyContext context)
    {
        var interpolates = InputGradients.Interpolate(context.Real, context.Fake, context.Random);
        var norms = InputGradients.PerSampleNorm(context.Critic, interpolates);
        return torch.nn.functional.relu(norms - 1).pow(2).mean();
    }
}

/// <summary>
/// DRAGAN (Kodali et al. 2017): E[(‖∇D(x + δ)‖ − 1)²] around the real data only, with
/// δ = 0.5·std(x)·U[0,1] elementwise and std over the whole real batch, as in the authors' code
/// (numpy's population std, which also stays defined for a batch of one).
/// It targets the sharp gradients around real points that come with mode collapse.
/// </summary>
public sealed class DraganPenalty : IPenalty
{
    public string Name => "dragan";
    public Tensor Compute(PenaltyContext context)
    {
        var real = context.Real.detach();
        var u = torch.rand(real.shape, dtype: real.dtype, device: real.device, generator: context.Random);
        var perturbed = real + 0.5 * real.std(unbiased: false) * u;
        var norms = InputGradients.PerSampleNorm(context.Critic, perturbed);
        return (norms - 1).pow(2).mean();
    }
}

/// <summary>
/// The zero-centred penalties of Mescheder et al. 2018, in the paper's γ/2 convention: the value is
/// ½E‖∇D(x)‖², so penalty_weight is γ. Reference code that adds reg·E‖∇D‖² without the ½ with
/// reg = 10 is penalty_weight 20 here.
/// </summary>
public static class ZeroCentred
{
    public static Tensor HalfMeanSquaredSlope(Func<Tensor, Tensor> critic, Tensor inputs) =>
        0.5 * InputGradients.PerSampleSquaredNorm(critic, inputs).mean();
}

/// <summary>R1: (γ/2)·E‖∇D(x_real)‖²; returns ½E‖∇D(x_real)‖².</summary>
public sealed class R1Penalty : IPenalty
{
    public string Name => "r1";
    public Tensor Compute(PenaltyContext context) => ZeroCentred.HalfMeanSquaredSlope(context.Critic, context.Real);
}

/// <summary>R2: (γ/2)·E‖∇D(x_fake)‖²; returns ½E‖∇D(x_fake)‖².</summary>
public sealed class R2Penalty : IPenalty
{
    public string Name => "r2";
    public Tensor Compute(PenaltyContext context) => ZeroCentred.HalfMeanSquaredSlope(context.Critic, context.Fake);
}

/// <summary>
/// R1 + R2 with one γ, as R3GAN trains: (γ/2)·(E‖∇D(x_real)‖² + E‖∇D(x_fake)‖²). One composite
/// penalty keeps the one-penalty-one-weight model of arms, trial ids and labels; R3GAN never
/// weights the two differently.
/// </summary>
public sealed class R1R2Penalty : IPenalty
{
    public string Name => "r1r2";
    public Tensor Compute(PenaltyContext context) =>
        ZeroCentred.HalfMeanSquaredSlope(context.Critic, context.Real) + ZeroCentred.HalfMeanSquaredSlope(context.Critic, context.Fake);
}
