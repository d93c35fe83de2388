using GanBench.Core.Statistics;
using static GanBench.Core.Tests.Statistics.StatisticsFixtures;

namespace GanBench.Core.Tests.Statistics;

public class ProbabilityOfImprovementTests
{
    [Fact]
    public void Identical_samples_give_one_half()
    {
        double[] x = [8, 7, 8, 8, 6, 8, 7, 8, 8, 5];
        Assert.Equal(0.5, ProbabilityOfImprovement.Compute(x, x));
        Assert.Equal(0.5, ProbabilityOfImprovement.Compute(x, x.Reverse().ToArray()));
        Assert.Equal(0.5, ProbabilityOfImprovement.Compute([3.0, 3.0], [3.0]));
    }

    [Fact]
    public void Ties_count_half_by_hand()
    {
        // x = 1..4 against y = [2, 2]: 1 loses both, 2 ties both (2 × ½), 3 and 4 win both: 5 of 8 pairs.
        Assert.Equal(5.0 / 8.0, ProbabilityOfImprovement.Compute([1, 2, 3, 4], [2, 2]));
    }

    [Fact]
    public void Separated_samples_give_zero_and_one()
    {
        Assert.Equal(1.0, ProbabilityOfImprovement.Compute([5, 6, 7], [1, 2]));
        Assert.Equal(0.0, ProbabilityOfImprovement.Compute([1, 2], [5, 6, 7]));
    }

    [Fact]
    public void Equals_scipy_U1_over_all_pairs()
    {
        foreach (var c in Section("mannwhitneyu"))
        {
            double[] x = c.Doubles("x"), y = c.Doubles("y");
            double expected = c.GetProperty("u1").GetDouble() / (x.Length * y.Length);
            Assert.Equal(expected, ProbabilityOfImprovement.Compute(x, y), 14);
        }
    }

    [Fact]
    public void Interval_is_reproducible_and_inside_the_unit_interval()
    {
        double[] x = [8, 7, 8, 8, 6, 8, 7, 8, 8, 5];
        double[] y = [8, 8, 7, 8, 8, 8, 8, 7, 8, 8];
        var a = ProbabilityOfImprovement.Ci(x, y, seed: 11);
        Assert.Equal(a, ProbabilityOfImprovement.Ci(x, y, seed: 11));
        Assert.Equal(ProbabilityOfImprovement.Compute(x, y), a.Estimate);
        Assert.InRange(a.Lower, 0.0, a.Estimate);
        Assert.InRange(a.Upper, a.Estimate, 1.0);
        Assert.True(a.Upper > a.Lower);
    }
}
