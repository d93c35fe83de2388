using static GanBench.Core.Tests.ConfigText;
using GanBench.Training.Components;
using GanBench.Core.Config;

namespace GanBench.Core.Tests;

/// <summary>The loss zoo's YAML surface: free composition, r3gan, clip_mode and the noise schedule.</summary>
public class LossZooConfigTests
{
    private const string Head = "name: t\ndatasets: [ring8]\n";

    [Fact]
    public void Any_objective_composes_with_any_penalty_and_sweeps_its_weight()
    {
        var trials = Ok(Head + "losses:\n  - { loss: hinge, penalty: r1, penalty_weight: [1, 10] }\n").Trials;
        Assert.Equal(["hinge penalty=r1 penalty_weight=1", "hinge penalty=r1 penalty_weight=10"], trials.Select(t => t.Arm));
        Assert.All(trials, t => Assert.Equal(("hinge", "r1"), (t.Loss.Objective, t.Loss.Penalty)));
        Assert.Equal([1.0, 10.0], trials.Select(t => t.Loss.PenaltyWeight));
    }

    [Fact]
    public void Wgan_lp_is_a_shorthand_file_that_expands_to_wasserstein_with_lp()
    {
        var trials = Ok(Head + "losses:\n  - {loss: wgan_lp}\n  - {loss: wgan_lp, penalty_weight: [1, 5]}\n").Trials;
        Assert.Equal(("wasserstein", "lp", 10.0, (double?)null), (trials[0].Loss.Objective, trials[0].Loss.Penalty, trials[0].Loss.PenaltyWeight, trials[0].Loss.Clip));
        Assert.Equal(["wgan_lp", "wgan_lp penalty_weight=1", "wgan_lp penalty_weight=5"], trials.Select(t => t.Arm));
        // The same trial as writing it out, so one name never splits results in two.
        var longhand = Ok(Head + "losses:\n  - {loss: wasserstein, penalty: lp}\n").Trials;
        Assert.Equal(longhand[0].TrialId, trials[0].TrialId);
        var d = BuiltinComponents.Catalog().All.Single(c => c.Name == "wgan_lp");
        Assert.Equal(ComponentKind.Shorthand, d.Kind);
        Assert.Equal(new ShorthandExpansion("wasserstein", "lp", null, 10.0), d.Expansion);
    }

    [Fact]
    public void R3gan_expands_to_rpgan_with_r1r2_and_takes_a_gamma()
    {
        var trials = Ok(Head + "losses:\n  - {loss: r3gan}\n  - {loss: r3gan, penalty_weight: 0.5}\n").Trials;
        Assert.Equal(("rpgan", "r1r2", 10.0), (trials[0].Loss.Objective, trials[0].Loss.Penalty, trials[0].Loss.PenaltyWeight));
        Assert.Equal(0.5, trials[1].Loss.PenaltyWeight);
        Assert.Equal("r3gan penalty_weight=0.5", trials[1].Arm);
        var bad = Load(Head + "losses: [{loss: r3gan, penalty: gp}]\n");
        Assert.Contains(bad.Errors, e => e.Message.Contains("'r3gan' already uses penalty 'r1r2'"));
    }

    [Fact]
    public void Every_objective_and_penalty_in_the_catalog_is_a_valid_loss_or_penalty()
    {
        var catalog = BuiltinComponents.Catalog();
        Assert.Equal(["hinge", "least_squares", "minimax", "non_saturating", "relativistic", "rpgan", "wasserstein"], catalog.Names(ComponentKind.Objective));
        Assert.Equal(["dragan", "gp", "lp", "none", "r1", "r1r2", "r2"], catalog.Names(ComponentKind.Penalty));
        foreach (var o in catalog.Names(ComponentKind.Objective))
        foreach (var p in catalog.Names(ComponentKind.Penalty).Where(p => p != "none"))
            Ok(Head + $"losses: [{{loss: {o}, penalty: {p}}}]\n");
    }

    [Fact]
    public void Clip_mode_and_noise_schedule_reach_the_trial_and_change_its_id_only_when_not_default()
    {
        var trials = Ok(Head + "losses:\n  - {loss: wgan}\n  - {loss: wgan, clip_mode: before}\n  - {loss: wgan, name: explicit, clip_mode: after, instance_noise: 0.1, instance_noise_schedule: linear}\n").Trials;
        Assert.Equal(["wgan", "wgan clip_mode=before", "explicit"], trials.Select(t => t.Arm));
        Assert.Equal(["after", "before", "after"], trials.Select(t => t.Loss.ClipMode));
        Assert.Equal(["constant", "constant", "linear"], trials.Select(t => t.Loss.InstanceNoiseSchedule));
        Assert.DoesNotContain("clip_mode", TrialIds.CanonicalJson(trials[0]));
        Assert.Contains("\"clip_mode\":\"before\"", TrialIds.CanonicalJson(trials[1]));
        Assert.Contains("\"instance_noise_schedule\":\"linear\"", TrialIds.CanonicalJson(trials[2]));

        // The written-out config loads back to the same trials.
        var yaml = ResolvedConfigWriter.ToYaml(Ok(Head + "losses:\n  - {loss: wgan, clip_mode: before, instance_noise: 0.1, instance_noise_schedule: linear}\n").Config!, trials);
        Assert.Contains("clip_mode: before", yaml);
        Assert.Contains("instance_noise_schedule: linear", yaml);
    }

    [Theory]
    [InlineData("{loss: hinge, clip_mode: before}", "clip_mode has no effect without weight clipping")]
    [InlineData("{loss: hinge, instance_noise_schedule: linear}", "instance_noise_schedule has no effect without instance_noise")]
    [InlineData("{loss: wgan, clip_mode: during}", "clip_mode")]
    [InlineData("{loss: hinge, instance_noise: 0.1, instance_noise_schedule: cosine}", "instance_noise_schedule")]
    public void Modes_without_their_subject_or_with_unknown_words_are_errors(string arm, string fragment)
    {
        var r = Load(Head + $"losses: [{arm}]\n");
        Assert.False(r.Ok);
        Assert.Contains(r.Errors, e => e.Message.Contains(fragment));
    }
}
