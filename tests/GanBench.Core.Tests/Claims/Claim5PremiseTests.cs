using GanBench.Core.Claims;

namespace GanBench.Core.Tests.Claims;

/// <summary>Claim 5's four outcomes; a trial whose W1 never moved is premise not met, not a vote.</summary>
public class Claim5PremiseTests
{
    private static readonly IReadOnlyList<double> FallingW1 = Enumerable.Range(0, 20).Select(i => 2.0 * Math.Exp(-i / 5.0) + 0.05).ToList();

    private static TrackingSeries Tracking(string arm, bool gp, int seed, Func<int, double> estimate, IReadOnlyList<double>? w1 = null) =>
        new(arm, gp, seed, Enumerable.Range(0, 20).Select(estimate).ToList(), w1 ?? FallingW1);

    private static IEnumerable<TrackingSeries> Arms(Func<int, int, double> gpEstimate, Func<int, int, double> clipEstimate) =>
        Enumerable.Range(0, 3).SelectMany(s => new[] { Tracking("wgan_gp", true, s, i => gpEstimate(s, i)), Tracking("wgan", false, s, i => clipEstimate(s, i)) });

    private static double Following(int s, int i) => 2.0 * Math.Exp(-i / 5.0) + 0.01 * ((i * 7 + s) % 3);
    private static double Unrelated(int s, int i) => Math.Sin(i * (1.3 + s));

    [Fact]
    public void Holds_when_every_arm_follows_w1() =>
        Assert.Equal(Verdict.Holds, CriticTrackingClaim.Evaluate(Arms(Following, (s, i) => 0.003 * Math.Exp(-i / 5.0) + 1e-5 * ((i + s) % 2)).ToList()).Verdict);

    [Fact]
    public void Does_not_hold_when_no_arm_follows_w1()
    {
        var r = CriticTrackingClaim.Evaluate(Arms(Unrelated, (s, i) => Math.Cos(i * (2.1 + s))).ToList());
        Assert.Equal(Verdict.DoesNotHold, r.Verdict);
        Assert.DoesNotContain("premise not met", r.Reason);
    }

    [Fact]
    public void Mixed_arms_or_correlations_between_the_thresholds_are_inconclusive()
    {
        Assert.Equal(Verdict.Inconclusive, CriticTrackingClaim.Evaluate(Arms(Following, (s, i) => Math.Cos(i * (2.1 + s))).ToList()).Verdict);
        Assert.Equal(Verdict.Inconclusive, CriticTrackingClaim.JudgeArm([0.6, 0.65, 0.7], 3));
        Assert.Equal(Verdict.DoesNotHold, CriticTrackingClaim.JudgeArm([0.3, 0.35, 0.4], 3));
        Assert.Equal(Verdict.Inconclusive, CriticTrackingClaim.JudgeArm([0.7], 1));
    }

    [Fact]
    public void Premise_not_met_names_what_is_missing()
    {
        var shortSeries = new TrackingSeries("wgan_gp", true, 0, [1, 2, 3], [1, 2, 3]);
        var r = CriticTrackingClaim.Evaluate([shortSeries, shortSeries with { Seed = 1 }]);
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("premise not met: wgan_gp seed 1: 3 evaluation(s), needs ≥ 4", r.Reason);
        var flatW1 = Tracking("wgan", false, 2, i => Math.Sin(i), Enumerable.Range(0, 20).Select(i => 1.0 + 0.01 * (i % 2)).ToList());
        Assert.StartsWith("wgan seed 2: W1 barely moved over training", CriticTrackingClaim.UnmetPremise(flatW1));
    }

    [Fact]
    public void A_trial_without_the_premise_counts_neither_for_nor_against()
    {
        var flat = Enumerable.Range(0, 20).Select(i => 1.0 + 0.01 * (i % 2)).ToList();
        var trials = Arms(Following, (s, i) => 0.003 * Math.Exp(-i / 5.0) + 1e-5 * ((i + s) % 2)).ToList();
        trials.Add(Tracking("wgan", false, 9, i => Math.Cos(i * 2.1), flat));
        var r = CriticTrackingClaim.Evaluate(trials);
        Assert.Equal(Verdict.Holds, r.Verdict);
        Assert.Contains("premise not met: wgan seed 9: W1 barely moved", r.Reason);
    }

    [Fact]
    public void A_clipped_critic_whose_estimate_is_w1_bent_out_of_scale_tracks_by_rank()
    {
        // A monotone but strongly non-linear estimate (as a clipped critic's unknown scale and saturation
        // give): Spearman ρ is 1, Pearson r falls below the 0.8 it would need.
        var trials = Arms(Following, (s, i) => -Math.Exp(-20.0 * FallingW1[i]) + 1e-12 * s).ToList();
        var clipped = trials.First(t => t.Arm == "wgan");
        Assert.InRange(ClaimMath.Pearson(clipped.CriticEstimate, clipped.W1)!.Value, 0.0, 0.8);
        var r = CriticTrackingClaim.Evaluate(trials);
        Assert.Equal(Verdict.Holds, r.Verdict);
        Assert.Contains("| wgan | training critic | 0: 1.00 (", r.Tables[0]);
    }

    [Theory]
    // scipy.stats.spearmanr: ties share their mean rank.
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, new[] { 1.0, 8.0, 27.0, 64.0 }, 1.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, new[] { 4.0, 3.0, 2.0, 1.0 }, -1.0)]
    [InlineData(new[] { 1.0, 2.0, 2.0, 3.0 }, new[] { 1.0, 3.0, 2.0, 4.0 }, 0.9486832980505138)]
    public void Spearman_matches_scipy(double[] x, double[] y, double expected) =>
        Assert.Equal(expected, ClaimMath.Spearman(x, y)!.Value, 12);

    [Fact]
    public void The_refit_critic_s_gap_is_used_when_every_evaluation_recorded_it()
    {
        static IReadOnlyDictionary<string, double?> Eval(double w1, double training, double? refit) =>
            new Dictionary<string, double?> { ["w1_exact"] = w1, ["critic_w_estimate"] = training, ["critic_refit_gap"] = refit };
        var withRefit = TrackingSeries.From("wgan_gp", true, 0, [Eval(2, -0.1, 1.9), Eval(1, 0.3, 1.1), Eval(0.5, 0.2, 0.4)]);
        Assert.True(withRefit.Refit);
        Assert.Equal([1.9, 1.1, 0.4], withRefit.CriticEstimate);
        var partial = TrackingSeries.From("wgan_gp", true, 0, [Eval(2, -0.1, 1.9), Eval(1, 0.3, null), Eval(0.5, 0.2, 0.4)]);
        Assert.False(partial.Refit);
        Assert.Equal([-0.1, 0.3, 0.2], partial.CriticEstimate);
        Assert.Equal([2.0, 1.0, 0.5], partial.W1);
    }
}
