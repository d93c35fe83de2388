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
public sealed class DraganPenalty : MemberwisePenalty
{
    public override string Name => "dragan";
    public override Tensor ComputeMembers(EnsemblePenaltyContext context)
    {
        var real = context.Real.detach();
        // Each member draws its perturbation, then its coefficients, from its own stream, as alone:
        // all of u before any α would interleave the streams differently only if members shared one.
        var u = new Tensor[context.Members];
        var alpha = new Tensor[context.Members];
        for (int k = 0; k < context.Members; k++)
        {
            u[k] = torch.rand(real[k].shape, dtype: real.dtype, device: real.device, generator: context.Random[k]);
            alpha[k] = torch.rand(InputGradients.PerSampleShape(real[k]), dtype: real.dtype, device: real.device, generator: context.Random[k]);
        }
        // std over each member's whole batch, as numpy's population std of the authors' code.
        var spread = real.flatten(1).std(1, unbiased: false).reshape([-1, .. Enumerable.Repeat(1L, (int)real.dim() - 1)]);
        var perturbed = real + 0.5 * spread * torch.stack(u);
        var interpolates = real + torch.stack(alpha) * (perturbed - real);
        var norms = InputGradients.PerMemberSampleNorm(context.Critic, interpolates);
        return (norms - 1).pow(2).mean(dimensions: [1]);
    }
}
