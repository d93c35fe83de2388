using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Objectives;

/// <summary>
/// Relativistic pairing (RpGAN, the loss of R3GAN): the i-th real is compared with the i-th fake,
/// D minimises E softplus(c_f − c_r), G minimises E softplus(c_r − c_f). Pairing needs equal batches.
/// </summary>
[Component("relativistic pairing: D minimizes E softplus(C(x_f) - C(x_r)) over paired samples, G the reverse (R3GAN's loss, Huang et al. 2024)")]
public sealed class RelativisticPairingObjective : IObjective
{
    public string Name => "rpgan";
    public bool GeneratorUsesRealLogits => true;
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) => StableMath.Softplus(Paired(fakeLogits, realLogits)).mean();
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) =>
        StableMath.Softplus(Paired(realLogits ?? throw new ArgumentNullException(nameof(realLogits), "rpgan needs the real logits in the generator step"), fakeLogits)).mean();

    private static Tensor Paired(Tensor a, Tensor b)
    {
        // Broadcasting would silently compare every real with every fake, a different loss.
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"rpgan pairs each real with one fake, so both logit tensors need the same shape (got [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}])");
        return a - b;
    }
}
