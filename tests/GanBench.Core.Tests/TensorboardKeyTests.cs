using GanBench.Training.Components;
using GanBench.Core.Config;

namespace GanBench.Core.Tests;

public class TensorboardKeyTests
{
    private const string Head = "name: t\ndatasets: [ring8]\nlosses: [{loss: wgan_gp}]\n";

    private static LoadResult Load(string yaml) => ExperimentLoader.LoadText(yaml, "t.yaml", ".", BuiltinComponents.Catalog());

    [Fact]
    public void Tensorboard_defaults_to_false_and_reads_true()
    {
        Assert.False(Load(Head).Config!.Tensorboard);
        Assert.True(Load(Head + "tensorboard: true\n").Config!.Tensorboard);
        Assert.False(Load(Head + "tensorboard: false\n").Config!.Tensorboard);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("\"true\"")]
    [InlineData("[true]")]
    [InlineData("1")]
    public void Tensorboard_accepts_only_true_or_false(string value)
    {
        var result = Load(Head + $"tensorboard: {value}\n");
        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Where!.Value.Line);
        Assert.Contains("tensorboard: expected true or false", error.Message);
    }

    [Fact]
    public void Tensorboard_does_not_change_trial_ids_and_survives_the_resolved_config()
    {
        var plain = Load(Head);
        var withTb = Load(Head + "tensorboard: true\n");
        Assert.Equal(plain.Trials.Select(t => t.TrialId), withTb.Trials.Select(t => t.TrialId));

        var resolved = ResolvedConfigWriter.ToYaml(withTb.Config!, withTb.Trials);
        Assert.Contains("tensorboard: true\n", resolved.Replace("\r\n", "\n"));
        Assert.True(Load(resolved).Config!.Tensorboard);
        Assert.DoesNotContain("tensorboard", ResolvedConfigWriter.ToYaml(plain.Config!, plain.Trials));
    }
}
