using GanBench.Core.Results;
using static GanBench.Core.Tests.Results.SummaryFixtures;

namespace GanBench.Core.Tests.Results;

public class SummaryModelTests
{
    private static MetricCell Cell(SummaryModel model, string dataset, string arm, string metric) =>
        model.Final.Single(t => t.Dataset == dataset).Rows.Single(r => r.Arm == arm).Cell(metric)!;

    [Fact]
    public void Rows_keep_first_appearance_order_of_datasets_and_arms()
    {
        var trials = new[]
        {
            Trial("b", "grid", 0, TrialStatus.Ok, ("g_loss", 1.0)),
            Trial("a", "ring", 0, TrialStatus.Ok, ("g_loss", 1.0)),
            Trial("a", "grid", 0, TrialStatus.Ok, ("g_loss", 1.0)),
        };
        var model = SummaryModel.Build(trials, []);
        Assert.Equal(["grid", "ring"], model.Datasets);
        Assert.Equal(["b", "a"], model.Final[0].Rows.Select(r => r.Arm));
        Assert.Equal(["a"], model.Final[1].Rows.Select(r => r.Arm));
    }

    [Fact]
    public void Diverged_failed_and_timeout_trials_are_counted_but_give_no_values()
    {
        var trials = new[]
        {
            Trial("a", "ring", 0, TrialStatus.Ok, ("hq_fraction", 0.5)),
            Trial("a", "ring", 1, TrialStatus.Ok, ("hq_fraction", 0.7)),
            Trial("a", "ring", 2, TrialStatus.Diverged, ("hq_fraction", 0.0)),
            Trial("a", "ring", 3, TrialStatus.Failed, ("hq_fraction", null)),
            Trial("a", "ring", 4, TrialStatus.Timeout, ("hq_fraction", 0.9)),
            Trial("a", "ring", 5, TrialStatus.Diverged),
        };
        var row = SummaryModel.Build(trials, []).Final[0].Rows[0];
        Assert.Equal(new StatusCounts(2, 2, 1, 1), row.Counts);
        Assert.Equal(2, row.Cell("hq_fraction")!.Stats.N);
        Assert.Equal(0, row.Cell("hq_fraction")!.Stats.Excluded);
        Assert.Equal(0.6, row.Cell("hq_fraction")!.Stats.Mean!.Value, 12);
    }

    [Fact]
    public void Undefined_values_of_ok_trials_are_excluded_and_counted()
    {
        var trials = new[]
        {
            Trial("a", "ring", 0, TrialStatus.Ok, ("reverse_kl", 0.2)),
            Trial("a", "ring", 1, TrialStatus.Ok, ("reverse_kl", null)),
            Trial("a", "ring", 2, TrialStatus.Ok, ("reverse_kl", double.NaN)),
            Trial("a", "ring", 3, TrialStatus.Ok),
        };
        var stats = SummaryModel.Build(trials, []).Final[0].Rows[0].Cell("reverse_kl")!.Stats;
        Assert.Equal(new SampleStatistics(1, 3, 0.2, null, null), stats);
    }

    [Fact]
    public void Verdicts_follow_the_metric_direction_and_need_significance()
    {
        var trials = new List<TrialRecord>();
        double[] noise = [-0.02, 0.01, 0.0, 0.02, -0.01];
        for (int s = 0; s < 5; s++)
        {
            trials.Add(Trial("base", "ring", s, TrialStatus.Ok,
                ("modes_covered", 4 + noise[s]), ("reverse_kl", 0.5 + noise[s]), ("g_loss", 1 + noise[s]),
                ("hq_fraction", 0.5 + noise[s]), ("w1_exact", 0.3 + noise[s])));
            trials.Add(Trial("new", "ring", s, TrialStatus.Ok,
                ("modes_covered", 7 + noise[4 - s]), ("reverse_kl", 0.9 + noise[4 - s]), ("g_loss", 3 + noise[4 - s]),
                ("hq_fraction", 0.51 + noise[4 - s] * 2), ("w1_exact", 0.3 + noise[s])));
        }
        var model = SummaryModel.Build(trials, [], baselineArm: "base");

        Assert.Equal(ComparisonVerdict.IsBaseline, Cell(model, "ring", "base", "modes_covered").Comparison!.Verdict);
        var modes = Cell(model, "ring", "new", "modes_covered").Comparison!;
        Assert.Equal(ComparisonVerdict.Better, modes.Verdict);
        Assert.Equal("better", modes.Word);
        Assert.Equal(7.0 / 4.0, modes.Ratio!.Value, 12);
        Assert.True(modes.PValue < 0.05);
        Assert.Equal("worse", Cell(model, "ring", "new", "reverse_kl").Comparison!.Word);
        Assert.Equal("higher", Cell(model, "ring", "new", "g_loss").Comparison!.Word);
        Assert.Equal("n.s.", Cell(model, "ring", "new", "hq_fraction").Comparison!.Word);
        Assert.Equal("same", Cell(model, "ring", "new", "w1_exact").Comparison!.Word);
        Assert.Equal(1.0, Cell(model, "ring", "new", "w1_exact").Comparison!.PValue);
    }

    [Fact]
    public void Comparison_is_undefined_with_one_seed_and_ratio_with_a_zero_baseline()
    {
        var trials = new[]
        {
            Trial("base", "ring", 0, TrialStatus.Ok, ("hq_fraction", 0.0)),
            Trial("base", "ring", 1, TrialStatus.Ok, ("hq_fraction", 0.0)),
            Trial("new", "ring", 0, TrialStatus.Ok, ("hq_fraction", 0.4)),
        };
        var c = Cell(SummaryModel.Build(trials, [], "base"), "ring", "new", "hq_fraction").Comparison!;
        Assert.Equal(new BaselineComparison(null, null, ComparisonVerdict.Undefined), c);
        Assert.Equal("", c.Word);
    }

    [Fact]
    public void Unknown_baseline_is_rejected_with_the_arms_present()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            SummaryModel.Build([Trial("a", "ring", 0, TrialStatus.Ok)], [], "wgan"));
        Assert.Contains("'a'", ex.Message);
    }

    [Fact]
    public void Arms_are_ranked_by_direction_with_shared_ranks_and_neutral_metrics_unranked()
    {
        var trials = new[]
        {
            Trial("a", "ring", 0, TrialStatus.Ok, ("reverse_kl", 0.3), ("modes_covered", 5.0), ("g_loss", 1.0)),
            Trial("b", "ring", 0, TrialStatus.Ok, ("reverse_kl", 0.1), ("modes_covered", 8.0), ("g_loss", 2.0)),
            Trial("c", "ring", 0, TrialStatus.Ok, ("reverse_kl", 0.1), ("modes_covered", 6.0), ("g_loss", 3.0)),
            Trial("d", "ring", 0, TrialStatus.Ok, ("reverse_kl", null), ("modes_covered", 6.0), ("g_loss", 3.0)),
        };
        var model = SummaryModel.Build(trials, []);
        Assert.Equal([3, 1, 1, null], model.Final[0].Rows.Select(r => r.Cell("reverse_kl")!.Rank));
        Assert.Equal([4, 1, 2, 2], model.Final[0].Rows.Select(r => r.Cell("modes_covered")!.Rank));
        Assert.All(model.Final[0].Rows, r => Assert.Null(r.Cell("g_loss")!.Rank));
    }

    [Fact]
    public void Unknown_metrics_are_neutral_and_come_after_catalog_metrics()
    {
        var model = SummaryModel.Build([Trial("a", "ring", 0, TrialStatus.Ok, ("zeta", 1.0), ("g_loss", 2.0), ("modes_covered", 3.0))], []);
        Assert.Equal(["modes_covered", "g_loss", "zeta"], model.Final[0].Metrics.Select(m => m.Name));
        Assert.Equal(new MetricInfo("zeta", MetricDirection.Neutral, ""), model.Final[0].Metrics[2]);
    }

    [Fact]
    public void Default_curve_steps_are_first_thirds_and_last_of_the_common_steps()
    {
        var (trials, curves) = Mixed();
        var model = SummaryModel.Build(trials, curves);
        // Only Ok trials choose the steps, so the diverged trials' truncated curves do not shrink them.
        Assert.Equal([0, 300, 700, 1000], model.Curves.Where(t => t.Dataset == "ring8").Select(t => t.Step!.Value));
        Assert.Equal([0, 3, 7, 10], SummaryModel.PickSteps([Enumerable.Range(0, 11), Enumerable.Range(0, 12)]));
        Assert.Equal([2, 4], SummaryModel.PickSteps([[2, 4, 6], [4, 2]]));
    }

    [Fact]
    public void Explicit_curve_steps_are_used_as_given()
    {
        var (trials, curves) = Mixed();
        var model = SummaryModel.Build(trials, curves, curveSteps: [500, 200]);
        Assert.Equal([200, 500, 200, 500], model.Curves.Select(t => t.Step!.Value));
        var cell = model.Curves[0].Rows.Single(r => r.Arm == "minimax").Cell("w1_sliced")!;
        Assert.Equal(4, cell.Stats.N);   // seed 4 diverged
    }
}
