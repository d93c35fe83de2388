using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Objectives;

/// <summary>Wasserstein: the critic maximises E c_real − E c_fake; it needs a Lipschitz constraint (clip) or a penalty.</summary>
[Component("Wasserstein critic loss: D minimizes E[D(fake)] - E[D(real)]; needs clip or a penalty for a Lipschitz critic")]
public sealed class WassersteinObjective : IObjective
{
    public string Name => "wasserstein";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) => fakeLogits.mean() - realLogits.mean();
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => -fakeLogits.mean();
}
