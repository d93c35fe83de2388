using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Penalties;

/// <summary>
/// R1 + R2 with one γ, as R3GAN trains: (γ/2)·(E‖∇D(x_real)‖² + E‖∇D(x_fake)‖²). One composite
/// penalty keeps the one-penalty-one-weight model of arms, trial ids and labels; R3GAN never
/// weights the two differently.
/// </summary>
[Component("R1 + R2 with one gamma, as R3GAN trains: (gamma/2) * (E||grad D(x_real)||^2 + E||grad D(x_fake)||^2); same gamma/2 convention as r1")]
public sealed class R1R2Penalty : MemberwisePenalty
{
    public override string Name => "r1r2";
    public override Tensor ComputeMembers(EnsemblePenaltyContext context) =>
        ZeroCentred.HalfMeanSquaredSlope(context.Critic, context.Real) + ZeroCentred.HalfMeanSquaredSlope(context.Critic, context.Fake);
}
