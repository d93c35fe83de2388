using GanBench.Abstractions;

namespace GanBench.Training.Components.Shorthands;

/// <summary>WGAN-GP: the Wasserstein critic with the two-sided gradient penalty at weight 10, as in the paper.</summary>
[Shorthand("wgan_gp", "wasserstein objective with the gp penalty (WGAN-GP)", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 10, PenaltyWeightDescription = "gradient penalty weight lambda")]
public sealed class WganGp : IShorthand;
