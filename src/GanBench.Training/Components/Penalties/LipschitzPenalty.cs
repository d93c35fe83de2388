using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Penalties;

/// <summary>
/// WGAN-LP's one-sided penalty E[max(0, ‖∇D(x̂)‖ − 1)²] (Petzka et al. 2018): only slopes above 1
/// are penalised, which is what the Lipschitz constraint asks for; GP also pushes smaller slopes up.
/// </summary>
[Component("one-sided gradient penalty weight * E[max(0, ||grad D(x_hat)|| - 1)^2] on per-sample interpolates; zero while the slope is at most 1 (Petzka et al. 2018)")]
public sealed class LipschitzPenalty : MemberwisePenalty
{
    public override string Name => "lp";
    public override Tensor ComputeMembers(EnsemblePenaltyContext context)
    {
        var interpolates = InputGradients.InterpolateMembers(context.Real, context.Fake, context.Random);
        var norms = InputGradients.PerMemberSampleNorm(context.Critic, interpolates);
        return torch.nn.functional.relu(norms - 1).pow(2).mean(dimensions: [1]);
    }
}
