using GanBench.Abstractions;

namespace GanBench.Training.Components.Shorthands;

/// <summary>WGAN-LP: the Wasserstein critic with the one-sided Lipschitz penalty at weight 10 (Petzka et al. 2018).</summary>
[Shorthand("wgan_lp", "wasserstein objective with the one-sided lp penalty (WGAN-LP, Petzka et al. 2018)", Objective = "wasserstein", Penalty = "lp", PenaltyWeight = 10, PenaltyWeightDescription = "Lipschitz penalty weight lambda")]
public sealed class WganLp : IShorthand;
