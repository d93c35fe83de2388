using GanBench.Core.Statistics;
using MathNet.Numerics.Distributions;

namespace GanBench.Core.Tests.Statistics;

public class PowerSimulationTests
{
    [Fact]
    public void Null_false_positive_rate_of_one_cell_is_alpha_within_a_binomial_band()
    {
        // Ten seeds each, one-sided as the gate runs it; the exact size of this test is 0.0446.
        var result = PowerSimulation.NullFalsePositives(seedsPerGroup: 10, cells: 1, alpha: 0.05, comparisons: 1000, seed: 2024);
        var (low, high) = BinomialBand(1000, 0.05, 0.999);
        Assert.InRange(result.Flagged, low, high);
    }

    [Fact]
    public void Holm_keeps_the_family_wise_rate_of_many_null_cells_at_most_alpha()
    {
        var result = PowerSimulation.NullFalsePositives(seedsPerGroup: 10, cells: 6, alpha: 0.05, comparisons: 1000, seed: 99);
        var (_, high) = BinomialBand(1000, 0.05, 0.999);
        Assert.InRange(result.Flagged, 1, high);
    }

    [Fact]
    public void Saturated_discrete_metric_does_not_inflate_false_positives()
    {
        // modes_covered-like: 8 of 8 most of the time, heavy ties, asymptotic branch throughout.
        static double Modes(Random r) => r.NextDouble() < 0.7 ? 8 : r.NextDouble() < 0.7 ? 7 : 6;
        var result = PowerSimulation.NullFalsePositives(10, 1, 0.05, 1000, seed: 5, draw: Modes);
        var (_, high) = BinomialBand(1000, 0.05, 0.999);
        Assert.InRange(result.Flagged, 0, high);
    }

    [Fact]
    public void One_standard_deviation_needs_about_fifteen_seeds_per_group()
    {
        // Normal-theory z-test: 2(z.95 + z.80)² = 12.4 per group, t-test about 13.5; Mann–Whitney's
        // efficiency 3/π = 0.955 and the continuity correction push that to about 14–16 (15 with this seed).
        var estimate = PowerSimulation.SeedsNeeded(effectSize: 1.0, alpha: 0.05, power: 0.8, cells: 1, seed: 17);
        Assert.NotNull(estimate);
        Assert.InRange(estimate.SeedsPerGroup, 12, 16);
        Assert.True(estimate.Power >= 0.8);
        Assert.Equal(estimate, PowerSimulation.SeedsNeeded(1.0, 0.05, 0.8, 1, seed: 17));
        Assert.Equal(estimate.Power, PowerSimulation.Power(estimate.SeedsPerGroup, 1.0, 0.05, seed: 17));
    }

    [Fact]
    public void More_cells_need_more_seeds()
    {
        var one = PowerSimulation.SeedsNeeded(1.0, 0.05, 0.8, cells: 1, seed: 3)!;
        var twenty = PowerSimulation.SeedsNeeded(1.0, 0.05, 0.8, cells: 20, seed: 3)!;
        Assert.True(twenty.SeedsPerGroup > one.SeedsPerGroup + 5, $"{one} vs {twenty}");
    }

    [Fact]
    public void Huge_effect_still_needs_enough_seeds_to_reach_the_corrected_threshold()
    {
        // alpha/cells = 0.0125: 3 vs 3 can reach only 1/20 and 4 vs 4 only 1/70, 5 vs 5 reaches 1/252.
        var estimate = PowerSimulation.SeedsNeeded(effectSize: 6.0, alpha: 0.05, power: 0.8, cells: 4, seed: 1)!;
        Assert.Equal(5, estimate.SeedsPerGroup);
    }

    [Fact]
    public void Unreachable_power_returns_null()
    {
        Assert.Null(PowerSimulation.SeedsNeeded(0.05, 0.05, 0.8, cells: 1, seed: 1, simulations: 200, maxSeedsPerGroup: 15));
    }

    [Fact]
    public void Power_without_an_effect_is_the_size_of_the_test()
    {
        double size = PowerSimulation.Power(10, 0.0, 0.05, seed: 8, simulations: 4000);
        Assert.InRange(size, 0.035, 0.055);
    }

    /// <summary>Central binomial interval holding the given mass: counts below low or above high each
    /// have probability under (1 − mass)/2.</summary>
    private static (int Low, int High) BinomialBand(int trials, double p, double mass)
    {
        double tail = (1 - mass) / 2;
        int low = 0;
        while (Binomial.CDF(p, trials, low) < tail) low++;
        int high = low;
        while (Binomial.CDF(p, trials, high) < 1 - tail) high++;
        return (low, high);
    }
}
