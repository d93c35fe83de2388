using GanBench.Core.Claims;

namespace GanBench.Core.Tests.Claims;

/// <summary>Every claim rule on synthetic data whose answer is known.</summary>
public class ClaimVerdictTests
{
    // ---- claim 1 ----
    /// <summary>D(G(z)) falls from 0.5 to 10^-endDecades; minimax norm = nsNorm·D (the σ chain factor).</summary>
    private static FrozenSeries Series(int seed, double endDecades, Func<int, double, double> minimax, Func<int, double, double> ns, int points = 20)
    {
        var pts = new List<FrozenCheckpoint>();
        for (int i = 0; i < points; i++)
        {
            double d = 0.5 * Math.Pow(10, -(endDecades + Math.Log10(2)) * i / (points - 1));
            pts.Add(new FrozenCheckpoint(i * 100, d, minimax(i, d), ns(i, d)));
        }
        return new FrozenSeries(seed, pts);
    }

    [Fact]
    public void Claim1_decaying_minimax_with_steady_ns_holds()
    {
        var seeds = Enumerable.Range(0, 3).Select(s => Series(s, 6, (i, d) => d * 2.0, (i, d) => 2.0 + 0.1 * i)).ToList();
        var r = VanishingGradientClaim.Evaluate(seeds);
        Assert.Equal(Verdict.Holds, r.Verdict);
        var seed = VanishingGradientClaim.EvaluateSeed(seeds[0]);
        Assert.InRange(seed.Slope!.Value, 0.9, 1.1);
    }

    [Fact]
    public void Claim1_flat_minimax_norm_does_not_hold()
    {
        var seeds = Enumerable.Range(0, 3).Select(s => Series(s, 6, (i, d) => 1.0, (i, d) => 1.0)).ToList();
        Assert.Equal(Verdict.DoesNotHold, VanishingGradientClaim.Evaluate(seeds).Verdict);
    }

    [Fact]
    public void Claim1_ns_norm_falling_too_does_not_hold()
    {
        var seeds = Enumerable.Range(0, 3).Select(s => Series(s, 6, (i, d) => d, (i, d) => d)).ToList();
        var r = VanishingGradientClaim.Evaluate(seeds);
        Assert.Equal(Verdict.DoesNotHold, r.Verdict);
        Assert.Contains("non-saturating norm falls too", r.Tables[0]);
    }

    [Fact]
    public void Claim1_critic_never_confident_is_inconclusive_not_holds()
    {
        // D(G(z)) stays above 1e-2 even though the norm "decays" by step count.
        var seeds = Enumerable.Range(0, 3).Select(s => new FrozenSeries(s,
            Enumerable.Range(0, 10).Select(i => new FrozenCheckpoint(i, 0.4 - 0.03 * i, Math.Pow(10, -i), 1)).ToList())).ToList();
        var r = VanishingGradientClaim.Evaluate(seeds);
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.All(seeds, s => Assert.Equal(Verdict.Inconclusive, VanishingGradientClaim.EvaluateSeed(s).Verdict));
    }

    [Fact]
    public void Claim1_too_little_data_is_inconclusive()
    {
        Assert.Equal(Verdict.Inconclusive, VanishingGradientClaim.Evaluate([]).Verdict);
        var two = new FrozenSeries(0, [new(0, 0.5, 1, 1), new(1, 1e-3, 1e-3, 1), new(2, 1e-4, 1e-4, 1)]);
        Assert.Equal(Verdict.Inconclusive, VanishingGradientClaim.EvaluateSeed(two).Verdict);
        // Confident but within less than a decade, with a small drop: cannot tell.
        var shortRange = new FrozenSeries(0, Enumerable.Range(0, 6).Select(i => new FrozenCheckpoint(i, 9e-3 - i * 1e-3, 1 - 0.05 * i, 1)).ToList());
        Assert.Equal(Verdict.Inconclusive, VanishingGradientClaim.EvaluateSeed(shortRange).Verdict);
    }

    [Fact]
    public void Claim1_one_seed_failing_against_one_holding_is_inconclusive()
    {
        var seeds = new[] { Series(0, 6, (i, d) => d, (i, d) => 1), Series(1, 6, (i, d) => 1, (i, d) => 1), Series(2, 0.5, (i, d) => d, (i, d) => 1) };
        Assert.Equal(Verdict.Inconclusive, VanishingGradientClaim.Evaluate(seeds).Verdict);
    }

    [Fact]
    public void Report_lists_every_verdict_with_its_rule()
    {
        var results = new[]
        {
            VanishingGradientClaim.Evaluate([]),
            ModeCoverageClaim.Evaluate([new("ring8", 8, [8, 8, 8], [8, 8, 8])]),
        };
        var md = ClaimsEvaluator.Markdown(results);
        Assert.Contains("| 1. Vanishing gradient of the minimax loss | **inconclusive**", md);
        Assert.Contains("**does not hold**", md);
        Assert.Contains("**Rule.**", md);
    }

    [Fact]
    public void Missing_results_give_inconclusive_not_an_error()
    {
        var r = ClaimsEvaluator.Evaluate(3, Path.Combine(Path.GetTempPath(), "no-such-claims-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("does not exist", r.Reason);
    }
}
