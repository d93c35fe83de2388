using GanBench.Core.Statistics;

namespace GanBench.Core.Tests.Statistics;

public class AverageProbabilityOfImprovementTests
{
    [Fact]
    public void Each_task_weighs_the_same_whatever_its_seed_count()
    {
        // Task 1: 3.5 of 4 pairs won (one tie); task 2, with more seeds: every pair lost.
        TaskPair[] tasks = [new([6, 8], [5, 6]), new([1, 1, 1], [2, 3, 4, 5])];

        Assert.Equal((0.875 + 0.0) / 2, AverageProbabilityOfImprovement.Compute(tasks));
    }

    [Fact]
    public void With_one_task_it_is_the_two_sample_probability_and_its_interval()
    {
        double[] x = [8, 7, 8, 8, 6, 8, 7, 8, 8, 5];
        double[] y = [8, 8, 7, 8, 8, 8, 8, 7, 8, 8];

        var one = AverageProbabilityOfImprovement.Ci([new TaskPair(x, y)], seed: 11, resamples: 2_000);

        Assert.Equal(ProbabilityOfImprovement.Ci(x, y, seed: 11, resamples: 2_000), one);
    }

    [Fact]
    public void Interval_is_reproducible_contains_the_estimate_and_narrows_to_a_point_when_separated()
    {
        TaskPair[] mixed = [new([6, 8, 7], [5, 6, 9]), new([1, 3, 2], [2, 2, 1])];
        var a = AverageProbabilityOfImprovement.Ci(mixed, seed: 3, resamples: 1_000);
        Assert.Equal(a, AverageProbabilityOfImprovement.Ci(mixed, seed: 3, resamples: 1_000));
        Assert.InRange(a.Estimate, a.Lower, a.Upper);
        Assert.True(a.Upper > a.Lower);

        var separated = AverageProbabilityOfImprovement.Ci([new([5, 6], [1, 2]), new([9], [0, 1])], seed: 3, resamples: 200);
        Assert.Equal((1.0, 1.0, 1.0), (separated.Estimate, separated.Lower, separated.Upper));
    }

    [Fact]
    public void No_task_or_a_non_finite_run_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AverageProbabilityOfImprovement.Compute([]));
        Assert.Throws<ArgumentException>(() => AverageProbabilityOfImprovement.Compute([new([1.0], [double.NaN])]));
        Assert.Throws<ArgumentException>(() => AverageProbabilityOfImprovement.Compute([new([1.0], [])]));
    }
}
