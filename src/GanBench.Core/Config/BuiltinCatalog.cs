namespace GanBench.Core.Config;

/// <summary>The components GanBench ships with; plugins add theirs to the returned catalog.</summary>
public static class BuiltinCatalog
{
    public static ComponentCatalog Create()
    {
        var c = new ComponentCatalog();
        c.Add(new("minimax", ComponentKind.Objective,
            "saturating GAN loss: G minimizes log(1 - D(G(z))) (Goodfellow et al. 2014, formula 1)", []));
        c.Add(new("non_saturating", ComponentKind.Objective,
            "non-saturating GAN loss: G minimizes -log D(G(z))", []));
        c.Add(new("wasserstein", ComponentKind.Objective,
            "Wasserstein critic loss: D minimizes E[D(fake)] - E[D(real)]; needs clip or a penalty for a Lipschitz critic", []));
        c.Add(new("none", ComponentKind.Penalty, "no gradient penalty", []));
        c.Add(new("gp", ComponentKind.Penalty,
            "two-sided gradient penalty weight * E[(||grad D(x_hat)|| - K)^2], one interpolation factor per sample (Gulrajani et al. 2017)",
            [new ParameterSpec("gp_target", 1.0, 0.0, double.PositiveInfinity, true, "target gradient norm K")]));
        c.Add(new("wgan", ComponentKind.Shorthand,
            "wasserstein objective with weight clipping to [-clip, clip] after every critic step (Arjovsky et al. 2017)",
            [new ParameterSpec("clip", 0.01, 0.0, double.PositiveInfinity, true, "weight-clipping bound c")])
        { Expansion = new ShorthandExpansion("wasserstein", Clip: 0.01) });
        c.Add(new("wgan_gp", ComponentKind.Shorthand,
            "wasserstein objective with the gp penalty (WGAN-GP)",
            [new ParameterSpec("gp_weight", 10.0, 0.0, double.PositiveInfinity, false, "gradient penalty weight lambda")])
        { Expansion = new ShorthandExpansion("wasserstein", "gp", PenaltyWeight: 10.0) });
        return c;
    }
}
