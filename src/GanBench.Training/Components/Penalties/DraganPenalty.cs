using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Penalties;

/// <summary>
/// DRAGAN as its authors' code computes it (kodalinaveen3/DRAGAN): perturb the real batch,
/// x_p = x + 0.5·std(x)·U[0,1] elementwise (std over the whole real batch, numpy's population std,
/// which stays defined for a batch of one), then interpolate x̂ = x + α(x_p − x) with one α ~ U(0,1)
/// per sample, and penalise E[(‖∇D(x̂)‖ − 1)²]. It targets the sharp gradients around real points
/// that come with mode collapse. (An earlier version took the penalty at x_p itself, α = 1.)
/// </summary>
[Component("weight * E[(||grad D(x_hat)|| - 1)^2], x_hat = x + alpha*(x_p - x), x_p = x + 0.5*std(x_real)*U[0,1] elementwise, one alpha per sample (Kodali et al. 2017; weight 10 as published)")]
public sealed class DraganPenalty : IPenalty
{
    public string Name => "dragan";
    public Tensor Compute(PenaltyContext context)
    {
        var real = context.Real.detach();
        var u = torch.rand(real.shape, dtype: real.dtype, device: real.device, generator: context.Random);
        var perturbed = real + 0.5 * real.std(unbiased: false) * u;
        var alpha = torch.rand(InputGradients.PerSampleShape(real), dtype: real.dtype, device: real.device, generator: context.Random);
        var interpolates = real + alpha * (perturbed - real);
        var norms = InputGradients.PerSampleNorm(context.Critic, interpolates);
        return (norms - 1).pow(2).mean();
    }
}
