using GanBench.Core.Config;
using GanBench.Training.Components;

namespace GanBench.Core.Tests.Config;

/// <summary>calibration_seeds: the seeds a protocol is chosen on, kept apart from the seeds that judge it.</summary>
public class CalibrationSeedsTests
{
    private const string Body = """
        name: t
        datasets: [ring8]
        losses: [{loss: wgan_gp}]
        """;

    private static LoadResult Load(string yaml, SeedSet set) =>
        ExperimentLoader.LoadText(yaml, "t.yaml", Path.GetTempPath(), BuiltinComponents.Catalog(), set);

    [Fact]
    public void The_verdict_run_expands_seeds_and_the_calibration_run_expands_calibration_seeds()
    {
        string yaml = "seeds: [5, 6]\ncalibration_seeds: [100, 101, 102]\n" + Body;
        var verdict = Load(yaml, SeedSet.Verdict);
        Assert.True(verdict.Ok, string.Join("\n", verdict.Errors));
        Assert.Equal([5, 6], verdict.Trials.Select(t => t.Seed));
        Assert.Equal([100, 101, 102], verdict.Config!.CalibrationSeeds);
        var calibration = Load(yaml, SeedSet.Calibration);
        Assert.True(calibration.Ok, string.Join("\n", calibration.Errors));
        Assert.Equal([100, 101, 102], calibration.Trials.Select(t => t.Seed));
    }

    /// <summary>The list says where a protocol came from; it does not change what a trial is.</summary>
    [Fact]
    public void Listing_calibration_seeds_leaves_trial_ids_unchanged()
    {
        var without = ConfigText.Ok("seeds: [5, 6]\n" + Body);
        var with = ConfigText.Ok("seeds: [5, 6]\ncalibration_seeds: [100]\n" + Body);
        Assert.Equal(without.Trials.Select(t => t.TrialId), with.Trials.Select(t => t.TrialId));
    }

    [Fact]
    public void A_seed_in_both_lists_is_refused_at_its_place()
    {
        string errors = ConfigText.Errors("seeds: [5, 6]\ncalibration_seeds: [100, 6]\n" + Body);
        Assert.Equal("t.yaml:2:26: error: seed 6 is in both seeds: and calibration_seeds:; a protocol chosen on a seed cannot also be judged on it, so give the two lists different seeds", errors);
    }

    [Fact]
    public void A_calibration_run_of_a_file_without_calibration_seeds_says_what_to_add()
    {
        var r = Load("seeds: [5]\n" + Body, SeedSet.Calibration);
        Assert.False(r.Ok);
        Assert.Contains("no calibration_seeds:; add e.g. calibration_seeds: [100, 101, 102, 103, 104]", string.Join("\n", r.Errors));
    }

    [Theory]
    [InlineData("calibration_seeds: []", "calibration_seeds is an empty list")]
    [InlineData("calibration_seeds: [100, 100]", "seed 100 is listed twice")]
    [InlineData("calibration_seeds: [-1]", "calibration_seeds")]
    [InlineData("calibration_seeds: 100", "calibration_seeds")]
    public void Bad_calibration_seed_lists_are_refused(string line, string expected) =>
        Assert.Contains(expected, ConfigText.Errors(line + "\n" + Body));
}
