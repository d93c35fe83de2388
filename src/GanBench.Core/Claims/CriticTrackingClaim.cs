namespace GanBench.Core.Claims;

/// <summary>One trial's evaluations: the critic gap E D(real) − E D(fake) and the exact W1, in step order.</summary>
/// <param name="Refit">The gap is a refit critic's (eval.critic_refit: a fresh critic trained against the frozen
/// generator at each evaluation), not the training critic's, which lags the generator.</param>
public sealed record TrackingSeries(string Arm, bool Penalised, int Seed, IReadOnlyList<double> CriticEstimate, IReadOnlyList<double> W1, bool Refit = false)
{
    /// <summary>critic_refit_gap when the trial recorded it at every evaluation, else critic_w_estimate.</summary>
    public static TrackingSeries From(string arm, bool penalised, int seed, IReadOnlyList<IReadOnlyDictionary<string, double?>> evaluations)
    {
        static double Get(IReadOnlyDictionary<string, double?> m, string key) => m.GetValueOrDefault(key) is double d ? d : double.NaN;
        var withW1 = evaluations.Where(m => double.IsFinite(Get(m, W1Column))).ToList();
        bool refit = withW1.Count > 0 && withW1.All(m => double.IsFinite(Get(m, RefitColumn)));
        string estimate = refit ? RefitColumn : TrainingColumn;
        var used = withW1.Where(m => double.IsFinite(Get(m, estimate))).ToList();
        return new TrackingSeries(arm, penalised, seed, used.Select(m => Get(m, estimate)).ToList(), used.Select(m => Get(m, W1Column)).ToList(), refit);
    }

    public const string RefitColumn = "critic_refit_gap", TrainingColumn = "critic_w_estimate", W1Column = "w1_exact";
}

/// <summary>Claim 5 (WGAN, Arjovsky et al. 2017, Fig. 3/4): the critic's estimate tracks W1 over training.</summary>
public static class CriticTrackingClaim
{
    /// <summary>
    /// "Tracks": r ≥ 0.8, the gap explains most (r² ≥ 0.64) of W1's variation. "Does not track":
    /// r below 0.5, under a quarter of it. Between the two, a 0.3 margin in r, decides nothing.
    /// </summary>
    public const double MinCorrelation = 0.8, NoTrackingBelow = 0.5;

    public const int MinPoints = 4;

    /// <summary>
    /// Tracking over training needs W1 to move: its range must be at least half its largest value
    /// (W1 at least halves or doubles), otherwise a correlation measures evaluation noise.
    /// </summary>
    public const double MinW1RelativeRange = 0.5;

    public const string Statement = "A Wasserstein critic's gap E D(real) − E D(fake) tracks the Earth-Mover distance between the generated and real samples over training, so the critic loss is a meaningful training curve — for a gradient-penalty critic and for a clipped one (whose Lipschitz constant, hence scale, is unknown; correlation ignores scale).";

    public const string Rule = "The critic's estimate is critic_refit_gap, the gap of a fresh critic trained under the arm's own constraint against the frozen generator at each evaluation (eval.critic_refit; WGAN's Fig. 3/4 trains the critic close to optimality before reading it), or, in a results folder without it, the training critic's critic_w_estimate, which lags the generator (the table says which). Premise, per trial: ≥ 4 evaluations with both values, and W1 moves over training (its range is ≥ half its largest value, so it at least halves or doubles; on a flat W1 a correlation measures evaluation noise); a trial without it is *premise not met* and counts neither way. Per counted trial, the Spearman rank correlation ρ between the estimate and w1_exact: by rank because a clipped critic's estimate is W1 up to an unknown scale (Pearson r is reported beside it). Per arm, the mean ρ over counted seeds with its 95% t interval: the arm *tracks* if the lower end is ≥ 0.8 (ρ² ≥ 0.64: the gap's ranks explain most of W1's), *does not track* if the upper end is < 0.5 (ρ² < 0.25), a margin of 0.3 between the two; one seed decides only if the arm has a single trial, reported as such. Overall: holds if every counted arm tracks, does not hold if none does, else inconclusive. The GP − clip difference in ρ is reported with its Welch interval.";

    /// <summary>Null when the trial can be judged, else the unmet premise in words.</summary>
    public static string? UnmetPremise(TrackingSeries t)
    {
        int n = Math.Min(t.CriticEstimate.Count, t.W1.Count);
        if (n < MinPoints) return $"{t.Arm} seed {t.Seed}: {n} evaluation(s), needs ≥ {MinPoints}";
        var w1 = t.W1.Take(n).ToList();
        double max = w1.Max(), range = max - w1.Min();
        return max > 0 && range >= MinW1RelativeRange * max ? null
            : $"{t.Arm} seed {t.Seed}: W1 barely moved over training ({ClaimMath.F(w1.Min())} to {ClaimMath.F(max)}; its range must be ≥ {ClaimMath.F(MinW1RelativeRange * 100)}% of its largest value)";
    }

    private static double? Correlation(TrackingSeries t) => Correlate(t, ClaimMath.Spearman);

    private static double? Correlate(TrackingSeries t, Func<IReadOnlyList<double>, IReadOnlyList<double>, double?> correlation)
    {
        int n = Math.Min(t.CriticEstimate.Count, t.W1.Count);
        return UnmetPremise(t) is null ? correlation(t.CriticEstimate.Take(n).ToList(), t.W1.Take(n).ToList()) : null;
    }

    /// <summary>An arm's verdict from its counted seeds' r; null when no seed met the premise.</summary>
    public static Verdict? JudgeArm(IReadOnlyList<double> rs, int trials)
    {
        var stats = Results.ArmStatistics.Describe(rs);
        if (stats.Mean is not double m) return null;
        if (stats.Ci95HalfWidth is double h) return m - h >= MinCorrelation ? Verdict.Holds : m + h < NoTrackingBelow ? Verdict.DoesNotHold : Verdict.Inconclusive;
        if (rs.Count != 1 || trials != 1) return Verdict.Inconclusive;
        return m >= MinCorrelation ? Verdict.Holds : m < NoTrackingBelow ? Verdict.DoesNotHold : Verdict.Inconclusive;
    }

    public static ClaimResult Evaluate(IReadOnlyList<TrackingSeries> trials)
    {
        var table = new List<string> { "| arm | estimate | ρ (Pearson r) per seed | mean ρ ± 95% CI | tracks W1 |", "|---|---|---|---:|---|" };
        var arms = trials.GroupBy(t => t.Arm).OrderBy(g => g.First().Penalised ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var rByArm = arms.ToDictionary(g => g.Key, g => g.OrderBy(t => t.Seed).Select(Correlation).OfType<double>().ToList());
        var verdicts = arms.Select(g => (Arm: g.Key, Verdict: JudgeArm(rByArm[g.Key], g.Count()))).ToList();
        foreach (var (g, v) in arms.Zip(verdicts))
            table.Add($"| {g.Key} | {(g.All(t => t.Refit) ? "refit critic" : g.Any(t => t.Refit) ? "mixed" : "training critic")} | {string.Join(", ", g.OrderBy(t => t.Seed).Select(t => $"{t.Seed}: {(UnmetPremise(t) is null ? $"{ClaimMath.F(Correlation(t), "F2")} ({ClaimMath.F(Correlate(t, ClaimMath.Pearson), "F2")})" : "premise not met")}"))} | {ClaimMath.MeanCi(rByArm[g.Key], "F2")} | {Text(v.Verdict)} |");
        var gp = arms.Where(g => g.First().Penalised).SelectMany(g => rByArm[g.Key]).ToList();
        foreach (var clip in arms.Where(g => !g.First().Penalised).OrderBy(g => g.Key, StringComparer.Ordinal))
            if (ClaimMath.WelchDifference(rByArm[clip.Key], gp) is { } w)
                table.Add($"\nρ(GP) − ρ({clip.Key}): {ClaimMath.F(w.Diff, "F2")} [{ClaimMath.F(w.Low, "F2")}, {ClaimMath.F(w.High, "F2")}]");

        var unmet = trials.OrderBy(t => t.Arm, StringComparer.Ordinal).ThenBy(t => t.Seed).Select(UnmetPremise).OfType<string>().ToList();
        var counted = verdicts.Where(v => v.Verdict is not null).Select(v => v.Verdict!.Value).ToList();
        Verdict verdict = counted.Count == 0 ? Verdict.Inconclusive
            : counted.All(v => v == Verdict.Holds) ? Verdict.Holds
            : counted.All(v => v == Verdict.DoesNotHold) ? Verdict.DoesNotHold
            : Verdict.Inconclusive;
        string premiseText = unmet.Count > 0 ? $" ({string.Join("; ", unmet.Select(ClaimMath.PremiseNotMet))})" : "";
        string reason = trials.Count == 0 ? ClaimMath.PremiseNotMet("no trials found")
            : counted.Count == 0 ? ClaimMath.PremiseNotMet("no trial has ≥ 4 evaluations with a W1 that moves") + premiseText
            : string.Join("; ", verdicts.Select(v => $"{v.Arm}: {Text(v.Verdict)}")) + premiseText;
        return new ClaimResult(5, "The critic tracks the Wasserstein distance", Statement, Rule, verdict, reason, [string.Join("\n", table)]);
    }

    private static string Text(Verdict? v) => v switch
    {
        Verdict.Holds => "tracks",
        Verdict.DoesNotHold => "does not track",
        Verdict.Inconclusive => "undecided",
        _ => "premise not met",
    };
}
