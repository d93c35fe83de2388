using GanBench.Core.Compare;
using GanBench.Core.Results;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;

namespace GanBench.Core.Tests.Compare;

/// <summary>The gate's behaviour on planted changes, on no change at all, and on too few seeds.</summary>
public class RegressionGateTests(ITestOutputHelper output)
{
    private static readonly string[] Arms = ["wgan_gp", "non_saturating"];
    private static readonly string[] Datasets = ["ring8", "grid25"];

    [Fact]
    public void A_planted_regression_is_caught_and_only_its_cell_fires()
    {
        // 1.5 SD worse on one metric of one arm on one dataset; 2 × 2 × 4 = 16 directed cells.
        // 30 seeds: at alpha 0.01 over 16 cells, 10 seeds detect 1.5 SD with probability 0.18 only
        // and 20 with about 0.8 (GateSeedsTests prints both), and a gate test must not pass by a lucky draw.
        var planted = new CellKey("non_saturating", "grid25", "w1_exact");
        var reference = CompareData.Run(30, randomSeed: 1, Arms, Datasets);
        var candidate = CompareData.Run(30, randomSeed: 2, Arms, Datasets, worseBy: k => k == planted ? 1.5 : 0.0);

        var result = CompareData.Against(candidate, reference);

        Assert.Equal(16, result.FamilySize);
        var regression = Assert.Single(result.Regressions);
        Assert.Equal(planted, regression.Key);
        Assert.True(result.GateFires);
        Assert.True(regression.IqmDifference.Lower > 0, "the interval of IQM(candidate) − IQM(reference) of a lower-is-better metric lies above 0");
        Assert.True(regression.ProbabilityBetter < 0.25, $"P(better) = {regression.ProbabilityBetter}");
        Assert.All(result.Cells.Where(c => c.Key != planted), c => Assert.Equal(CellVerdict.NoChange, c.Verdict));
    }

    [Fact]
    public void An_improvement_is_reported_and_never_fails_the_gate()
    {
        var better = new CellKey("wgan_gp", "ring8", "hq_fraction");
        var reference = CompareData.Run(20, randomSeed: 3, Arms, Datasets);
        var candidate = CompareData.Run(20, randomSeed: 4, Arms, Datasets, worseBy: k => k == better ? -3.0 : 0.0);

        var result = CompareData.Against(candidate, reference);

        Assert.Equal(CellVerdict.Improvement, result.Cell("wgan_gp", "ring8", "hq_fraction").Verdict);
        Assert.Empty(result.Regressions);
        Assert.False(result.GateFires);
    }

    [Fact]
    public void Five_seeds_over_many_cells_are_underpowered_and_say_how_many_seeds_could_decide()
    {
        // 5 vs 5 can reach p = 1/C(10,5) = 1/252 at best; times 16 cells that is 0.063 > 0.01, so even a
        // 4 SD collapse cannot pass Holm. Holm's first step needs p ≤ 0.01/16 = 0.000625: 6 vs 6 reaches
        // only 1/C(12,6) = 0.0011, 7 vs 7 reaches 1/C(14,7) = 0.00029, so seven seeds per side.
        var collapsed = new CellKey("wgan_gp", "grid25", "w1_exact");
        var reference = CompareData.Run(5, randomSeed: 5, Arms, Datasets);
        var candidate = CompareData.Run(5, randomSeed: 6, Arms, Datasets, worseBy: k => k == collapsed ? 4.0 : 0.0);

        var result = CompareData.Against(candidate, reference);

        Assert.All(result.Cells, c => Assert.Equal(CellVerdict.Underpowered, c.Verdict));
        Assert.All(result.Cells, c => Assert.Equal(7, c.SeedsNeeded));
        Assert.False(result.GateFires);
        Assert.Contains("underpowered: needs ≥ 7 seeds/side", ComparisonText.ToMarkdown(result));
    }

    [Fact]
    public void The_same_inputs_and_seed_give_the_same_json_byte_for_byte()
    {
        var reference = CompareData.Run(8, randomSeed: 7, Arms, Datasets);
        var candidate = CompareData.Run(8, randomSeed: 8, Arms, Datasets, worseBy: k => k.Metric == "w1_sliced" ? 1.0 : 0.0);
        var options = new CompareOptions { Seed = 42 };

        string first = ComparisonJson.Write(CompareData.Against(candidate, reference, options));
        string second = ComparisonJson.Write(CompareData.Against(candidate, reference, options));

        Assert.Equal(first, second);
        Assert.Contains("\"seed\": 42", first);
    }

    [Fact]
    public void Neutral_and_unknown_metrics_are_left_out_and_said_so()
    {
        var metrics = new[] { "w1_exact", "g_loss", "my_plugin_score" };
        var result = CompareData.Against(CompareData.Run(10, 9, Arms, Datasets, metrics: metrics), CompareData.Run(10, 10, Arms, Datasets, metrics: metrics));

        Assert.All(result.Cells, c => Assert.Equal("w1_exact", c.Key.Metric));
        Assert.Contains(result.Notes, n => n.Contains("g_loss", StringComparison.Ordinal) && n.Contains("diagnostic", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("my_plugin_score", StringComparison.Ordinal) && n.Contains("--direction", StringComparison.Ordinal));
    }

    [Fact]
    public void Diverged_trials_do_not_count_and_an_arm_that_stops_finishing_fails_the_gate()
    {
        var reference = CompareData.Run(10, 11, Arms, Datasets);
        var candidate = CompareData.Run(10, 12, Arms, Datasets)
            .Select(t => t.Arm == "wgan_gp" && (t.Dataset == "grid25" || t.Seed < 3) ? t with { Status = TrialStatus.Diverged } : t).ToList();

        var result = CompareData.Against(candidate, reference);

        var ring = result.Cell("wgan_gp", "ring8", "w1_exact");
        Assert.Equal((7, 10), (ring.CandidateN, ring.CandidateTrials));
        Assert.DoesNotContain(result.Cells, c => c.Key.Arm == "wgan_gp" && c.Key.Dataset == "grid25" && c.Key.Metric != CellPairing.OkFraction);
        Assert.Contains(result.Notes, n => n.StartsWith("wgan_gp on grid25:", StringComparison.Ordinal) && n.Contains("every candidate trial diverged", StringComparison.Ordinal));

        // Every seed diverging is the largest regression there is: the metric cells cannot see it, the ok fraction does.
        var gone = result.Cell("wgan_gp", "grid25", CellPairing.OkFraction);
        Assert.Equal((0.0, 1.0, CellVerdict.Regression), (gone.CandidateIqm, gone.ReferenceIqm, gone.Verdict));
        Assert.True(result.GateFires);
        // 3 of 10 diverged: the fraction is the plain mean (the IQM would trim the zeros away).
        Assert.Equal(0.7, result.Cell("wgan_gp", "ring8", CellPairing.OkFraction).CandidateIqm, 12);
        // Arms whose trials all finished on both sides get no such cell: it would only tighten the correction.
        Assert.DoesNotContain(result.Cells, c => c.Key.Arm == "non_saturating" && c.Key.Metric == CellPairing.OkFraction);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.05)]
    public void Comparisons_of_two_samples_of_one_distribution_flag_at_most_about_alpha(double alpha)
    {
        // 1,000 gate runs of 4 cells, 10 seeds per side, both sides from the same normal distribution,
        // through the whole path (samples, pairing, tests, Holm, verdicts). The minimum effect is 0, so
        // only the test and the correction stand between noise and a page. Holm bounds the family-wise
        // rate by alpha, so the flagged count is at most Binomial(1000, alpha); the bound is that
        // distribution's 99.9% quantile. One bootstrap resample: the interval does not enter a verdict.
        const int comparisons = 1000;
        var options = new CompareOptions { Alpha = alpha, DefaultMinimumEffectSize = 0.0, Resamples = 1 };
        string[] arms = ["a"], datasets = ["d"];
        int flagged = 0;
        // One generator for every draw: neighbouring seeds of .NET's Random give correlated streams,
        // which made the two sides alike and the measured rate too low.
        var random = new Random(20261201);
        for (int i = 0; i < comparisons; i++)
        {
            var reference = CompareData.Run(10, 0, arms, datasets, metrics: CompareData.DirectedMetrics, random: random);
            var candidate = CompareData.Run(10, 0, arms, datasets, metrics: CompareData.DirectedMetrics, random: random);
            if (CompareData.Against(candidate, reference, options).GateFires) flagged++;
        }
        int bound = UpperQuantile(comparisons, alpha, 0.999);
        output.WriteLine($"null false-positive rate at alpha {alpha}: {flagged}/{comparisons} = {(double)flagged / comparisons:0.000} (bound {bound})");
        Assert.InRange(flagged, 0, bound);
    }

    private static int UpperQuantile(int trials, double p, double mass)
    {
        int k = 0;
        while (Binomial.CDF(p, trials, k) < mass) k++;
        return k;
    }
}
