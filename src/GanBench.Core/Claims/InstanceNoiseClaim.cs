namespace GanBench.Core.Claims;

/// <summary>
/// One frozen_generator trial with instance noise <paramref name="Sigma"/>: its final minimax norm
/// and confidence, and <paramref name="UnconfidentMinimaxNorm"/>, the largest minimax norm while the
/// critic was not yet confident (the gradient a collapse is measured from).
/// </summary>
public sealed record NoiseTrialEnd(double Sigma, int Seed, double FinalMinimaxNorm, double FinalFakeProb, double UnconfidentMinimaxNorm = double.NaN,
    ConfidenceSource Source = ConfidenceSource.Mean)
{
    /// <summary>How many times the minimax norm fell from its unconfident peak to the end.</summary>
    public double Collapse => FinalMinimaxNorm > 0 ? UnconfidentMinimaxNorm / FinalMinimaxNorm : double.PositiveInfinity;

    /// <summary>The end of a trial's checkpoints; the peak is taken over those with D(G(z)) ≥ 1e-2, or the first when the critic was confident from the start.</summary>
    public static NoiseTrialEnd? FromSeries(double sigma, FrozenSeries series)
    {
        var points = series.Points.Where(p => double.IsFinite(p.FakeProb) && double.IsFinite(p.MinimaxNorm)).OrderBy(p => p.Step).ToList();
        if (points.Count == 0) return null;
        var unconfident = points.Where(p => p.FakeProb >= VanishingGradientClaim.ConfidentBelow).ToList();
        double peak = unconfident.Count > 0 ? unconfident.Max(p => p.MinimaxNorm) : points[0].MinimaxNorm;
        return new NoiseTrialEnd(sigma, series.Seed, points[^1].MinimaxNorm, points[^1].FakeProb, peak, series.Source);
    }
}

/// <summary>
/// Claim 2 (Arjovsky &amp; Bottou 2017, §3): instance noise in both critic inputs keeps the
/// minimax generator gradient alive where the noiseless critic has made it vanish.
/// </summary>
public static class InstanceNoiseClaim
{
    /// <summary>The claim's 100×; a ratio under a tenth of it (10×) counts against, between the two decides nothing.</summary>
    public const double MinRatio = 100, FailsBelowRatio = 10;

    /// <summary>
    /// The σ = 0 gradient must have fallen this many times from its unconfident peak: noise can only
    /// restore what was lost, so a baseline that lost less than the 100× being tested cannot show it.
    /// </summary>
    public const double MinCollapse = 100;

    public const string Statement = "Adding N(0, σ²) noise to both critic inputs (training and measurement) restores the minimax generator gradient: on seeds where the noiseless critic becomes confident, the final ‖∇θG‖ with noise large enough to make the supports overlap is at least 100× the σ = 0 one (Arjovsky & Bottou 2017, §3).";

    public const string Rule = "Premise, per seed: the σ = 0 critic ends confident (final D(G(z)) < 1e-2) *and* its minimax gradient collapsed, i.e. fell ≥ 100× from its largest value while the critic was not yet confident (D(G(z)) ≥ 1e-2; the first checkpoint if it never was). 100× because noise can only restore what was lost: the chain factor σ(c) alone falls ≥ 50× from a fresh critic's D ≈ 0.5 to 1e-2, and a baseline that lost less than the 100× under test cannot show a 100× restoration. No absolute floor: norms scale with the network. A seed without the premise is *premise not met* and counts neither way. On eligible seeds, ratio = final minimax norm(σ) / final minimax norm(0): ≥ 100 (the claim's figure) restores, < 10 (a decade of margin below it) fails, between decides nothing. Per σ: holds if no eligible seed fails and at least one restores, does not hold if more fail than restore, else the eligible seeds disagree. *Holds* if every σ holds, *does not hold* if any σ does not, else inconclusive.";

    private enum SeedOutcome { Restores, Fails, Undecided }

    private static SeedOutcome Judge(double ratio) => ratio >= MinRatio ? SeedOutcome.Restores : ratio < FailsBelowRatio ? SeedOutcome.Fails : SeedOutcome.Undecided;

    /// <summary>Null when the seed is eligible, else the unmet premise in words.</summary>
    public static string? UnmetPremise(NoiseTrialEnd baseline, bool hasNoisyTrial)
    {
        if (!(baseline.FinalFakeProb < VanishingGradientClaim.ConfidentBelow))
            return $"seed {baseline.Seed}: the σ = 0 critic did not end confident (final D(G(z)) {ClaimMath.F(baseline.FinalFakeProb, "G2")}, needs < {ClaimMath.F(VanishingGradientClaim.ConfidentBelow)})";
        if (!(baseline.Collapse >= MinCollapse))
            return $"seed {baseline.Seed}: the σ = 0 generator gradient never collapsed (final norm {ClaimMath.F(baseline.FinalMinimaxNorm, "G2")}, ×{ClaimMath.F(baseline.Collapse, "G2")} below its unconfident peak {ClaimMath.F(baseline.UnconfidentMinimaxNorm, "G2")}; needs ≥ ×{ClaimMath.F(MinCollapse)}, i.e. ≤ {ClaimMath.F(baseline.UnconfidentMinimaxNorm / MinCollapse, "G2")})";
        return hasNoisyTrial ? null : $"seed {baseline.Seed}: no σ > 0 trial";
    }

    public static ClaimResult Evaluate(IReadOnlyList<NoiseTrialEnd> trials)
    {
        var baseBySeed = trials.Where(t => t.Sigma == 0).GroupBy(t => t.Seed).ToDictionary(g => g.Key, g => g.First());
        var unmet = baseBySeed.Values.OrderBy(b => b.Seed).Select(b => UnmetPremise(b, trials.Any(t => t.Sigma > 0 && t.Seed == b.Seed))).Where(u => u is not null).Select(u => u!).ToList();
        var eligible = baseBySeed.Values.Where(b => UnmetPremise(b, trials.Any(t => t.Sigma > 0 && t.Seed == b.Seed)) is null).Select(b => b.Seed).OrderBy(s => s).ToList();
        var sigmas = trials.Select(t => t.Sigma).Where(s => s > 0).Distinct().OrderBy(s => s).ToList();
        var table = Table(trials, baseBySeed, eligible);
        var perSigma = sigmas.Select(sigma => (sigma, outcomes: eligible.SelectMany(seed => trials.Where(t => t.Sigma == sigma && t.Seed == seed)
            .Select(t => Judge(t.FinalMinimaxNorm / baseBySeed[seed].FinalMinimaxNorm))).ToList())).Where(x => x.outcomes.Count > 0).ToList();
        var verdicts = perSigma.Select(x => SigmaVerdict(x.outcomes)).ToList();
        string premiseText = unmet.Count > 0 ? $" ({string.Join("; ", unmet.Select(ClaimMath.PremiseNotMet))})" : "";

        Verdict verdict;
        string reason;
        if (baseBySeed.Count == 0) { verdict = Verdict.Inconclusive; reason = ClaimMath.PremiseNotMet("no σ = 0 trials"); }
        else if (eligible.Count == 0) { verdict = Verdict.Inconclusive; reason = ClaimMath.PremiseNotMet($"no seed has a confident σ = 0 critic with a collapsed gradient and a σ > 0 trial") + premiseText; }
        else if (verdicts.Contains(Verdict.DoesNotHold)) { verdict = Verdict.DoesNotHold; reason = $"σ = {string.Join(", ", perSigma.Zip(verdicts).Where(z => z.Second == Verdict.DoesNotHold).Select(z => ClaimMath.F(z.First.sigma)))} keeps less than 10× the collapsed noiseless gradient on most of the {eligible.Count} eligible seed(s) ({string.Join(", ", eligible)})" + premiseText; }
        else if (verdicts.All(v => v == Verdict.Holds)) { verdict = Verdict.Holds; reason = $"every σ ≥ {ClaimMath.F(sigmas[0])} keeps ≥ 100× the collapsed noiseless gradient on the {eligible.Count} eligible seed(s) ({string.Join(", ", eligible)})" + premiseText; }
        else { verdict = Verdict.Inconclusive; reason = $"the eligible seeds ({string.Join(", ", eligible)}) disagree or fall between 10× and 100×" + premiseText; }
        string rule = Rule + " " + FakeConfidence.Describe(FakeConfidence.Common(trials.Select(t => t.Source)));
        return new ClaimResult(2, "Instance noise restores the gradient", Statement, rule, verdict, reason, [string.Join("\n", table)]);
    }

    private static Verdict SigmaVerdict(IReadOnlyList<SeedOutcome> outcomes)
    {
        int restores = outcomes.Count(o => o == SeedOutcome.Restores), fails = outcomes.Count(o => o == SeedOutcome.Fails);
        return fails > restores ? Verdict.DoesNotHold : fails == 0 && restores == outcomes.Count ? Verdict.Holds : Verdict.Inconclusive;
    }

    private static List<string> Table(IReadOnlyList<NoiseTrialEnd> trials, IReadOnlyDictionary<int, NoiseTrialEnd> baseBySeed, IReadOnlyList<int> eligible)
    {
        var table = new List<string>
        {
            "| σ | seeds | final D(G(z)) per seed | final minimax ‖∇θG‖ per seed | σ = 0 collapse (peak/final) per seed | ratio to σ = 0 per eligible seed | log10 ratio, mean ± 95% CI | eligible seeds ≥ 100× |",
            "|---:|---:|---|---|---|---|---:|---:|",
        };
        foreach (var sigma in trials.Select(t => t.Sigma).Distinct().OrderBy(s => s))
        {
            var rows = trials.Where(t => t.Sigma == sigma).OrderBy(t => t.Seed).ToList();
            var ratios = sigma == 0 ? [] : eligible.SelectMany(seed => rows.Where(r => r.Seed == seed).Select(r => r.FinalMinimaxNorm / baseBySeed[seed].FinalMinimaxNorm)).ToList();
            string collapse = sigma == 0 ? string.Join(", ", rows.Select(r => $"{r.Seed}: ×{ClaimMath.F(r.Collapse, "G2")}{(eligible.Contains(r.Seed) ? "" : " (not eligible)")}")) : "-";
            table.Add($"| {ClaimMath.F(sigma)} | {rows.Count} | {string.Join(", ", rows.Select(r => $"{r.Seed}: {ClaimMath.F(r.FinalFakeProb, "G2")}"))} | {string.Join(", ", rows.Select(r => $"{r.Seed}: {ClaimMath.F(r.FinalMinimaxNorm, "G2")}"))} | {collapse} | " +
                      $"{(sigma == 0 ? "-" : string.Join(", ", ratios.Select(r => "×" + ClaimMath.F(r, "G2"))))} | {(sigma == 0 ? "-" : ClaimMath.MeanCi(ratios.Where(r => r > 0).Select(Math.Log10).ToList()))} | {(sigma == 0 ? "-" : $"{ratios.Count(r => r >= MinRatio)}/{ratios.Count}")} |");
        }
        table.Add("");
        table.Add("An independent implementation (ring8, hidden 128, one seed, 4,000 critic steps; not the calibration seeds), final norms: σ 0 → 4e-7, 0.05 → 1.1, 0.2 → 2.4, 0.5 → 2.3.");
        return table;
    }
}
