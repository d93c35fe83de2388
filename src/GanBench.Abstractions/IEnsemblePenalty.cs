using static TorchSharp.torch;

namespace GanBench.Abstractions;

/// <summary>
/// What a penalty sees when K trials train as one batched model: every member's inputs stacked on a
/// leading member dimension. <see cref="Critic"/> maps [K, B, …] to [K, B] logits and member k's
/// logits read only row k, so the input gradient of their sum is each member's own gradient.
/// </summary>
/// <param name="Random">Each member's own random stream, in member order: a member draws exactly what it draws when trained alone.</param>
public sealed record EnsemblePenaltyContext(
    Func<Tensor, Tensor> Critic,
    Tensor Real,
    Tensor Fake,
    IReadOnlyList<Generator?> Random,
    IReadOnlyDictionary<string, double> Parameters)
{
    public int Members => Random.Count;

    /// <summary>A lone trial's context as an ensemble of one, so a penalty is written once, in its member form.</summary>
    public static EnsemblePenaltyContext Of(PenaltyContext lone)
    {
        ArgumentNullException.ThrowIfNull(lone);
        return new(x => lone.Critic(x.squeeze(0)).unsqueeze(0), lone.Real.unsqueeze(0), lone.Fake.unsqueeze(0), [lone.Random], lone.Parameters);
    }
}

/// <summary>
/// A penalty that can be computed for all members of an ensemble at once. Built-ins implement it;
/// a penalty that does not (a plugin written against <see cref="IPenalty"/> alone) keeps its trials
/// out of ensembles, and they train alone, as before.
/// </summary>
public interface IEnsemblePenalty : IPenalty
{
    /// <summary>
    /// The unweighted penalty of every member, shape [K]. Member k's value, its gradient and the
    /// draws from its random stream must be those of <see cref="IPenalty.Compute"/> on member k's own
    /// inputs and stream.
    /// </summary>
    Tensor ComputeMembers(EnsemblePenaltyContext context);
}

/// <summary>
/// A penalty written once, in its member form: the lone <see cref="IPenalty.Compute"/> is the same code
/// on an ensemble of one, so a trial computes the same thing alone and as a member.
/// </summary>
public abstract class MemberwisePenalty : IEnsemblePenalty
{
    public abstract string Name { get; }

    public abstract Tensor ComputeMembers(EnsemblePenaltyContext context);

    public Tensor Compute(PenaltyContext context) => ComputeMembers(EnsemblePenaltyContext.Of(context)).squeeze(0);
}
