using static GanBench.Core.Tests.ConfigText;
using GanBench.Core.Config;

namespace GanBench.Core.Tests.Config;

/// <summary>
/// <c>train.ensemble</c>: auto when absent; auto, off or an integer in [1, 64] when written, anything else
/// one error at its position; never part of trial ids, and written back by the resolved config when not auto.
/// </summary>
public class EnsembleConfigTests
{
    private const string Head = "name: t\ndatasets: [ring8]\nlosses: [{loss: wgan}]\n";
    // Several arms, datasets and seeds, so that "the ids" are more than one.
    private const string Sweep = "name: t\nseeds: [0, 1]\ndatasets: [ring8, grid25]\n" +
                                 "losses: [{loss: wgan_gp, gp_weight: [1, 10]}, {loss: non_saturating, instance_noise: 0.1}, {loss: wgan, optimizer: {type: rmsprop, lr: 5.0e-5}}]\n";

    private static string Train(string value) => $"train:\n  ensemble: {value}\n";

    [Fact]
    public void Absent_it_is_auto_with_at_most_8_members()
    {
        var r = Ok(Head);
        Assert.Same(EnsembleMode.Auto, r.Config!.Train.Ensemble);
        Assert.True(r.Config.Train.Ensemble.IsAuto);
        Assert.Equal(EnsembleMode.AutoMaxMembers, r.Config.Train.Ensemble.MaxMembers);
        Assert.Equal(8, EnsembleMode.AutoMaxMembers);
        Assert.True(r.Config.Train.Ensemble.GroupsTrials);
        Assert.All(r.Trials, t => Assert.Equal(EnsembleMode.Auto, t.Train.Ensemble));
        Assert.Equal(EnsembleMode.Auto, new TrainConfig().Ensemble);
    }

    public static TheoryData<string, EnsembleMode> Accepted() => new()
    {
        { "auto", EnsembleMode.Auto },
        { "off", EnsembleMode.Off },
        { "1", EnsembleMode.Off },
        { "8", EnsembleMode.AtMost(8) },
        { "64", EnsembleMode.AtMost(64) },
        { "\"off\"", EnsembleMode.Off },
        { "'auto'", EnsembleMode.Auto },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Auto_off_and_integers_from_1_to_64_are_read(string value, EnsembleMode expected)
    {
        var r = Ok(Head + Train(value));
        Assert.Equal(expected, r.Config!.Train.Ensemble);
        Assert.All(r.Trials, t => Assert.Equal(expected, t.Train.Ensemble));
    }

    [Fact]
    public void The_mode_says_what_it_allows_and_prints_as_written()
    {
        Assert.Equal(("auto", 8, true, true), (EnsembleMode.Auto.ToString(), EnsembleMode.Auto.MaxMembers, EnsembleMode.Auto.IsAuto, EnsembleMode.Auto.GroupsTrials));
        Assert.Equal(("off", 1, false, false), (EnsembleMode.Off.ToString(), EnsembleMode.Off.MaxMembers, EnsembleMode.Off.IsAuto, EnsembleMode.Off.GroupsTrials));
        Assert.Equal(("8", 8, false, true), (EnsembleMode.AtMost(8).ToString(), EnsembleMode.AtMost(8).MaxMembers, EnsembleMode.AtMost(8).IsAuto, EnsembleMode.AtMost(8).GroupsTrials));
        Assert.Equal(EnsembleMode.Off, EnsembleMode.AtMost(1));
        Assert.Equal(EnsembleMode.AtMost(64), EnsembleMode.AtMost(EnsembleMode.Limit));
        // auto is not "at most 8": the runner chooses, and the resolved file says auto.
        Assert.NotEqual(EnsembleMode.Auto, EnsembleMode.AtMost(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnsembleMode.AtMost(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnsembleMode.AtMost(65));
    }

    [Theory]
    [InlineData("0", "train.ensemble must be auto, off or an integer in [1, 64], got 0")]
    [InlineData("-3", "train.ensemble must be auto, off or an integer in [1, 64], got -3")]
    [InlineData("2.5", "train.ensemble must be auto, off or an integer in [1, 64], got 2.5")]
    [InlineData("65", "train.ensemble must be auto, off or an integer in [1, 64], got 65")]
    [InlineData("1e400", "train.ensemble must be auto, off or an integer in [1, 64], got 1e400")]
    [InlineData(".inf", "train.ensemble must be auto, off or an integer in [1, 64], got .inf")]
    [InlineData("\"8\"", "train.ensemble: expected auto, off or an integer in [1, 64], got the quoted string '8'; remove the quotes")]
    [InlineData("on", "train.ensemble: unknown value 'on'; it is not a flag: write auto to group trials")]
    [InlineData("yes", "train.ensemble: unknown value 'yes'; it is not a flag: write auto to group trials")]
    [InlineData("true", "train.ensemble: unknown value 'true'; it is not a flag: write auto to group trials")]
    [InlineData("false", "train.ensemble: unknown value 'false'; it is not a flag: write off to train every trial alone")]
    [InlineData("atuo", "train.ensemble: unknown value 'atuo' (did you mean 'auto'?); expected auto, off or an integer in [1, 64]")]
    [InlineData("of", "train.ensemble: unknown value 'of' (did you mean 'off'?); expected auto, off or an integer in [1, 64]")]
    [InlineData("OFF", "train.ensemble: unknown value 'OFF' (did you mean 'off'?)")]
    [InlineData("banana", "train.ensemble: unknown value 'banana'; expected auto, off or an integer in [1, 64]")]
    [InlineData("~", "train.ensemble: expected auto, off or an integer in [1, 64], got an empty value")]
    [InlineData("[8]", "train.ensemble: expected auto, off or an integer in [1, 64], got a list")]
    [InlineData("{max: 8}", "train.ensemble: expected auto, off or an integer in [1, 64], got a mapping")]
    public void Anything_else_is_one_error_at_the_value(string value, string expected)
    {
        var r = Load(Head + Train(value));
        Assert.False(r.Ok);
        var error = Assert.Single(r.Errors);
        Assert.Equal(new SourceSpan("t.yaml", 5, 13), error.Where);
        Assert.Contains(expected, error.Message);
        Assert.Contains("train.ensemble", error.Message);
    }

    [Fact]
    public void A_value_on_the_next_line_is_reported_where_it_starts()
    {
        var error = Assert.Single(Load(Head + "train:\n  iterations: 100\n  ensemble:\n    - 8\n").Errors);
        Assert.Equal("t.yaml:7:5: error: train.ensemble: expected auto, off or an integer in [1, 64], got a list", error.ToString());
        error = Assert.Single(Load(Head + "train: {critic_steps: 1, ensemble: 0}\n").Errors);
        Assert.Equal("t.yaml:4:36: error: train.ensemble must be auto, off or an integer in [1, 64], got 0", error.ToString());
    }

    [Fact]
    public void A_misspelt_key_is_named_with_the_nearest_and_other_problems_are_reported_with_it()
    {
        var errors = Errors(Head + "train:\n  ensembel: 8\n");
        Assert.Contains("t.yaml:5:3: error: unknown key 'ensembel' in 'train' (did you mean 'ensemble'?)", errors);
        Assert.Contains("ensemble", errors.Split("valid keys: ")[1]);

        // Every problem at once: the bad ensemble does not hide the bad iterations before it, nor the loss after it.
        var r = Load("name: t\ndatasets: [ring8]\ntrain:\n  iterations: 0\n  ensemble: atuo\nlosses: [{loss: wgam}]\n");
        Assert.Equal(["t.yaml:4:15", "t.yaml:5:13", "t.yaml:6:17"], r.Errors.Select(e => e.Where.ToString()));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("off")]
    [InlineData("1")]
    [InlineData("8")]
    [InlineData("64")]
    public void It_is_not_part_of_trial_ids(string value)
    {
        var without = Ok(Sweep);
        var with = Ok(Sweep + Train(value));
        Assert.Equal(16, without.Trials.Count);
        Assert.Equal(without.Trials.Select(t => t.TrialId), with.Trials.Select(t => t.TrialId));
        Assert.Equal(without.Trials.Select(TrialIds.CanonicalJson), with.Trials.Select(TrialIds.CanonicalJson));
        Assert.All(with.Trials, t => Assert.DoesNotContain("ensemble", TrialIds.CanonicalJson(t)));
        // Recomputed from the trials themselves, not just copied from the loader.
        Assert.Equal(without.Trials.Select(t => t.TrialId), with.Trials.Select(TrialIds.Compute));
    }

    [Theory]
    [InlineData("off", "  ensemble: \"off\"\n")]
    [InlineData("1", "  ensemble: \"off\"\n")]
    [InlineData("8", "  ensemble: 8\n")]
    [InlineData("64", "  ensemble: 64\n")]
    public void Resolved_config_writes_it_when_not_auto_and_reads_back_the_same(string value, string line)
    {
        var first = Ok(Sweep + "train:\n  iterations: 100\n  ensemble: " + value + "\n");
        var yaml = ResolvedConfigWriter.ToYaml(first.Config!, first.Trials);
        Assert.Contains(line, yaml);
        // In the train block, after its other keys.
        var train = yaml.Split("\ntrain:\n")[1].Split("\nlosses:")[0];
        Assert.EndsWith(line.TrimEnd('\n'), train);

        var again = Ok(yaml);
        Assert.Equal(first.Config!.Train.Ensemble, again.Config!.Train.Ensemble);
        Assert.Equal(first.Config.Train, again.Config.Train);
        Assert.Equal(first.Trials.Select(t => t.TrialId), again.Trials.Select(t => t.TrialId));
        Assert.Equal(yaml, ResolvedConfigWriter.ToYaml(again.Config, again.Trials));
    }

    [Fact]
    public void Resolved_config_leaves_auto_out_so_earlier_resolved_files_are_unchanged()
    {
        var absent = Ok(Sweep);
        var written = Ok(Sweep + Train("auto"));
        var yaml = ResolvedConfigWriter.ToYaml(absent.Config!, absent.Trials);
        Assert.DoesNotContain("ensemble", yaml);
        Assert.Equal(yaml, ResolvedConfigWriter.ToYaml(written.Config!, written.Trials));
        Assert.Equal(EnsembleMode.Auto, Ok(yaml).Config!.Train.Ensemble);
    }
}
