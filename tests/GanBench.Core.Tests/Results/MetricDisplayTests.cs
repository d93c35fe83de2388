using GanBench.Core.Results;

namespace GanBench.Core.Tests.Results;

/// <summary>
/// Which metrics the report, the console and the curve figures show comes from each metric's
/// declaration. These are the lists those places used to spell out by hand; they must not move.
/// </summary>
public class MetricDisplayTests
{
    [Fact]
    public void Headline_and_console_columns_come_from_the_declarations()
    {
        Assert.Equal(["modes_covered", "hq_fraction", "w1_exact", "classes_covered", "fcd", "coverage"], MetricCatalog.Headline);
        Assert.Equal(["modes_covered", "hq_fraction", "reverse_kl", "w1_exact", "classes_covered", "mode_kl", "fcd", "precision", "recall", "coverage", "critic_w_estimate", "g_grad_norm"],
            MetricCatalog.ConsoleColumns);
    }

    [Fact]
    public void Curve_panels_come_from_the_declarations_with_log_scales_for_gradients_and_fcd()
    {
        Assert.Equal([("modes_covered", false), ("w1_exact", false), ("critic_w_estimate", false), ("g_grad_norm", true), ("d_grad_norm", true)], MetricCatalog.PointPanels);
        Assert.Equal([("fcd", true), ("coverage", false), ("classes_covered", false), ("modes_covered", false), ("critic_w_estimate", false), ("g_grad_norm", true), ("d_grad_norm", true)],
            MetricCatalog.ImagePanels);
    }

    [Fact]
    public void Every_displayed_metric_is_a_known_one_and_no_position_is_taken_twice()
    {
        foreach (var name in MetricCatalog.ConsoleColumns.Concat(MetricCatalog.Headline)) Assert.True(MetricCatalog.IsKnown(name), name);
        Assert.Equal(MetricCatalog.Known.Count(m => m.ConsoleColumn is not null), MetricCatalog.Known.Where(m => m.ConsoleColumn is not null).Select(m => m.ConsoleColumn).Distinct().Count());
        Assert.Equal(MetricCatalog.Known.Count(m => m.PointPanel is not null), MetricCatalog.Known.Where(m => m.PointPanel is not null).Select(m => m.PointPanel).Distinct().Count());
        Assert.Equal(MetricCatalog.Known.Count(m => m.ImagePanel is not null), MetricCatalog.Known.Where(m => m.ImagePanel is not null).Select(m => m.ImagePanel).Distinct().Count());
    }
}
