using GanBench.Core.Compare;
using GanBench.Core.Results;
using static GanBench.Core.Tests.Compare.ArmsAgainstEachOtherData;

namespace GanBench.Core.Tests.Compare;

public class ImprovementMatrixTests
{
    private static ImprovementMatrix Build(string metric) => ImprovementMatrix.Build(Samples(metric), MetricCatalog.Get(metric), resamples: 500);

    [Fact]
    public void A_cell_is_the_pair_count_per_dataset_averaged_over_datasets()
    {
        var matrix = Build("modes_covered");

        // d1: 6 > 5, 6 = 6 (half), 8 > 5, 8 > 6: 3.5 of 4. d2: 3 beats both 2s, 1 beats neither: 2 of 4.
        var cell = matrix.Cell("A", "B");
        Assert.Equal(2, cell.Datasets);
        Assert.Equal((0.875 + 0.5) / 2, cell.Value!.Estimate, 12);
        Assert.Equal(1 - (0.875 + 0.5) / 2, matrix.Cell("B", "A").Value!.Estimate, 12);
        Assert.Equal(1 - cell.Value.Upper, matrix.Cell("B", "A").Value!.Lower, 12);
    }

    [Fact]
    public void Lower_is_better_metrics_count_the_smaller_value_as_the_win()
    {
        var matrix = Build("w1_exact");

        // The same numbers as distances: d1: only 6 = 6 ties (half of one pair); d2: 1 is below both 2s.
        Assert.Equal((0.125 + 0.5) / 2, matrix.Cell("A", "B").Value!.Estimate, 12);
        Assert.Equal(MetricDirection.LowerIsBetter, matrix.Metric.Direction);
    }

    [Fact]
    public void Only_datasets_where_both_arms_have_values_are_averaged()
    {
        var matrix = Build("modes_covered");

        // C has values on d1 alone: 7 beats 6, loses to 8 → 0.5 against A; beats 5 and 6 → 1 against B.
        Assert.Equal(1, matrix.Cell("A", "C").Datasets);
        Assert.Equal(0.5, matrix.Cell("A", "C").Value!.Estimate, 12);
        Assert.Equal(1.0, matrix.Cell("C", "B").Value!.Estimate, 12);
    }

    [Fact]
    public void An_arm_that_never_finished_has_blank_cells_not_zeros_and_arms_keep_their_order()
    {
        var matrix = Build("modes_covered");

        Assert.Equal(["A", "B", "C", "D"], matrix.Arms);
        foreach (var other in new[] { "A", "B", "C" })
        {
            Assert.Equal(new ImprovementCell(0, null), matrix.Cell("D", other));
            Assert.Equal(new ImprovementCell(0, null), matrix.Cell(other, "D"));
        }
        Assert.Null(matrix.Cell("A", "A").Value);
    }

    [Fact]
    public void Intervals_are_the_same_on_every_build_and_contain_the_estimate()
    {
        var first = Build("modes_covered").Cell("A", "B").Value!;

        Assert.Equal(first, Build("modes_covered").Cell("A", "B").Value);
        Assert.InRange(first.Estimate, first.Lower, first.Upper);
    }

    [Fact]
    public void A_metric_without_a_direction_has_no_matrix()
    {
        Assert.Throws<ArgumentException>(() => ImprovementMatrix.Build(Samples("g_loss"), MetricCatalog.Get("g_loss")));
    }
}
