using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Objectives;

/// <summary>
/// The original saturating game, written on logits c with D(x) = σ(c): D minimises
/// softplus(−c_real) + softplus(c_fake); G minimises log(1 − D(G(z))) = −softplus(c_fake). The
/// stable softplus keeps confident critics exact (see <see cref="StableMath"/>).
/// </summary>
[Component("saturating GAN loss: G minimizes log(1 - D(G(z))) (Goodfellow et al. 2014, formula 1)")]
public sealed class MinimaxObjective : IObjective
{
    public string Name => "minimax";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) =>
        StableMath.Softplus(-realLogits).mean() + StableMath.Softplus(fakeLogits).mean();
    // d/dc of −softplus(c) is −σ(c) = −D(G(z)): it vanishes as the critic grows confident.
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => -StableMath.Softplus(fakeLogits).mean();
}
