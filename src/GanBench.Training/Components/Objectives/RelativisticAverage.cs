using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Objectives;

/// <summary>
/// Relativistic average GAN (Jolicoeur-Martineau 2018): each side is judged against the other's
/// batch mean, D̃(x_r) = σ(c_r − E c_f), D̃(x_f) = σ(c_f − E c_r); the generator plays the same game
/// with the roles swapped, so it needs the real logits too.
/// </summary>
[Component("relativistic average GAN: each side judged against the other's batch mean, sigma(C(x_r) - E C(x_f)) (Jolicoeur-Martineau 2018)")]
public sealed class RelativisticAverageObjective : IObjective
{
    public string Name => "relativistic";
    public bool GeneratorUsesRealLogits => true;
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) => Game(realLogits, fakeLogits);
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) =>
        Game(fakeLogits, realLogits ?? throw new ArgumentNullException(nameof(realLogits), "relativistic needs the real logits in the generator step"));

    // −E log σ(a − E b) − E log(1 − σ(b − E a)), written as softplus so confident critics stay exact.
    private static Tensor Game(Tensor a, Tensor b) =>
        StableMath.Softplus(b.mean() - a).mean() + StableMath.Softplus(b - a.mean()).mean();
}
