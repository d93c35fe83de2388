using GanBench.Core.Compare;
using GanBench.Core.Results;
using static GanBench.Core.Tests.Compare.ArmsAgainstEachOtherData;

namespace GanBench.Core.Tests.Compare;

public class ProfileScoresTests
{
    private static ProfileScores Build(string metric, Func<string, int?>? modes = null) =>
        ProfileScores.Build(Samples(metric), MetricCatalog.Get(metric), modes ?? (_ => null));

    [Fact]
    public void Modes_covered_is_divided_by_the_datasets_mode_count()
    {
        var scores = Build("modes_covered", d => d == "d1" ? 8 : 4);

        Assert.Equal([[6 / 8.0, 8 / 8.0], [1 / 4.0, 3 / 4.0]], scores.Scores("A"));
        Assert.Equal(ScoreScale.ModeCount, scores.Ranges["d1"].Scale);
    }

    [Fact]
    public void Without_a_known_scale_each_dataset_runs_from_its_worst_to_its_best_run_of_any_arm()
    {
        var scores = Build("modes_covered");

        // d1 runs from 5 (B) to 8 (A); d2 from 1 to 3.
        Assert.Equal([[1 / 3.0, 1.0], [0.0, 1.0]], scores.Scores("A"));
        Assert.Equal([[0.0, 1 / 3.0], [0.5, 0.5]], scores.Scores("B"));
        Assert.Equal(ScoreScale.RunRange, scores.Ranges["d2"].Scale);
    }

    [Fact]
    public void Lower_is_better_metrics_score_their_smallest_value_one()
    {
        var scores = Build("w1_exact");

        Assert.Equal([[2 / 3.0, 0.0], [1.0, 0.0]], scores.Scores("A"));
    }

    [Fact]
    public void A_declared_range_is_used_as_it_stands()
    {
        var trials = new[] { 0.25, 0.75 }.Select((v, i) => new TrialRecord($"t{i}", i == 0 ? "A" : "B", "d1", 0, TrialStatus.Ok,
            new Dictionary<string, double?> { ["hq_fraction"] = v }));

        var scores = ProfileScores.Build(MetricSamples.FromTrials(trials), MetricCatalog.Get("hq_fraction"), _ => null);

        Assert.Equal([[0.25]], scores.Scores("A"));
        Assert.Equal(ScoreScale.DeclaredRange, scores.Ranges["d1"].Scale);
    }

    [Fact]
    public void A_dataset_where_every_run_ties_has_no_scale_and_an_arm_without_runs_has_no_scores()
    {
        var trials = new[] { "A", "B" }.Select((arm, i) => new TrialRecord($"t{i}", arm, "d1", 0, TrialStatus.Ok,
            new Dictionary<string, double?> { ["w1_exact"] = 0.4 }));

        var tied = ProfileScores.Build(MetricSamples.FromTrials(trials), MetricCatalog.Get("w1_exact"), _ => null);
        Assert.Equal(["d1"], tied.LeftOut);
        Assert.False(tied.HasScores("A"));

        var scores = Build("modes_covered");
        Assert.False(scores.HasScores("D"));
        // C's d2 seeds diverged: an empty list there, so pooling counts only its d1 runs.
        Assert.Equal([[2 / 3.0, 2 / 3.0], []], scores.Scores("C"));
    }
}
