using GanBench.Core.Claims;
using GanBench.Core.Results;

namespace GanBench.Core.Tests.Claims;

/// <summary>Claim 1's four outcomes, and which statistic of D(G(z)) judges confidence.</summary>
public class Claim1PremiseTests
{
    /// <summary>D(G(z)) falls log-linearly from 0.5 to 10^-endDecades over 20 checkpoints.</summary>
    private static FrozenSeries Series(int seed, double endDecades, Func<double, double> minimax, Func<double, double> ns) =>
        new(seed, Enumerable.Range(0, 20).Select(i =>
        {
            double d = 0.5 * Math.Pow(10, -(endDecades + Math.Log10(2)) * i / 19);
            return new FrozenCheckpoint(i * 100, d, minimax(d), ns(d));
        }).ToList());

    private static FrozenSeries NeverConfident(int seed) =>
        new(seed, Enumerable.Range(0, 10).Select(i => new FrozenCheckpoint(i, 0.4 - 0.03 * i, Math.Pow(10, -i), 1)).ToList());

    [Fact]
    public void Holds_when_the_minimax_norm_follows_the_chain_factor()
    {
        var r = VanishingGradientClaim.Evaluate([Series(0, 6, d => 2 * d, d => 2), Series(1, 6, d => 2 * d, d => 2)]);
        Assert.Equal(Verdict.Holds, r.Verdict);
    }

    [Fact]
    public void Does_not_hold_when_a_confident_critic_leaves_the_minimax_norm_flat()
    {
        var r = VanishingGradientClaim.Evaluate([Series(0, 6, d => 1, d => 1), Series(1, 6, d => 1, d => 1)]);
        Assert.Equal(Verdict.DoesNotHold, r.Verdict);
        Assert.DoesNotContain("premise not met: seed", r.Reason);
    }

    [Fact]
    public void Inconclusive_not_premise_when_the_confident_range_is_too_short()
    {
        var shortRange = new FrozenSeries(0, Enumerable.Range(0, 6).Select(i => new FrozenCheckpoint(i, 9e-3 - i * 1e-3, 1 - 0.05 * i, 1)).ToList());
        var seed = VanishingGradientClaim.EvaluateSeed(shortRange);
        Assert.Equal(Verdict.Inconclusive, seed.Verdict);
        Assert.True(seed.PremiseMet);
        Assert.Contains("spans only", seed.Reason);
    }

    [Fact]
    public void Premise_not_met_names_the_seed_and_the_missing_confidence()
    {
        var seed = VanishingGradientClaim.EvaluateSeed(NeverConfident(7));
        Assert.Equal(Verdict.Inconclusive, seed.Verdict);
        Assert.False(seed.PremiseMet);
        Assert.StartsWith("premise not met: seed 7: the critic never became confident", seed.Reason);
        var r = VanishingGradientClaim.Evaluate([NeverConfident(7), NeverConfident(8)]);
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("2 premise not met", r.Reason);
        Assert.Contains("seed 8: the critic never became confident", r.Reason);
    }

    [Fact]
    public void A_seed_without_the_premise_counts_neither_for_nor_against()
    {
        var holding = new[] { Series(0, 6, d => 2 * d, d => 2), Series(1, 6, d => 2 * d, d => 2) };
        Assert.Equal(Verdict.Holds, VanishingGradientClaim.Evaluate([.. holding, NeverConfident(2)]).Verdict);
        var failing = new[] { Series(0, 6, d => 1, d => 1), Series(1, 6, d => 1, d => 1) };
        Assert.Equal(Verdict.DoesNotHold, VanishingGradientClaim.Evaluate([.. failing, NeverConfident(2)]).Verdict);
    }

    [Fact]
    public void Confidence_is_the_larger_of_mean_and_90th_percentile_when_recorded_and_the_mean_only_without_that_column()
    {
        var broadShareUnsure = new Dictionary<string, double?> { [FakeConfidence.MeanColumn] = 1e-4, [FakeConfidence.QuantileColumn] = 0.3 };
        Assert.Equal((0.3, ConfidenceSource.MeanAndUpperQuantile), FakeConfidence.Of(broadShareUnsure));
        var thinTailUnsure = new Dictionary<string, double?> { [FakeConfidence.MeanColumn] = 0.01, [FakeConfidence.QuantileColumn] = 7e-8 };
        Assert.Equal((0.01, ConfidenceSource.MeanAndUpperQuantile), FakeConfidence.Of(thinTailUnsure));
        var emptyMeanCell = new Dictionary<string, double?> { [FakeConfidence.MeanColumn] = null, [FakeConfidence.QuantileColumn] = 1e-4 };
        Assert.True(double.IsNaN(FakeConfidence.Of(emptyMeanCell).Value));
        var emptyQuantileCell = new Dictionary<string, double?> { [FakeConfidence.MeanColumn] = 1e-4, [FakeConfidence.QuantileColumn] = null };
        Assert.True(double.IsNaN(FakeConfidence.Of(emptyQuantileCell).Value));
        var meanOnly = new Dictionary<string, double?> { [FakeConfidence.MeanColumn] = 1e-4 };
        Assert.Equal((1e-4, ConfidenceSource.Mean), FakeConfidence.Of(meanOnly));
    }

    [Fact]
    public void A_small_mean_with_an_unconfident_tail_is_not_a_confident_critic()
    {
        var curve = Enumerable.Range(0, 10).Select(i => new CurvePoint("t", i, new Dictionary<string, double?>
        {
            [FakeConfidence.MeanColumn] = Math.Pow(10, -i), [FakeConfidence.QuantileColumn] = 0.4,
            ["g_grad_norm_minimax"] = Math.Pow(10, -i), ["g_grad_norm_ns"] = 1,
        })).ToList();
        var series = ClaimsEvaluator.Frozen(0, curve);
        Assert.Equal(ConfidenceSource.MeanAndUpperQuantile, series.Source);
        Assert.False(VanishingGradientClaim.EvaluateSeed(series).PremiseMet);
        Assert.Contains("90th percentile", VanishingGradientClaim.Evaluate([series]).Rule);
        var meanOnly = ClaimsEvaluator.Frozen(0, curve.Select(c => c with { Metrics = c.Metrics.Where(m => m.Key != FakeConfidence.QuantileColumn).ToDictionary() }).ToList());
        Assert.Contains("judged by the mean D(G(z))", VanishingGradientClaim.Evaluate([meanOnly]).Rule);
    }

    /// <summary>Verdict seed 2 of 2026-12-01: the 90th percentile fell to 7e-8 while a thin tail kept the mean at 0.003 to 0.03
    /// and the minimax norm flat. Judged by the percentile alone the seed counted against the claim; judged by the larger of
    /// the two, D(G(z)) spans half a decade, too little to decide anything.</summary>
    [Fact]
    public void A_thin_unsure_tail_under_a_small_90th_percentile_does_not_count_against_the_claim()
    {
        var curve = Enumerable.Range(0, 10).Select(i => new CurvePoint("t", i, new Dictionary<string, double?>
        {
            [FakeConfidence.MeanColumn] = 0.03 - 0.003 * i, [FakeConfidence.QuantileColumn] = Math.Pow(10, -i - 1),
            ["g_grad_norm_minimax"] = 4.7, ["g_grad_norm_ns"] = 1 + i,
        })).ToList();
        var series = ClaimsEvaluator.Frozen(2, curve);
        Assert.Equal(Verdict.Inconclusive, VanishingGradientClaim.EvaluateSeed(series).Verdict);
        var percentileOnly = series with { Points = series.Points.Select((p, i) => p with { FakeProb = Math.Pow(10, -i - 1) }).ToList() };
        Assert.Equal(Verdict.DoesNotHold, VanishingGradientClaim.EvaluateSeed(percentileOnly).Verdict);
    }
}
