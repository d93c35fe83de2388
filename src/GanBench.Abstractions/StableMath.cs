using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Abstractions;

/// <summary>Numerically careful building blocks for losses written on logits.</summary>
public static class StableMath
{
    /// <summary>
    /// log(1 + eˣ), exact to rounding for every x, with the exact derivative σ(x) everywhere. The
    /// library softplus computes log(1 + eˣ) directly and loses 1e-9 relative once the loss is
    /// tiny, which is exactly the confident-critic regime the minimax experiments measure.
    /// Each branch sees only the half-line where it is stable (clamped), so the unused branch
    /// cannot overflow and poison the gradient through torch.where.
    /// </summary>
    public static Tensor Softplus(Tensor x)
    {
        var positive = x.clamp_min(0);
        var negative = x.clamp_max(0);
        return torch.where(x > 0, positive + torch.log1p(torch.exp(-positive)), torch.log1p(torch.exp(negative)));
    }
}
