using GanBench.Core.Claims;
using GanBench.Core.Results;

namespace GanBench.Core.Tests.Claims;

/// <summary>Claim 4's four outcomes; a dataset where neither arm trained is premise not met, not a vote.</summary>
public class Claim4PremiseTests
{
    [Fact]
    public void Holds_when_wgan_gp_covers_more_modes_on_every_dataset() =>
        Assert.Equal(Verdict.Holds, ModeCoverageClaim.Evaluate([new("ring8", 8, [2, 3, 2, 4, 3], [8, 8, 8, 8, 8]), new("grid25", 25, [15, 17, 16, 14, 18], [24, 25, 23, 25, 24])]).Verdict);

    [Fact]
    public void Does_not_hold_when_the_data_exclude_even_one_more_mode()
    {
        var r = ModeCoverageClaim.Evaluate([new("ring8", 8, [8, 8, 8, 8, 8], [8, 8, 8, 8, 8]), new("grid25", 25, [25, 24, 25, 25, 24], [22, 20, 21, 23, 22])]);
        Assert.Equal(Verdict.DoesNotHold, r.Verdict);
        Assert.DoesNotContain("premise not met", r.Reason);
    }

    /// <summary>A difference reliably above 0 but under one mode is "more" only in the decimals: not a pass.</summary>
    [Fact]
    public void A_difference_under_one_mode_does_not_hold_even_if_its_interval_is_above_zero()
    {
        var (v, _) = ModeCoverageClaim.JudgeDataset(new("ring8", 8, [7, 7, 7, 7, 7.2], [7.4, 7.5, 7.6, 7.5, 7.4]));
        Assert.Equal(Verdict.DoesNotHold, v);
    }

    /// <summary>The calibration run's ring8 numbers (NS 5.0 ± 1.3 SE; wgan_gp 8 ± 0) are not decisive at 95% with 5 seeds.</summary>
    [Fact]
    public void Overlapping_intervals_are_inconclusive()
    {
        Assert.Equal(Verdict.Inconclusive, ModeCoverageClaim.Evaluate([new("ring8", 8, [5, 2, 8, 2, 8], [8, 8, 8, 8, 8])]).Verdict);
        Assert.Equal(Verdict.Inconclusive, ModeCoverageClaim.Evaluate([new("ring8", 8, [8, 2, 8, 5, 7], [8, 6, 8, 7, 5])]).Verdict);
    }

    [Fact]
    public void Premise_not_met_names_what_is_missing()
    {
        var untrained = ModeCoverageClaim.Evaluate([new("grid25", 25, [7, 9, 8, 6, 9], [5, 6, 7, 5, 6])]);
        Assert.Equal(Verdict.Inconclusive, untrained.Verdict);
        Assert.Equal("premise not met: grid25: neither arm covers half of the 25 modes (best mean 7.8), so neither trained far enough", untrained.Reason);
        Assert.Contains("needs ≥ 2 each", ModeCoverageClaim.Evaluate([new("ring8", 8, [2], [8])]).Reason);
        Assert.Contains("number of modes unknown", ModeCoverageClaim.Evaluate([new("swissroll", 0, [1, 2], [1, 2])]).Reason);
        Assert.StartsWith("premise not met: no trials found", ModeCoverageClaim.Evaluate([]).Reason);
    }

    [Fact]
    public void A_dataset_without_the_premise_counts_neither_for_nor_against()
    {
        var holding = new ModeComparison("ring8", 8, [2, 3, 2, 4, 3], [8, 8, 8, 8, 8]);
        var untrainedReversed = new ModeComparison("grid25", 25, [9, 10, 11, 10, 9], [2, 1, 2, 1, 2]);
        Assert.Equal(Verdict.Holds, ModeCoverageClaim.Evaluate([holding, untrainedReversed]).Verdict);
    }

    /// <summary>Two wgan_gp arms (λ 0.1 and 10) are two comparisons with the non-saturating arm, not one pooled arm.</summary>
    [Fact]
    public void Each_wgan_gp_arm_is_compared_with_the_non_saturating_arm_on_its_own()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ganbench-claim4-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var writer = new RunsCsvWriter(Path.Combine(dir, ResultsDirectory.RunsFile), [], ["modes_covered"]);
            void Arm(string arm, string loss, double[] modes)
            {
                for (int seed = 0; seed < modes.Length; seed++)
                    writer.Append(new RunRecord
                    {
                        Trial = new TrialRecord($"{arm}-{seed}", arm, "ring8", seed, TrialStatus.Ok, new Dictionary<string, double?> { ["modes_covered"] = modes[seed] }),
                        Setup = new TrialSetup { Loss = loss },
                    });
            }
            Arm("non_saturating", "non_saturating", [5, 6, 5, 6, 5]);
            Arm("wgan_gp gp_weight=0.1", "wgan_gp", [8, 8, 8, 8, 8]);
            Arm("wgan_gp gp_weight=10", "wgan_gp", [5, 5, 6, 5, 5]);

            var r = ClaimsEvaluator.Evaluate(4, dir);

            // λ 0.1 covers more modes, λ 10 does not: pooled they would have looked like one arm in between.
            Assert.Equal(Verdict.Inconclusive, r.Verdict);
            Assert.Contains("ring8, wgan_gp gp_weight=0.1: holds", r.Reason);
            Assert.Contains("ring8, wgan_gp gp_weight=10: does not hold", r.Reason);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>A final snapshot that favours wgan_gp while the curve's last half does not decides nothing.</summary>
    [Fact]
    public void Final_and_curve_must_agree()
    {
        var finalOnly = new ModeComparison("ring8", 8, [2, 3, 2, 4, 3], [8, 8, 8, 8, 8], "wgan_gp", [6, 6, 7, 6, 7], [6, 7, 6, 6, 7]);
        var (v, text) = ModeCoverageClaim.JudgeDataset(finalOnly);
        Assert.Equal(Verdict.Inconclusive, v);
        Assert.Contains("final: holds, last half: does not hold", text);
        var both = finalOnly with { NonSaturatingLate = [2, 3, 3, 2, 3], WganGpLate = [8, 7.5, 8, 8, 7.5] };
        Assert.Equal(Verdict.Holds, ModeCoverageClaim.JudgeDataset(both).Verdict);
        var neither = new ModeComparison("ring8", 8, [8, 8, 7, 8, 8], [8, 7, 8, 8, 8], "wgan_gp", [8, 8, 7.5, 8, 8], [8, 7.5, 8, 8, 8]);
        Assert.Equal(Verdict.DoesNotHold, ModeCoverageClaim.JudgeDataset(neither).Verdict);
        var noCurves = finalOnly with { NonSaturatingLate = null, WganGpLate = null };
        Assert.Equal(Verdict.Holds, ModeCoverageClaim.JudgeDataset(noCurves).Verdict);
    }

    [Fact]
    public void The_curve_value_is_each_runs_mean_over_the_later_half_of_its_evaluations()
    {
        static RunRecord Run(string id) => new() { Trial = new TrialRecord(id, "a", "ring8", 0, TrialStatus.Ok, new Dictionary<string, double?>()), Setup = new TrialSetup() };
        var curves = new Dictionary<string, List<CurvePoint>>
        {
            // Unordered on purpose: the rule orders by step. Five evaluations: the later three count.
            ["five"] = [.. new[] { (500, 6.0), (0, 0.0), (1000, 8.0), (250, 2.0), (750, 7.0) }.Select(p => new CurvePoint("five", p.Item1, new Dictionary<string, double?> { ["modes_covered"] = p.Item2 }))],
            ["four"] = [.. new[] { (0, 1.0), (1, 3.0), (2, 5.0), (3, 9.0) }.Select(p => new CurvePoint("four", p.Item1, new Dictionary<string, double?> { ["modes_covered"] = p.Item2 }))],
            ["one"] = [new CurvePoint("one", 1000, new Dictionary<string, double?> { ["modes_covered"] = 8 })],
        };
        var means = ClaimsEvaluator.LastHalfMeans([Run("five"), Run("four")], r => curves[r.Trial.TrialId], "modes_covered");
        Assert.Equal([7.0, 7.0], means);
        Assert.Null(ClaimsEvaluator.LastHalfMeans([Run("five"), Run("one")], r => curves[r.Trial.TrialId], "modes_covered"));
    }
}
