using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace MyLosses;

/// <summary>Options bound from YAML: {loss: smoothed_ns, label_smoothing: [0, 0.1, 0.2]}.</summary>
public sealed record SmoothingOptions
{
    [ComponentParameter("label_smoothing", 0.1, Min = 0, Max = 0.5, Description = "real target is 1 - label_smoothing")]
    public double LabelSmoothing { get; init; } = 0.1;
}

/// <summary>
/// One-sided label smoothing (Salimans et al. 2016): the critic aims at 1 - s on real data and
/// 0 on fakes, which keeps it from growing over-confident; the generator is non-saturating.
/// </summary>
[Component("non-saturating GAN whose critic targets 1 - label_smoothing on real data (one-sided label smoothing)")]
public sealed class SmoothedNonSaturating(SmoothingOptions options) : IObjective
{
    public string Name => "smoothed_ns";

    // Binary cross-entropy on logits: -t log σ(c) - (1 - t) log(1 - σ(c)) = t·softplus(-c) + (1 - t)·softplus(c).
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits)
    {
        double t = 1 - options.LabelSmoothing;
        return (t * StableMath.Softplus(-realLogits) + (1 - t) * StableMath.Softplus(realLogits)).mean()
               + StableMath.Softplus(fakeLogits).mean();
    }

    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => StableMath.Softplus(-fakeLogits).mean();
}
