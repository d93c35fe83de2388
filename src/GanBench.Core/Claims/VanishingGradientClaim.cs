namespace GanBench.Core.Claims;

/// <summary>
/// One checkpoint of the frozen_generator protocol; <paramref name="FakeProb"/> is the critic's
/// confidence on fakes as read by <see cref="FakeConfidence.Of"/>.
/// </summary>
public sealed record FrozenCheckpoint(int Step, double FakeProb, double MinimaxNorm, double NsNorm);

/// <summary>All checkpoints of one trial (one seed, one arm), in step order, and which statistic of D(G(z)) FakeProb is.</summary>
public sealed record FrozenSeries(int Seed, IReadOnlyList<FrozenCheckpoint> Points, ConfidenceSource Source = ConfidenceSource.Mean);

/// <summary>What the claim 1 rule found on one seed.</summary>
public sealed record VanishingSeedResult(int Seed, Verdict Verdict, string Reason, double MinFakeProb, int ConfidentPoints,
    double? ConfidentDecades, double? Slope, double? MinimaxDrop, double? NsChange, double? NsGrowth, double? NsCv)
{
    /// <summary>False when the seed never met the claim's premise (a confident critic); it then counts neither way.</summary>
    public bool PremiseMet { get; init; } = true;
}

/// <summary>
/// Claim 1 (Arjovsky &amp; Bottou 2017, Fig. 2): the minimax generator gradient vanishes as the
/// critic becomes confident, the non-saturating one does not.
/// </summary>
public static class VanishingGradientClaim
{
    public const double ConfidentBelow = 1e-2;
    public const int MinConfidentPoints = 3;
    public const double SlopeLow = 0.5, SlopeHigh = 2.0, MinDrop = 100, NsFallsBy = 10, MinDecades = 1;

    public const string Statement = "With the generator frozen and a fresh critic trained with the minimax loss, ‖∇θG‖ of the minimax generator loss log(1 − D(G(z))) vanishes as the critic becomes confident (its chain factor is σ(c) = D(G(z))), while that of the non-saturating loss −log D(G(z)) does not (Arjovsky & Bottou 2017, Fig. 2 and 3).";

    public const string Rule = "Premise, per seed: the critic is confident, D(G(z)) < 1e-2 on at least 3 checkpoints; a seed without it is reported as *premise not met* and counts neither way. Thresholds come from the claim's chain factor σ(c) = D(G(z)), which predicts a log-log slope of 1, with a factor-2 margin each side; 100× is two decades of collapse, 10× the most the non-saturating norm may fall. Over the confident checkpoints: *holds* if the minimax norm falls with D(G(z)) — log-log slope of norm on D(G(z)) in [0.5, 2] while D(G(z)) spans ≥ 1 decade, or a ≥ 100× drop from the first to the last confident checkpoint — and the non-saturating norm does not fall by 10× or more; *inconclusive* if the confident range is shorter than a decade without a 100× drop; *does not hold* otherwise. Across seeds: does not hold if more seeds fail than hold, holds if ≥ 2 seeds hold and none fails, else inconclusive.";

    public static VanishingSeedResult EvaluateSeed(FrozenSeries series)
    {
        var pts = series.Points.Where(p => double.IsFinite(p.FakeProb) && double.IsFinite(p.MinimaxNorm) && double.IsFinite(p.NsNorm)).OrderBy(p => p.Step).ToList();
        if (pts.Count == 0)
            return new VanishingSeedResult(series.Seed, Verdict.Inconclusive, ClaimMath.PremiseNotMet($"seed {series.Seed}: no finite checkpoints"), double.NaN, 0, null, null, null, null, null, null) { PremiseMet = false };
        double minFake = pts.Min(p => p.FakeProb);
        double? nsGrowth = pts[0].NsNorm > 0 ? pts[^1].NsNorm / pts[0].NsNorm : null;
        var confident = pts.Where(p => p.FakeProb < ConfidentBelow && p.FakeProb > 0 && p.MinimaxNorm > 0 && p.NsNorm > 0).ToList();
        if (confident.Count < MinConfidentPoints)
            return new VanishingSeedResult(series.Seed, Verdict.Inconclusive,
                ClaimMath.PremiseNotMet($"seed {series.Seed}: the critic never became confident ({confident.Count} checkpoint(s) with D(G(z)) < {ClaimMath.F(ConfidentBelow)}, needs {MinConfidentPoints}; lowest {ClaimMath.F(minFake)})"),
                minFake, confident.Count, null, null, null, null, nsGrowth, null) { PremiseMet = false };

        var logFake = confident.Select(p => Math.Log10(p.FakeProb)).ToList();
        var logMm = confident.Select(p => Math.Log10(p.MinimaxNorm)).ToList();
        double decades = logFake.Max() - logFake.Min();
        double? slope = ClaimMath.Slope(logFake, logMm);
        double drop = confident[0].MinimaxNorm / confident[^1].MinimaxNorm;
        double nsChange = confident[^1].NsNorm / confident[0].NsNorm;
        double nsMean = confident.Average(p => p.NsNorm);
        double nsCv = Math.Sqrt(confident.Sum(p => (p.NsNorm - nsMean) * (p.NsNorm - nsMean)) / Math.Max(1, confident.Count - 1)) / nsMean;

        bool slopeOk = decades >= MinDecades && slope is double s && s >= SlopeLow && s <= SlopeHigh;
        bool mmFalls = slopeOk || drop >= MinDrop;
        bool nsFalls = nsChange <= 1 / NsFallsBy;
        Verdict verdict;
        string reason;
        if (mmFalls && !nsFalls)
        {
            verdict = Verdict.Holds;
            reason = $"minimax norm falls with D(G(z)) (slope {ClaimMath.F(slope)}, drop ×{ClaimMath.F(drop)}), non-saturating norm changes ×{ClaimMath.F(nsChange)}";
        }
        else if (!mmFalls && decades < MinDecades)
        {
            verdict = Verdict.Inconclusive;
            reason = $"confident range spans only {ClaimMath.F(decades)} decade(s) of D(G(z)) and the minimax norm dropped ×{ClaimMath.F(drop)}";
        }
        else
        {
            verdict = Verdict.DoesNotHold;
            reason = !mmFalls
                ? $"minimax norm does not follow D(G(z)): slope {ClaimMath.F(slope)} over {ClaimMath.F(decades)} decades, drop ×{ClaimMath.F(drop)}"
                : $"the non-saturating norm falls too (×{ClaimMath.F(nsChange)})";
        }
        return new VanishingSeedResult(series.Seed, verdict, reason, minFake, confident.Count, decades, slope, drop, nsChange, nsGrowth, nsCv);
    }

    public static ClaimResult Evaluate(IReadOnlyList<FrozenSeries> seeds, string context = "")
    {
        var results = seeds.OrderBy(s => s.Seed).Select(EvaluateSeed).ToList();
        var verdict = results.Count == 0 ? Verdict.Inconclusive : ClaimMath.Combine(results.Select(r => r.Verdict).ToList());
        var unmet = results.Where(r => !r.PremiseMet).ToList();
        string reason = results.Count == 0
            ? "no trials found"
            : $"{results.Count(r => r.Verdict == Verdict.Holds)} of {results.Count} seeds hold, {results.Count(r => r.Verdict == Verdict.DoesNotHold)} do not, {results.Count(r => r.Verdict == Verdict.Inconclusive && r.PremiseMet)} inconclusive, {unmet.Count} premise not met"
              + (unmet.Count > 0 ? $" ({string.Join("; ", unmet.Select(r => r.Reason))})" : "");
        var table = new List<string>
        {
            "| seed | lowest D(G(z)) | confident checkpoints | decades of D(G(z)) | log-log slope | minimax drop (first→last confident) | NS change (confident) | NS growth (step 0→end) | NS CV (confident) | verdict |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        };
        foreach (var r in results)
            table.Add($"| {r.Seed} | {ClaimMath.F(r.MinFakeProb)} | {r.ConfidentPoints} | {ClaimMath.F(r.ConfidentDecades)} | {ClaimMath.F(r.Slope)} | ×{ClaimMath.F(r.MinimaxDrop)} | ×{ClaimMath.F(r.NsChange)} | ×{ClaimMath.F(r.NsGrowth)} | {ClaimMath.F(r.NsCv)} | {ClaimResult.Text(r.Verdict)}: {r.Reason} |");
        table.Add("");
        table.Add("Chain-factor check, all checkpoints: ratio of the minimax to the non-saturating norm (per sample the two gradients differ by σ(c)/(1 − σ(c)), so the ratio should fall with D(G(z))):");
        table.Add("");
        foreach (var s in seeds.OrderBy(s => s.Seed))
        {
            var pts = s.Points.Where(p => p.NsNorm > 0).OrderBy(p => p.Step).ToList();
            if (pts.Count < 2) continue;
            table.Add($"- seed {s.Seed}: D(G(z)) {ClaimMath.F(pts[0].FakeProb, "G2")} → {ClaimMath.F(pts[^1].FakeProb, "G2")}, minimax/NS {ClaimMath.F(pts[0].MinimaxNorm / pts[0].NsNorm, "G2")} → {ClaimMath.F(pts[^1].MinimaxNorm / pts[^1].NsNorm, "G2")}");
        }
        var held = results.Where(r => r.Slope is not null).Select(r => r.Slope!.Value).ToList();
        var growth = results.Where(r => r.NsGrowth is > 0).Select(r => Math.Log10(r.NsGrowth!.Value)).ToList();
        table.Add("");
        table.Add($"Log-log slope over seeds with a confident critic: {ClaimMath.MeanCi(held)}. NS norm growth, log10 over all seeds: {ClaimMath.MeanCi(growth)} (an independent implementation: ×300 to ×5,700, and a minimax peak-to-final ratio of 1.4e6, 1.1 and 52 on three seeds).");
        var series = new List<string> { "", "Checkpoints (step: D(G(z)) / minimax ‖∇θG‖ / NS ‖∇θG‖):", "" };
        foreach (var s in seeds.OrderBy(s => s.Seed))
            series.Add($"- seed {s.Seed}: " + string.Join("; ", s.Points.OrderBy(p => p.Step).Select(p => $"{p.Step}: {ClaimMath.F(p.FakeProb, "G2")} / {ClaimMath.F(p.MinimaxNorm, "G2")} / {ClaimMath.F(p.NsNorm, "G2")}")));
        table.AddRange(series);
        string rule = Rule + " " + FakeConfidence.Describe(FakeConfidence.Common(seeds.Select(s => s.Source)));
        return new ClaimResult(1, "Vanishing gradient of the minimax loss" + context, Statement, rule, verdict, reason, [string.Join("\n", table)]);
    }
}
