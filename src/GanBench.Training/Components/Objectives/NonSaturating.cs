using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Objectives;

/// <summary>The −log D(G(z)) heuristic: the minimax critic, and a generator that minimises softplus(−c_fake).</summary>
[Component("non-saturating GAN loss: G minimizes -log D(G(z))")]
public sealed class NonSaturatingObjective : IObjective
{
    public string Name => "non_saturating";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) =>
        StableMath.Softplus(-realLogits).mean() + StableMath.Softplus(fakeLogits).mean();
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => StableMath.Softplus(-fakeLogits).mean();
}
