namespace GanBench.Core.Config;

/// <summary>The components GanBench ships with; plugins add theirs to the returned catalog.</summary>
public static class BuiltinCatalog
{
    /// <summary>How the zero-centred penalties are weighted; said once so docs, list and descriptions agree.</summary>
    public const string ZeroCentredConvention =
        "penalty_weight is gamma in (gamma/2)*E||grad D||^2 (Mescheder et al. 2018); reference code that adds reg*E||grad D||^2 uses reg = gamma/2, so its reg=10 is penalty_weight 20";

    public static ComponentCatalog Create()
    {
        var c = new ComponentCatalog();
        c.Add(new("minimax", ComponentKind.Objective,
            "saturating GAN loss: G minimizes log(1 - D(G(z))) (Goodfellow et al. 2014, formula 1)", []));
        c.Add(new("non_saturating", ComponentKind.Objective,
            "non-saturating GAN loss: G minimizes -log D(G(z))", []));
        c.Add(new("wasserstein", ComponentKind.Objective,
            "Wasserstein critic loss: D minimizes E[D(fake)] - E[D(real)]; needs clip or a penalty for a Lipschitz critic", []));
        c.Add(new("least_squares", ComponentKind.Objective,
            "LSGAN (a=0, b=c=1): D minimizes 1/2 E(D(x)-1)^2 + 1/2 E D(G(z))^2, G minimizes 1/2 E(D(G(z))-1)^2 (Mao et al. 2017)", []));
        c.Add(new("hinge", ComponentKind.Objective,
            "hinge loss: D minimizes E max(0, 1-D(x)) + E max(0, 1+D(G(z))), G minimizes -E D(G(z)) (Lim & Ye 2017; SAGAN, BigGAN)", []));
        c.Add(new("relativistic", ComponentKind.Objective,
            "relativistic average GAN: each side judged against the other's batch mean, sigma(C(x_r) - E C(x_f)) (Jolicoeur-Martineau 2018)", []));
        c.Add(new("rpgan", ComponentKind.Objective,
            "relativistic pairing: D minimizes E softplus(C(x_f) - C(x_r)) over paired samples, G the reverse (R3GAN's loss, Huang et al. 2024)", []));
        c.Add(new("none", ComponentKind.Penalty, "no gradient penalty", []));
        c.Add(new("gp", ComponentKind.Penalty,
            "two-sided gradient penalty weight * E[(||grad D(x_hat)|| - K)^2], one interpolation factor per sample (Gulrajani et al. 2017)",
            [new ParameterSpec("gp_target", 1.0, 0.0, double.PositiveInfinity, true, "target gradient norm K")]));
        c.Add(new("lp", ComponentKind.Penalty,
            "one-sided gradient penalty weight * E[max(0, ||grad D(x_hat)|| - 1)^2] on per-sample interpolates; zero while the slope is at most 1 (Petzka et al. 2018)", []));
        c.Add(new("dragan", ComponentKind.Penalty,
            "weight * E[(||grad D(x + delta)|| - 1)^2] around real data, delta = 0.5 * std(x_real) * U[0,1] elementwise (Kodali et al. 2017; weight 10 as published)", []));
        c.Add(new("r1", ComponentKind.Penalty,
            "zero-centred penalty on real data: (gamma/2) * E||grad D(x_real)||^2; " + ZeroCentredConvention, []));
        c.Add(new("r2", ComponentKind.Penalty,
            "zero-centred penalty on generated data: (gamma/2) * E||grad D(x_fake)||^2; same gamma/2 convention as r1", []));
        c.Add(new("r1r2", ComponentKind.Penalty,
            "R1 + R2 with one gamma, as R3GAN trains: (gamma/2) * (E||grad D(x_real)||^2 + E||grad D(x_fake)||^2); same gamma/2 convention as r1", []));
        c.Add(new("wgan", ComponentKind.Shorthand,
            "wasserstein objective with weight clipping to [-clip, clip] after every critic step (Arjovsky et al. 2017)",
            [new ParameterSpec("clip", 0.01, 0.0, double.PositiveInfinity, true, "weight-clipping bound c")])
        { Expansion = new ShorthandExpansion("wasserstein", Clip: 0.01) });
        c.Add(new("wgan_gp", ComponentKind.Shorthand,
            "wasserstein objective with the gp penalty (WGAN-GP)",
            [new ParameterSpec("gp_weight", 10.0, 0.0, double.PositiveInfinity, false, "gradient penalty weight lambda")])
        { Expansion = new ShorthandExpansion("wasserstein", "gp", PenaltyWeight: 10.0) });
        c.Add(new("r3gan", ComponentKind.Shorthand,
            "rpgan objective with R1 and R2 at one gamma (penalty r1r2), the R3GAN baseline (Huang et al. 2024); tune gamma with penalty_weight",
            [new ParameterSpec("penalty_weight", 10.0, 0.0, double.PositiveInfinity, false, "gamma of (gamma/2)*(R1 + R2)")])
        { Expansion = new ShorthandExpansion("rpgan", "r1r2", PenaltyWeight: 10.0) });
        return c;
    }
}
