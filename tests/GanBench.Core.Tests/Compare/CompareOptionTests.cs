using GanBench.Core.Compare;
using GanBench.Core.Results;
using GanBench.Core.Statistics;

namespace GanBench.Core.Tests.Compare;

/// <summary>Every option a user can set changes a verdict or a number; each test fails when the gate ignores its option.</summary>
/// <remarks>Most tests use values at the normal quantiles (i + ½)/10 on both sides, so a shift of k SD
/// gives an exactly known Mann–Whitney statistic: after 1 SD the candidate is still better in 23 of
/// the 100 seed pairs (one-sided p = 0.023 by the normal approximation), after 1.5 SD in 14 (p = 0.0036).</remarks>
public class CompareOptionTests
{
    private static (List<TrialRecord> Candidate, List<TrialRecord> Reference) Shifted(double sds, params string[] metrics) =>
        (CompareData.Run(10, 0, ["a"], ["d"], worseBy: _ => sds, metrics: metrics, quantiles: true),
         CompareData.Run(10, 0, ["a"], ["d"], metrics: metrics, quantiles: true));

    [Fact]
    public void Alpha_decides_whether_a_moderate_shift_is_a_regression()
    {
        var (candidate, reference) = Shifted(1.0, "w1_exact");

        var strict = CompareData.Against(candidate, reference).Cells.Single();
        var lenient = CompareData.Against(candidate, reference, new CompareOptions { Alpha = 0.05 }).Cells.Single();

        Assert.InRange(strict.PWorseAdjusted, 0.01, 0.05);
        Assert.Equal(CellVerdict.NoChange, strict.Verdict);
        Assert.Equal(CellVerdict.Regression, lenient.Verdict);
    }

    [Fact]
    public void Benjamini_Hochberg_flags_four_equal_shifts_that_Holm_does_not()
    {
        // Four cells with p = 0.0036 each: Holm multiplies the smallest by 4 (0.0146 > 0.01),
        // Benjamini–Hochberg the largest by 4/4 (0.0036).
        var (candidate, reference) = Shifted(1.5, CompareData.DirectedMetrics);

        var holm = CompareData.Against(candidate, reference);
        var bh = CompareData.Against(candidate, reference, new CompareOptions { Correction = CorrectionMethod.BenjaminiHochberg });

        Assert.All(holm.Cells, c => Assert.Equal(CellVerdict.NoChange, c.Verdict));
        Assert.All(bh.Cells, c => Assert.Equal(CellVerdict.Regression, c.Verdict));
        Assert.False(holm.GateFires);
        Assert.True(bh.GateFires);
    }

    [Fact]
    public void The_minimum_effect_applies_per_metric_and_as_a_default()
    {
        // 1.5 SD is +15% of w1_exact's IQM and −7.5% of hq_fraction's; two cells, Holm: 2 × 0.0036 ≤ 0.01.
        var (candidate, reference) = Shifted(1.5, "w1_exact", "hq_fraction");

        var byDefault = CompareData.Against(candidate, reference);
        var perMetric = CompareData.Against(candidate, reference, new CompareOptions { MinimumEffects = new Dictionary<string, double> { ["hq_fraction"] = 0.1 } });
        var everywhere = CompareData.Against(candidate, reference, new CompareOptions { DefaultMinimumEffectSize = 0.2 });

        Assert.All(byDefault.Cells, c => Assert.Equal(CellVerdict.Regression, c.Verdict));
        Assert.Equal(CellVerdict.Regression, perMetric.Cell("a", "d", "w1_exact").Verdict);
        Assert.Equal(CellVerdict.NoChange, perMetric.Cell("a", "d", "hq_fraction").Verdict);
        Assert.Equal(0.1, perMetric.Cell("a", "d", "hq_fraction").MinimumEffect);
        Assert.All(everywhere.Cells, c => Assert.Equal(CellVerdict.NoChange, c.Verdict));
    }

    [Fact]
    public void The_seed_drives_the_bootstrap_interval()
    {
        var reference = CompareData.Run(8, 20, ["a"], ["d"], metrics: ["w1_exact"]);
        var candidate = CompareData.Run(8, 21, ["a"], ["d"], metrics: ["w1_exact"]);

        var one = CompareData.Against(candidate, reference, new CompareOptions { Seed = 1 }).Cells.Single();
        var two = CompareData.Against(candidate, reference, new CompareOptions { Seed = 2 }).Cells.Single();

        Assert.NotEqual((one.IqmDifference.Lower, one.IqmDifference.Upper), (two.IqmDifference.Lower, two.IqmDifference.Upper));
        var expected = Bootstrap.StratifiedCi(Values(candidate), Values(reference), seed: 2);
        Assert.Equal(expected, two.IqmDifference);
    }

    [Fact]
    public void The_baseline_arm_is_the_reference_of_every_other_arm()
    {
        var run = CompareData.Run(20, 30, ["base", "worse", "same"], ["d"], worseBy: k => k.Arm == "worse" && k.Metric == "w1_exact" ? 3.0 : 0.0,
            metrics: ["w1_exact", "hq_fraction"]);

        var againstBase = CompareData.AgainstBaseline(run, "base");
        var againstWorse = CompareData.AgainstBaseline(run, "worse");

        Assert.All(againstBase.Cells, c => Assert.Equal("base", c.ReferenceArm));
        Assert.DoesNotContain(againstBase.Cells, c => c.Key.Arm == "base");
        Assert.Equal(CellVerdict.Regression, againstBase.Cell("worse", "d", "w1_exact").Verdict);
        Assert.Equal(CellVerdict.NoChange, againstBase.Cell("same", "d", "w1_exact").Verdict);
        Assert.Equal(CellVerdict.Improvement, againstWorse.Cell("base", "d", "w1_exact").Verdict);
        Assert.Equal(CellVerdict.Improvement, againstWorse.Cell("same", "d", "w1_exact").Verdict);
    }

    [Fact]
    public void Arms_worse_than_the_baseline_fail_the_gate_only_when_asked()
    {
        var run = CompareData.Run(20, 31, ["base", "worse"], ["d"], worseBy: k => k.Arm == "worse" ? 3.0 : 0.0, metrics: ["w1_exact"]);

        var informative = CompareData.AgainstBaseline(run, "base", new CompareOptions { RegressionsFail = false });
        var failing = CompareData.AgainstBaseline(run, "base", new CompareOptions { RegressionsFail = true });

        Assert.Single(informative.Regressions);
        Assert.False(informative.GateFires);
        Assert.True(failing.GateFires);
    }

    [Fact]
    public void A_direction_brings_a_plugin_metric_into_the_comparison()
    {
        // The catalog does not know the metric; the synthetic shift moves its values up by 3 SD.
        var reference = CompareData.Run(20, 40, ["a"], ["d"], metrics: ["my_plugin_score"]);
        var candidate = CompareData.Run(20, 41, ["a"], ["d"], worseBy: _ => 3.0, metrics: ["my_plugin_score"]);
        var directions = new Dictionary<string, MetricDirection> { ["my_plugin_score"] = MetricDirection.LowerIsBetter };

        var without = CompareData.Against(candidate, reference);
        var with = CompareData.Against(candidate, reference, new CompareOptions { Directions = directions });

        Assert.Empty(without.Cells);
        Assert.Equal(CellVerdict.Regression, with.Cells.Single().Verdict);
    }

    [Fact]
    public void Options_the_gate_cannot_use_are_refused_with_every_problem()
    {
        var bad = new CompareOptions { Alpha = 1.5, DefaultMinimumEffectSize = -0.1, Resamples = 0, MinimumEffects = new Dictionary<string, double> { ["w1_exact"] = double.NaN } };
        Assert.Equal(4, bad.Problems().Count);
        var (candidate, reference) = Shifted(1.0, "w1_exact");
        Assert.Throws<ArgumentException>(() => CompareData.Against(candidate, reference, bad));
    }

    private static double[] Values(IEnumerable<TrialRecord> trials) => trials.Select(t => t.Metrics["w1_exact"]!.Value).ToArray();
}
