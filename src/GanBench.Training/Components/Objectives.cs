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

/// <summary>
/// LSGAN with a = 0, b = c = 1 on the raw critic output: D minimises ½E(c_real − 1)² + ½E c_fake²,
/// G minimises ½E(c_fake − 1)². The output is not squashed, as in Mao et al.
/// </summary>
public sealed class LeastSquaresObjective : IObjective
{
    public string Name => "least_squares";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) =>
        0.5 * (realLogits - 1).pow(2).mean() + 0.5 * fakeLogits.pow(2).mean();
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => 0.5 * (fakeLogits - 1).pow(2).mean();
}

/// <summary>Hinge (SAGAN, BigGAN): D minimises E max(0, 1 − c_real) + E max(0, 1 + c_fake); G minimises −E c_fake.</summary>
public sealed class HingeObjective : IObjective
{
    public string Name => "hinge";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) =>
        torch.nn.functional.relu(1 - realLogits).mean() + torch.nn.functional.relu(1 + fakeLogits).mean();
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => -fakeLogits.mean();
}

/// <summary>
/// Relativistic average GAN (Jolicoeur-Martineau 2018): each side is judged against the other's
/// batch mean, D̃(x_r) = σ(c_r − E c_f), D̃(x_f) = σ(c_f − E c_r); the generator plays the same game
/// with the roles swapped, so it needs the real logits too.
/// </summary>
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

/// <summary>
/// Relativistic pairing (RpGAN, the loss of R3GAN): the i-th real is compared with the i-th fake,
/// D minimises E softplus(c_f − c_r), G minimises E softplus(c_r − c_f). Pairing needs equal batches.
/// </summary>
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
