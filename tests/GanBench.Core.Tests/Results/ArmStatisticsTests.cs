using GanBench.Core.Results;
using MathNet.Numerics;

namespace GanBench.Core.Tests.Results;

public class ArmStatisticsTests
{
    [Fact]
    public void Ci95_of_1_2_3_4_matches_closed_form()
    {
        var s = ArmStatistics.Describe([1.0, 2.0, 3.0, 4.0]);

        // mean = 10/4; s^2 = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3; half-width = t_{0.975,3} * s / sqrt(4)
        // with t_{0.975,3} = 3.182446305284 (standard t table), so 3.182446 * 1.290994 / 2 = 2.054260.
        Assert.Equal(4, s.N);
        Assert.Equal(2.5, s.Mean!.Value, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), s.StdDev!.Value, 12);
        Assert.Equal(3.182446305284 * Math.Sqrt(5.0 / 3.0) / 2.0, s.Ci95HalfWidth!.Value, 9);
        Assert.Equal(2.054260, s.Ci95HalfWidth!.Value, 5);
    }

    [Fact]
    public void One_value_has_a_mean_but_no_spread_or_interval()
    {
        var s = ArmStatistics.Describe([5.0]);
        Assert.Equal(new SampleStatistics(1, 0, 5.0, null, null), s);
    }

    [Fact]
    public void Null_and_non_finite_values_are_excluded_and_counted()
    {
        var s = ArmStatistics.Describe([1.0, null, double.NaN, 3.0, double.PositiveInfinity]);
        Assert.Equal(2, s.N);
        Assert.Equal(3, s.Excluded);
        Assert.Equal(2.0, s.Mean);
    }

    [Fact]
    public void Constant_sample_has_exactly_zero_spread()
    {
        var s = ArmStatistics.Describe([0.1, 0.1, 0.1]);
        Assert.Equal(0.0, s.StdDev);
        Assert.Equal(0.0, s.Ci95HalfWidth);
    }

    [Fact]
    public void Welch_matches_hand_computed_statistic_df_and_p()
    {
        // a = [1,2,3,4]: mean 2.5, var 5/3;  b = [2,4,6,8]: mean 5, var 20/3.
        // s_a^2/n_a = 5/12, s_b^2/n_b = 5/3, sum = 25/12, so t = -2.5 / sqrt(25/12) = -sqrt(3).
        // df = (25/12)^2 / ((5/12)^2/3 + (5/3)^2/3) = (625/144) / (425/432) = 1875/425.
        var r = ArmStatistics.WelchTest([1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0])!;
        Assert.Equal(-Math.Sqrt(3.0), r.T, 12);
        Assert.Equal(1875.0 / 425.0, r.DegreesOfFreedom!.Value, 12);

        // p = 1 - 2 * integral_0^|t| of the Student-t density, integrated here by Simpson's rule so
        // that the check does not go through MathNet's CDF.
        double nu = 1875.0 / 425.0, upper = Math.Sqrt(3.0);
        double c = SpecialFunctions.Gamma((nu + 1) / 2) / (Math.Sqrt(nu * Math.PI) * SpecialFunctions.Gamma(nu / 2));
        double Density(double x) => c * Math.Pow(1 + x * x / nu, -(nu + 1) / 2);
        const int intervals = 2000;
        double h = upper / intervals, sum = Density(0) + Density(upper);
        for (int i = 1; i < intervals; i++) sum += (i % 2 == 1 ? 4 : 2) * Density(i * h);
        double expectedP = 1 - 2 * (sum * h / 3);
        Assert.Equal(expectedP, r.PValue, 9);
        Assert.InRange(r.PValue, 0.14, 0.17);
    }

    [Fact]
    public void Welch_matches_the_published_textbook_example()
    {
        // Wikipedia, "Welch's t-test", Example 1 (two samples of 15): t = -2.46, df = 25.0, p = 0.021.
        double[] a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
        double[] a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
        var r = ArmStatistics.WelchTest(a1, a2)!;
        Assert.Equal(-2.46, r.T, 2);
        Assert.Equal(25.0, r.DegreesOfFreedom!.Value, 0);
        Assert.Equal(0.021, r.PValue, 3);
    }

    [Fact]
    public void Welch_is_undefined_with_fewer_than_two_values_on_a_side()
    {
        Assert.Null(ArmStatistics.WelchTest([1.0], [1.0, 2.0]));
        Assert.Null(ArmStatistics.WelchTest([1.0, 2.0], []));
    }

    [Fact]
    public void Welch_with_zero_variances_gives_p1_for_equal_means_and_nothing_otherwise()
    {
        var same = ArmStatistics.WelchTest([8.0, 8.0, 8.0], [8.0, 8.0]);
        Assert.NotNull(same);
        Assert.Equal(1.0, same.PValue);
        Assert.Null(same.DegreesOfFreedom);

        Assert.Null(ArmStatistics.WelchTest([8.0, 8.0, 8.0], [7.0, 7.0]));
    }

    [Fact]
    public void Welch_with_one_constant_side_uses_the_other_sides_df()
    {
        var r = ArmStatistics.WelchTest([8.0, 8.0, 8.0], [6.0, 7.0, 8.0, 7.0])!;
        Assert.Equal(3.0, r.DegreesOfFreedom!.Value, 12);
    }
}
