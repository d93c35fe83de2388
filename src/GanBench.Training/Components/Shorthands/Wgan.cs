using GanBench.Abstractions;

namespace GanBench.Training.Components.Shorthands;

/// <summary>WGAN as published: the Wasserstein critic kept Lipschitz by clipping its weights to ±0.01 after every step.</summary>
[Shorthand("wgan", "wasserstein objective with weight clipping to [-clip, clip] after every critic step (Arjovsky et al. 2017)", Objective = "wasserstein", Clip = 0.01)]
public sealed class Wgan : IShorthand;
