using GanBench.Core.Metrics;

namespace GanBench.Core.Tests.Metrics;

public class ModeCoverageTests
{
    private static readonly IReadOnlyList<double[]> FourModes = [[0, 0], [10, 0], [0, 10], [10, 10]];

    [Fact]
    public void Counts_covered_modes_hq_fraction_and_reverse_kl_on_a_hand_built_sample()
    {
        // std 1, threshold 3: (0.5, 0.5) is HQ for mode 0, (10, 2) for mode 1, (5, 5) is 7.07 from
        // every mean (not HQ), (0, 9) HQ for mode 2. Mode 3 is empty.
        double[] samples = [0.5, 0.5, 0.2, -0.1, 10, 2, 5, 5, 0, 9];
        var r = ModeCoverage.Compute(samples, 2, FourModes, std: 1.0);
        Assert.Equal(3, r.ModesCovered);
        Assert.Equal(4.0 / 5, r.HqFraction, 12);
        Assert.Equal([2, 1, 1, 0], r.HqCountPerMode);
        // p = (1/2, 1/4, 1/4) over K = 4 modes; empty modes skipped.
        double expected = 0.5 * Math.Log(0.5 * 4) + 2 * 0.25 * Math.Log(0.25 * 4);
        Assert.Equal(expected, r.ReverseKl!.Value, 12);
    }

    [Fact]
    public void Uniform_coverage_gives_zero_reverse_kl_and_collapse_gives_log_k()
    {
        double[] uniform = [0, 0, 10, 0, 0, 10, 10, 10];
        Assert.Equal(0.0, ModeCoverage.Compute(uniform, 2, FourModes, 1.0).ReverseKl!.Value, 12);
        double[] collapsed = [10, 10, 10.1, 10, 9.9, 10.2];
        var r = ModeCoverage.Compute(collapsed, 2, FourModes, 1.0);
        Assert.Equal(1, r.ModesCovered);
        Assert.Equal(Math.Log(4), r.ReverseKl!.Value, 12);
    }

    [Fact]
    public void No_high_quality_sample_gives_an_undefined_reverse_kl_not_a_number()
    {
        var r = ModeCoverage.Compute([5, 5, 50, 50], 2, FourModes, 1.0);
        Assert.Equal(0, r.ModesCovered);
        Assert.Equal(0.0, r.HqFraction);
        Assert.Null(r.ReverseKl);
    }

    [Fact]
    public void Threshold_is_configurable_and_the_boundary_counts_as_high_quality()
    {
        double[] atThree = [3, 0];
        Assert.Equal(1, ModeCoverage.Compute(atThree, 2, FourModes, 1.0, thresholdStd: 3).ModesCovered);
        Assert.Equal(0, ModeCoverage.Compute(atThree, 2, FourModes, 1.0, thresholdStd: 2).ModesCovered);
    }

    [Fact]
    public void A_nan_sample_is_never_high_quality()
    {
        var r = ModeCoverage.Compute([double.NaN, 0, 0, 0], 2, FourModes, 1.0);
        Assert.Equal(0.5, r.HqFraction);
    }
}
