using GanBench.Core.Results;

namespace GanBench.Core.Claims;

/// <summary>One line (or set of points) of a claim chart. Series of one <paramref name="Group"/> share a colour and one legend entry.</summary>
/// <param name="Dashed">Drawn dashed: the second quantity of a group (the non-saturating norm beside the minimax one).</param>
/// <param name="Markers">Points only, no connecting line: for scatter charts, where the order of points means nothing.</param>
public sealed record ChartSeries(string Group, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Dashed = false, bool Markers = false);

/// <summary>
/// A chart beside a claim's verdict: data and axes only, so the rules stay free of drawing code and
/// every renderer (claims.md's PNGs today) draws the same figure. Log axes take positive values only;
/// a renderer drops the others and says how many.
/// </summary>
/// <param name="IntegerX">Only whole numbers on the x axis (layer indices).</param>
public sealed record ClaimChart(string Title, string XLabel, string YLabel, bool LogX, bool LogY, IReadOnlyList<ChartSeries> Series, string Caption, bool IntegerX = false);

/// <summary>The chart of each claim, built from the same inputs its rule judged.</summary>
public static class ClaimCharts
{
    /// <summary>Claim 1: both generator norms against D(G(z)) on log-log axes (Arjovsky &amp; Bottou Fig. 2/3); the chain factor predicts a slope of 1 for the minimax norm.</summary>
    public static ClaimChart Vanishing(IReadOnlyList<FrozenSeries> seeds) => new(
        "Claim 1: generator gradient against the critic's D(G(z))", "D(G(z)) (log scale)", "‖∇θG‖ (log scale)", true, true,
        seeds.OrderBy(s => s.Seed).SelectMany(s => NormSeries($"seed {s.Seed}", s)).ToList(),
        "One colour per seed; solid: minimax loss log(1 − D(G(z))), dashed: non-saturating −log D(G(z)). Each line runs through the measuring critic's checkpoints; D(G(z)) falls as it trains, so time runs right to left. The chain factor predicts the solid lines fall with slope 1.");

    /// <summary>Claim 2: the minimax norm against D(G(z)) per instance-noise level, one line per seed.</summary>
    public static ClaimChart InstanceNoise(IReadOnlyList<(double Sigma, FrozenSeries Series)> trials) => new(
        "Claim 2: minimax generator gradient with instance noise", "D(G(z)) (log scale)", "minimax ‖∇θG‖ (log scale)", true, true,
        trials.OrderBy(t => t.Sigma).ThenBy(t => t.Series.Seed).Select(t =>
        {
            var pts = Ordered(t.Series);
            return new ChartSeries($"σ = {ClaimMath.F(t.Sigma)}", pts.Select(p => p.FakeProb).ToList(), pts.Select(p => p.MinimaxNorm).ToList());
        }).ToList(),
        "One colour per noise level σ, one line per seed, through the measuring critic's checkpoints (time runs right to left). Without noise the norm falls with D(G(z)); noise keeps the critic from becoming confident, so the lines stay high.");

    /// <summary>Claim 3: the critic's activation-gradient norm per layer (Gulrajani et al. Fig. 1b).</summary>
    public static ClaimChart Clipping(IReadOnlyList<LayerProfile> profiles) => new(
        "Claim 3: critic gradient norm per layer", "layer (input side → output side)", "activation ‖∇‖ (log scale)", false, true,
        profiles.OrderBy(p => p.Arm, StringComparer.Ordinal).ThenBy(p => p.Seed)
            .Select(p => new ChartSeries(p.Arm, Enumerable.Range(1, p.Norms.Count).Select(i => (double)i).ToList(), p.Norms)).ToList(),
        "One colour per arm, one line per seed, at the last checkpoint. Clipping makes the norms grow or shrink geometrically with depth (straight sloped lines on this scale); a gradient penalty keeps them flat.", IntegerX: true);

    /// <summary>Claim 4: mean modes covered over the evaluations, per arm, one chart per dataset.</summary>
    public static IEnumerable<ClaimChart> ModeCoverage(IReadOnlyList<RunRecord> runs, Func<RunRecord, List<CurvePoint>> curve)
    {
        foreach (var dataset in runs.GroupBy(r => r.Trial.Dataset).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var series = dataset.GroupBy(r => r.Trial.Arm).OrderBy(g => g.Key, StringComparer.Ordinal).Select(arm =>
            {
                var byStep = arm.SelectMany(curve).Where(c => c.Metrics.GetValueOrDefault("modes_covered") is double d && double.IsFinite(d))
                    .GroupBy(c => c.Step).OrderBy(g => g.Key).ToList();
                return new ChartSeries(arm.Key, byStep.Select(g => (double)g.Key).ToList(), byStep.Select(g => g.Average(c => c.Metrics["modes_covered"]!.Value)).ToList());
            }).Where(s => s.X.Count > 0).ToList();
            yield return new ClaimChart($"Claim 4: modes covered on {dataset.Key}", "generator step", "modes covered (mean over seeds)", false, false, series,
                "Mean over the finished seeds at each evaluation. The rule compares the final value and each seed's mean over the last half of the evaluations.");
        }
    }

    /// <summary>Claim 5: the critic's estimate against exact W1 at every evaluation (WGAN Fig. 3/4), one chart per arm.</summary>
    public static IEnumerable<ClaimChart> CriticTracking(IReadOnlyList<TrackingSeries> series)
    {
        foreach (var arm in series.GroupBy(s => s.Arm).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            string estimate = arm.All(s => s.Refit) ? "refit critic's gap E D(real) − E D(fake)" : "training critic's gap E D(real) − E D(fake)";
            yield return new ClaimChart($"Claim 5: {arm.Key}: critic estimate against exact W1", "exact W1 (w1_exact)", estimate, false, false,
                arm.OrderBy(s => s.Seed).Select(s => new ChartSeries($"seed {s.Seed}", s.W1, s.CriticEstimate, Markers: true)).ToList(),
                "One point per evaluation, one colour per seed. Tracking means the points rise with W1; a clipped critic's estimate is W1 up to an unknown scale, so the rule judges rank (Spearman), not the line.");
        }
    }

    private static List<FrozenCheckpoint> Ordered(FrozenSeries s) => s.Points.Where(p => double.IsFinite(p.FakeProb)).OrderBy(p => p.Step).ToList();

    private static IEnumerable<ChartSeries> NormSeries(string group, FrozenSeries s)
    {
        var pts = Ordered(s);
        yield return new ChartSeries(group, pts.Select(p => p.FakeProb).ToList(), pts.Select(p => p.MinimaxNorm).ToList());
        yield return new ChartSeries(group, pts.Select(p => p.FakeProb).ToList(), pts.Select(p => p.NsNorm).ToList(), Dashed: true);
    }
}
