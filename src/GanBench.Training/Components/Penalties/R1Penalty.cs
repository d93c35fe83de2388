using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Penalties;

/// <summary>R1: (γ/2)·E‖∇D(x_real)‖²; returns ½E‖∇D(x_real)‖² (see <see cref="ZeroCentred"/>).</summary>
[Component("zero-centred penalty on real data: (gamma/2) * E||grad D(x_real)||^2; " + ZeroCentred.Convention)]
public sealed class R1Penalty : MemberwisePenalty
{
    public override string Name => "r1";
    public override Tensor ComputeMembers(EnsemblePenaltyContext context) => ZeroCentred.HalfMeanSquaredSlope(context.Critic, context.Real);
}
