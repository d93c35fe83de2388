using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Penalties;

/// <summary>The absent penalty: an arm without <c>penalty:</c> uses it, so every trial has one.</summary>
[Component("no gradient penalty")]
public sealed class NoPenalty : MemberwisePenalty
{
    public override string Name => "none";
    public override Tensor ComputeMembers(EnsemblePenaltyContext context) => torch.zeros([context.Members], dtype: context.Real.dtype, device: context.Real.device);
}
