using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Objectives;

/// <summary>Hinge (SAGAN, BigGAN): D minimises E max(0, 1 − c_real) + E max(0, 1 + c_fake); G minimises −E c_fake.</summary>
[Component("hinge loss: D minimizes E max(0, 1-D(x)) + E max(0, 1+D(G(z))), G minimizes -E D(G(z)) (Lim & Ye 2017; SAGAN, BigGAN)")]
public sealed class HingeObjective : IObjective
{
    public string Name => "hinge";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) =>
        torch.nn.functional.relu(1 - realLogits).mean() + torch.nn.functional.relu(1 + fakeLogits).mean();
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => -fakeLogits.mean();
}
