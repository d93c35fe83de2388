using GanBench.Core.Results;

namespace GanBench.Reports.Tests;

/// <summary>The parts of figures that decide what a reader sees: axis labels and confidence bands.</summary>
public class FigureTests
{
    [Theory]
    [InlineData(-6.0, 2.0)]   // eight decades: powers of ten
    [InlineData(-0.2, 0.9)]   // about one decade
    [InlineData(0.1, 0.25)]   // 1.26 to 1.78: not even one power of ten inside
    [InlineData(2.301, 2.303)] // 200.0 to 200.9
    public void A_log_axis_gets_at_least_two_labelled_ticks_inside_any_range(double low, double high)
    {
        var ticks = Figure.LogTicks(low, high);
        Assert.True(ticks.Count >= 2, $"{ticks.Count} tick(s) for [{low}, {high}]");
        Assert.True(ticks.Count <= 10);
        Assert.All(ticks, t => Assert.InRange(t.Position, low - 1e-9, high + 1e-9));
        Assert.Equal(ticks.Count, ticks.Select(t => t.Label).Distinct().Count());
        Assert.All(ticks, t => Assert.False(string.IsNullOrWhiteSpace(t.Label)));
    }

    [Fact]
    public void Bands_stay_inside_the_metrics_range()
    {
        // Two seeds at 0 and 1 mode: the t interval reaches far below 0.
        var modes = CurvePlots.Band([0.0, 1.0], MetricCatalog.Get("modes_covered"), log: false)!.Value;
        Assert.Equal(0.5, modes.Mean);
        Assert.Equal(0.0, modes.Low);
        Assert.True(modes.High > 1);

        var fraction = CurvePlots.Band([0.9, 1.0, 0.95], MetricCatalog.Get("hq_fraction"), log: false)!.Value;
        Assert.Equal(1.0, fraction.High);

        // A diagnostic without a range keeps its whole interval.
        var gap = CurvePlots.Band([-1.0, 1.0], MetricCatalog.Get("critic_w_estimate"), log: false)!.Value;
        Assert.True(gap.Low < -1 && gap.High > 1);
    }

    [Fact]
    public void Arms_whose_labels_slug_alike_get_distinct_plot_files_and_other_arms_keep_the_plain_slug()
    {
        string[] arms = ["a/b", "a_b", "A b", "wgan_gp gp_weight=1"];
        var slugs = arms.Select(a => Figure.ArmSlug(arms, a)).ToList();
        Assert.Equal(arms.Length, slugs.Distinct().Count());
        Assert.All(slugs.Take(3), s => Assert.StartsWith("a_b_", s));
        Assert.Equal("wgan_gp_gp_weight_1", slugs[3]);
        Assert.Equal(slugs, arms.Select(a => Figure.ArmSlug(arms, a)));
    }
}
