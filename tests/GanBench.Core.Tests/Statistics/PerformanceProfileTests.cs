using GanBench.Core.Statistics;

namespace GanBench.Core.Tests.Statistics;

public class PerformanceProfileTests
{
    // Three runs pooled over two tasks.
    private static readonly IReadOnlyList<IReadOnlyList<double>> Tasks = [[0.2, 0.6], [0.9]];

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.2, 2.0 / 3)] // strictly above: the run at exactly τ does not count
    [InlineData(0.5, 2.0 / 3)]
    [InlineData(0.6, 1.0 / 3)]
    [InlineData(0.9, 0.0)]
    public void Fraction_of_all_runs_pooled_over_tasks_above_tau(double tau, double expected)
    {
        Assert.Equal(expected, PerformanceProfile.FractionAbove(Tasks, tau), 12);
    }

    [Fact]
    public void The_curve_holds_the_fractions_and_a_band_around_them_that_is_reproducible()
    {
        var taus = PerformanceProfile.UnitGrid(11);

        var curve = PerformanceProfile.Compute(Tasks, taus, seed: 5, resamples: 500);

        Assert.Equal(3, curve.Runs);
        Assert.Equal(0.5, taus[5]);
        Assert.Equal(2.0 / 3, curve.Fractions[5], 12);
        for (int k = 0; k < taus.Count; k++)
            Assert.InRange(curve.Fractions[k], curve.Lower[k], curve.Upper[k]);
        // A task of one run always redraws that run, so 0.9 is in every resample: the band never reaches 0 below it.
        Assert.True(curve.Lower[8] > 0);
        Assert.Equal(curve, PerformanceProfile.Compute(Tasks, taus, seed: 5, resamples: 500), new CurveComparer());
    }

    [Fact]
    public void A_task_without_runs_counts_for_nothing_but_no_runs_at_all_is_refused()
    {
        Assert.Equal(0.5, PerformanceProfile.FractionAbove([[0.2, 0.8], []], 0.5));
        Assert.Throws<ArgumentException>(() => PerformanceProfile.FractionAbove([[]], 0.5));
    }

    private sealed class CurveComparer : IEqualityComparer<ProfileCurve>
    {
        public bool Equals(ProfileCurve? a, ProfileCurve? b) => a!.Fractions.SequenceEqual(b!.Fractions)
            && a.Lower.SequenceEqual(b.Lower) && a.Upper.SequenceEqual(b.Upper) && a.Runs == b.Runs;
        public int GetHashCode(ProfileCurve c) => c.Runs;
    }
}
