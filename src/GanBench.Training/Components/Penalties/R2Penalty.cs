using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Penalties;

/// <summary>R2: (γ/2)·E‖∇D(x_fake)‖²; returns ½E‖∇D(x_fake)‖².</summary>
[Component("zero-centred penalty on generated data: (gamma/2) * E||grad D(x_fake)||^2; same gamma/2 convention as r1")]
public sealed class R2Penalty : MemberwisePenalty
{
    public override string Name => "r2";
    public override Tensor ComputeMembers(EnsemblePenaltyContext context) => ZeroCentred.HalfMeanSquaredSlope(context.Critic, context.Fake);
}
