using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Penalties;

/// <summary>The absent penalty: an arm without <c>penalty:</c> uses it, so every trial has one.</summary>
[Component("no gradient penalty")]
public sealed class NoPenalty : IPenalty
{
    public string Name => "none";
    public Tensor Compute(PenaltyContext context) => torch.zeros([], dtype: context.Real.dtype, device: context.Real.device);
}
