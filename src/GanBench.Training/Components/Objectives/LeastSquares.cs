using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Objectives;

/// <summary>
/// LSGAN with a = 0, b = c = 1 on the raw critic output: D minimises ½E(c_real − 1)² + ½E c_fake²,
/// G minimises ½E(c_fake − 1)². The output is not squashed, as in Mao et al.
/// </summary>
[Component("LSGAN (a=0, b=c=1): D minimizes 1/2 E(D(x)-1)^2 + 1/2 E D(G(z))^2, G minimizes 1/2 E(D(G(z))-1)^2 (Mao et al. 2017)")]
public sealed class LeastSquaresObjective : IObjective
{
    public string Name => "least_squares";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) =>
        0.5 * (realLogits - 1).pow(2).mean() + 0.5 * fakeLogits.pow(2).mean();
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => 0.5 * (fakeLogits - 1).pow(2).mean();
}
