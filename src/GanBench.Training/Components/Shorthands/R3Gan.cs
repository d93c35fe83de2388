using GanBench.Abstractions;

namespace GanBench.Training.Components.Shorthands;

/// <summary>R3GAN's baseline: relativistic pairing with R1 and R2 at one γ.</summary>
[Shorthand("r3gan", "rpgan objective with R1 and R2 at one gamma (penalty r1r2), the R3GAN baseline (Huang et al. 2024); tune gamma with penalty_weight", Objective = "rpgan", Penalty = "r1r2", PenaltyWeight = 10, PenaltyWeightDescription = "gamma of (gamma/2)*(R1 + R2)")]
public sealed class R3Gan : IShorthand;
