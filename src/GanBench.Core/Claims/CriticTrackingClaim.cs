namespace GanBench.Core.Claims;

/// <summary>One trial's evaluations: the critic gap E D(real) − E D(fake) and the exact W1, in step order.</summary>
public sealed record TrackingSeries(string Arm, bool Penalised, int Seed, IReadOnlyList<double> CriticEstimate, IReadOnlyList<double> W1);

/// <summary>Claim 5 (WGAN, Arjovsky et al. 2017, Fig. 3/4): the critic's estimate tracks W1 over training.</summary>
public static class CriticTrackingClaim
{
    public const double MinCorrelation = 0.8;
    public const int MinPoints = 4;

    public const string Statement = "A Wasserstein critic's gap E D(real) − E D(fake) tracks the Earth-Mover distance between the generated and real samples over training, so the critic loss is a meaningful training curve — for a gradient-penalty critic and for a clipped one (whose Lipschitz constant, hence scale, is unknown; correlation ignores scale).";

    public const string Rule = "Per trial, the Pearson correlation r between critic_w_estimate and w1_exact over the evaluations (≥ 4). Per arm, the mean r over seeds with its 95% t interval: the arm *tracks* if the lower end is ≥ 0.8, *does not track* if the upper end is < 0.8 (one seed: its r decides only if the arm has a single seed, reported as such). Overall: holds if every arm tracks, does not hold if none does, else inconclusive. The GP − clip difference in r is reported with its Welch interval.";

    public static ClaimResult Evaluate(IReadOnlyList<TrackingSeries> trials)
    {
        var table = new List<string>
        {
            "| arm | r per seed | mean r ± 95% CI | tracks W1 |",
            "|---|---|---:|---|",
        };
        var verdicts = new List<Verdict>();
        var rByArm = new Dictionary<string, List<double>>();
        foreach (var arm in trials.GroupBy(t => t.Arm).OrderBy(g => g.First().Penalised ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var rs = new List<double>();
            var perSeed = new List<string>();
            foreach (var t in arm.OrderBy(t => t.Seed))
            {
                var n = Math.Min(t.CriticEstimate.Count, t.W1.Count);
                double? r = n >= MinPoints ? ClaimMath.Pearson(t.CriticEstimate.Take(n).ToList(), t.W1.Take(n).ToList()) : null;
                if (r is double rv) rs.Add(rv);
                perSeed.Add($"{t.Seed}: {ClaimMath.F(r, "F2")}");
            }
            rByArm[arm.Key] = rs;
            var stats = Results.ArmStatistics.Describe(rs);
            Verdict v;
            if (stats.Mean is not double m) v = Verdict.Inconclusive;
            else if (stats.Ci95HalfWidth is double h) v = m - h >= MinCorrelation ? Verdict.Holds : m + h < MinCorrelation ? Verdict.DoesNotHold : Verdict.Inconclusive;
            else v = rs.Count == 1 && arm.Count() == 1 ? (m >= MinCorrelation ? Verdict.Holds : Verdict.DoesNotHold) : Verdict.Inconclusive;
            verdicts.Add(v);
            table.Add($"| {arm.Key} | {string.Join(", ", perSeed)} | {ClaimMath.MeanCi(rs, "F2")} | {ClaimResult.Text(v)} |");
        }
        var gp = trials.Where(t => t.Penalised).Select(t => t.Arm).Distinct().SelectMany(a => rByArm[a]).ToList();
        foreach (var clipArm in trials.Where(t => !t.Penalised).Select(t => t.Arm).Distinct().OrderBy(a => a, StringComparer.Ordinal))
            if (ClaimMath.WelchDifference(rByArm[clipArm], gp) is { } w)
                table.Add($"\nr(GP) − r({clipArm}): {ClaimMath.F(w.Diff, "F2")} [{ClaimMath.F(w.Low, "F2")}, {ClaimMath.F(w.High, "F2")}]");
        Verdict verdict = verdicts.Count == 0 ? Verdict.Inconclusive
            : verdicts.All(v => v == Verdict.Holds) ? Verdict.Holds
            : verdicts.All(v => v == Verdict.DoesNotHold) ? Verdict.DoesNotHold
            : Verdict.Inconclusive;
        string reason = verdicts.Count == 0 ? "no trials found"
            : string.Join("; ", trials.GroupBy(t => t.Arm).OrderBy(g => g.First().Penalised ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal).Zip(verdicts, (g, v) => $"{g.Key}: {(v == Verdict.Holds ? "tracks" : v == Verdict.DoesNotHold ? "does not track" : "undecided")}"));
        return new ClaimResult(5, "The critic tracks the Wasserstein distance", Statement, Rule, verdict, reason, [string.Join("\n", table)]);
    }
}
