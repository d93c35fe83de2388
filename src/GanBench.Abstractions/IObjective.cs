using static TorchSharp.torch;

namespace GanBench.Abstractions;

/// <summary>
/// A GAN objective: a pure function of critic outputs (logits), as in compare_gan. Logits have a
/// leading batch dimension; an implementation must reduce over it with a mean so that several
/// trials can later be stacked along extra leading dimensions without changing the maths.
/// </summary>
public interface IObjective
{
    /// <summary>Registered name, as written after `loss:`.</summary>
    string Name { get; }

    /// <summary>Relativistic objectives need the real logits in the generator step too.</summary>
    bool GeneratorUsesRealLogits => false;

    /// <summary>The critic's loss to minimise, a scalar.</summary>
    Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits);

    /// <summary>The generator's loss to minimise, a scalar. <paramref name="realLogits"/> is null unless <see cref="GeneratorUsesRealLogits"/>.</summary>
    Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits);
}

/// <summary>What a penalty may look at. The critic maps a batch of inputs to logits of shape [B] or [B,1].</summary>
public sealed record PenaltyContext(
    Func<Tensor, Tensor> Critic,
    Tensor Real,
    Tensor Fake,
    /// <summary>Per-trial random stream for interpolation coefficients and perturbations (lives on the trial's device).</summary>
    Generator? Random,
    IReadOnlyDictionary<string, double> Parameters);

/// <summary>
/// A regulariser of the critic added to its loss with its own weight. It returns the unweighted
/// penalty; the trainer multiplies by the configured weight.
/// </summary>
public interface IPenalty
{
    string Name { get; }
    Tensor Compute(PenaltyContext context);
}
