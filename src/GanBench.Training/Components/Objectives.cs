using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;


namespace GanBench.Training.Components;

// All objectives work on raw logits c, with D(x) = σ(c), and use a stable softplus so that confident
// critics neither overflow nor lose the gradient to rounding: log σ(c) = −softplus(−c),
// log(1 − σ(c)) = −softplus(c).

/// <summary>The original saturating game: G minimises log(1 − D(G(z))) = −softplus(c_fake).</summary>
public sealed class MinimaxObjective : IObjective
{
    public string Name => "minimax";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) =>
        StableMath.Softplus(-realLogits).mean() + StableMath.Softplus(fakeLogits).mean();
    // d/dc of −softplus(c) is −σ(c) = −D(G(z)): it vanishes as the critic grows confident.
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => -StableMath.Softplus(fakeLogits).mean();
}

/// <summary>The −log D(G(z)) heuristic: same critic, generator minimises softplus(−c_fake).</summary>
public sealed class NonSaturatingObjective : IObjective
{
    public string Name => "non_saturating";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) =>
        StableMath.Softplus(-realLogits).mean() + StableMath.Softplus(fakeLogits).mean();
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => StableMath.Softplus(-fakeLogits).mean();
}

/// <summary>Wasserstein: the critic maximises E c_real − E c_fake; needs a Lipschitz constraint or penalty.</summary>
public sealed class WassersteinObjective : IObjective
{
    public string Name => "wasserstein";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) => fakeLogits.mean() - realLogits.mean();
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => -fakeLogits.mean();
}
