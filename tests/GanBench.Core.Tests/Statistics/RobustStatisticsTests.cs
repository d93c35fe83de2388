using GanBench.Core.Statistics;
using static GanBench.Core.Tests.Statistics.StatisticsFixtures;

namespace GanBench.Core.Tests.Statistics;

public class RobustStatisticsTests
{
    public static TheoryData<string> TrimMeanCases() => Names("trim_mean");

    [Theory]
    [MemberData(nameof(TrimMeanCases))]
    public void Interquartile_mean_matches_scipy_trim_mean(string name)
    {
        var c = Case("trim_mean", name);
        double actual = RobustStatistics.InterquartileMean(c.Doubles("x"));
        AssertClose(c.GetProperty("expected").GetDouble(), actual, name, 1e-12);
    }

    [Fact]
    public void Fixture_covers_every_size_from_1_to_12()
    {
        var sizes = Section("trim_mean").Select(c => c.GetProperty("x").GetArrayLength()).ToHashSet();
        Assert.All(Enumerable.Range(1, 12), n => Assert.Contains(n, sizes));
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 100.0 }, 103.0 / 3.0)]          // n = 3: floor(0.75) = 0, nothing cut
    [InlineData(new[] { 100.0, 1.0, 2.0, -50.0 }, 1.5)]           // n = 4: one cut from each end
    [InlineData(new[] { 9.0, 1.0, 5.0, 3.0, 7.0, 1e9, -1e9 }, 5.0)] // n = 7: one cut, 1, 3, 5, 7, 9 remain
    [InlineData(new[] { 8.0, 8.0, 8.0, 8.0, 7.0, 8.0, 8.0, 8.0 }, 8.0)] // n = 8: two cut, the low 7 with them
    public void Interquartile_mean_cuts_floor_of_a_quarter_from_each_end(double[] x, double expected)
    {
        Assert.Equal(expected, RobustStatistics.InterquartileMean(x), 12);
    }

    [Fact]
    public void Interquartile_mean_does_not_reorder_its_input()
    {
        double[] x = [3.0, 1.0, 2.0, 4.0];
        RobustStatistics.InterquartileMean(x);
        Assert.Equal([3.0, 1.0, 2.0, 4.0], x);
    }

    [Fact]
    public void Empty_or_non_finite_samples_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RobustStatistics.InterquartileMean([]));
        Assert.Throws<ArgumentException>(() => RobustStatistics.InterquartileMean([1.0, double.NaN]));
    }

    [Theory]
    // numpy.quantile(x, q), numpy's default (linear) method.
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 0.9, 3.7)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 0.25, 1.75)]
    [InlineData(new[] { 5.0 }, 0.9, 5.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0 }, 0.9, 9.1)]
    [InlineData(new[] { 1e-11, 1e-9, 0.5 }, 1.0, 0.5)]
    public void Quantile_matches_numpy(double[] x, double q, double expected)
    {
        Assert.Equal(expected, RobustStatistics.Quantile(x, q), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => RobustStatistics.Quantile(x, 1.5));
    }
}
