namespace GanBench.Core.Claims;

/// <summary>The final checkpoint of one frozen_generator trial with instance noise <paramref name="Sigma"/>.</summary>
public sealed record NoiseTrialEnd(double Sigma, int Seed, double FinalMinimaxNorm, double FinalFakeProb);

/// <summary>
/// Claim 2 (Arjovsky &amp; Bottou 2017, §3): instance noise in both critic inputs keeps the
/// minimax generator gradient alive where the noiseless critic has made it vanish.
/// </summary>
public static class InstanceNoiseClaim
{
    public const double MinRatio = 100;

    public const string Statement = "Adding N(0, σ²) noise to both critic inputs (training and measurement) restores the minimax generator gradient: on seeds where the noiseless critic becomes confident, the final ‖∇θG‖ with σ ≥ 0.05 is at least 100× the σ = 0 one (Arjovsky & Bottou 2017, §3).";

    public const string Rule = "Seeds count where the σ = 0 critic ends confident (final mean D(G(z)) < 1e-2). For each σ > 0 and counted seed, ratio = final minimax norm(σ) / final minimax norm(0). *Holds* if every ratio is ≥ 100; *does not hold* if for some σ the ratio is < 100 on at least half of the counted seeds; *inconclusive* otherwise, or when no seed counts.";

    public static ClaimResult Evaluate(IReadOnlyList<NoiseTrialEnd> trials)
    {
        var baseBySeed = trials.Where(t => t.Sigma == 0).ToDictionary(t => t.Seed);
        var eligible = baseBySeed.Values.Where(t => t.FinalFakeProb < VanishingGradientClaim.ConfidentBelow && t.FinalMinimaxNorm > 0).Select(t => t.Seed).OrderBy(s => s).ToList();
        var sigmas = trials.Select(t => t.Sigma).Where(s => s > 0).Distinct().OrderBy(s => s).ToList();
        var table = new List<string>
        {
            "| σ | seeds | final D(G(z)) per seed | final minimax ‖∇θG‖ per seed | ratio to σ = 0 per counted seed | log10 ratio, mean ± 95% CI | seeds ≥ 100× |",
            "|---:|---:|---|---|---|---:|---:|",
        };
        var verdicts = new List<Verdict>();
        foreach (var sigma in trials.Select(t => t.Sigma).Distinct().OrderBy(s => s))
        {
            var rows = trials.Where(t => t.Sigma == sigma).OrderBy(t => t.Seed).ToList();
            var ratios = new List<double>();
            foreach (var seed in eligible)
                if (sigma > 0 && rows.FirstOrDefault(r => r.Seed == seed) is { } r)
                    ratios.Add(r.FinalMinimaxNorm / baseBySeed[seed].FinalMinimaxNorm);
            int passing = ratios.Count(r => r >= MinRatio);
            if (sigma > 0 && ratios.Count > 0)
                verdicts.Add(passing == ratios.Count ? Verdict.Holds : passing * 2 <= ratios.Count ? Verdict.DoesNotHold : Verdict.Inconclusive);
            table.Add($"| {ClaimMath.F(sigma)} | {rows.Count} | {string.Join(", ", rows.Select(r => $"{r.Seed}: {ClaimMath.F(r.FinalFakeProb, "G2")}"))} | {string.Join(", ", rows.Select(r => $"{r.Seed}: {ClaimMath.F(r.FinalMinimaxNorm, "G2")}"))} | " +
                      $"{(sigma == 0 ? "-" : string.Join(", ", ratios.Select(r => "×" + ClaimMath.F(r, "G2"))))} | {(sigma == 0 ? "-" : ClaimMath.MeanCi(ratios.Where(r => r > 0).Select(Math.Log10).ToList()))} | {(sigma == 0 ? "-" : $"{passing}/{ratios.Count}")} |");
        }
        table.Add("");
        table.Add("Calibration (independent implementation, ring8, hidden 128, one seed, 4,000 critic steps), final norms: σ 0 → 4e-7, 0.05 → 1.1, 0.2 → 2.4, 0.5 → 2.3.");

        Verdict verdict;
        string reason;
        if (!baseBySeed.Any()) { verdict = Verdict.Inconclusive; reason = "no σ = 0 trials"; }
        else if (eligible.Count == 0) { verdict = Verdict.Inconclusive; reason = $"the σ = 0 critic did not end confident on any seed (final D(G(z)): {string.Join(", ", baseBySeed.Values.OrderBy(t => t.Seed).Select(t => ClaimMath.F(t.FinalFakeProb, "G2")))})"; }
        else if (sigmas.Count == 0 || verdicts.Count == 0) { verdict = Verdict.Inconclusive; reason = "no σ > 0 trials on the counted seeds"; }
        else if (verdicts.Contains(Verdict.DoesNotHold)) { verdict = Verdict.DoesNotHold; reason = $"some σ keeps less than 100× the noiseless gradient on most of the {eligible.Count} counted seed(s)"; }
        else if (verdicts.All(v => v == Verdict.Holds)) { verdict = Verdict.Holds; reason = $"every σ ≥ {ClaimMath.F(sigmas[0])} keeps ≥ 100× the noiseless gradient on all {eligible.Count} counted seed(s) ({string.Join(", ", eligible)})"; }
        else { verdict = Verdict.Inconclusive; reason = "the seeds disagree"; }
        return new ClaimResult(2, "Instance noise restores the gradient", Statement, Rule, verdict, reason, [string.Join("\n", table)]);
    }
}
