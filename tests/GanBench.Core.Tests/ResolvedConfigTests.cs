using GanBench.Training.Components;
using GanBench.Core.Config;

namespace GanBench.Core.Tests;

public class ResolvedConfigTests
{
    private static LoadResult Reload(string yaml) =>
        ExperimentLoader.LoadText(yaml, "config.resolved.yaml", Path.GetTempPath(), BuiltinComponents.Catalog());

    [Fact]
    public void Resolved_example_reloads_to_the_same_trials()
    {
        var first = ExampleConfigTests.LoadExample();
        var yaml = ResolvedConfigWriter.ToYaml(first.Config!, first.Trials);
        var again = Reload(yaml);
        Assert.True(again.Ok, string.Join("\n", again.Errors) + "\n" + yaml);
        Assert.Equal(first.Trials.Select(t => (t.TrialId, t.Arm, t.Dataset.Name, t.Seed)), again.Trials.Select(t => (t.TrialId, t.Arm, t.Dataset.Name, t.Seed)));
        Assert.Equal(first.Config!.Train, again.Config!.Train);
        Assert.Equal(yaml, ResolvedConfigWriter.ToYaml(again.Config, again.Trials));
    }

    [Fact]
    public void Resolved_output_lists_every_trial_with_its_loss_settings()
    {
        var first = ExampleConfigTests.LoadExample();
        var yaml = ResolvedConfigWriter.ToYaml(first.Config!, first.Trials);
        Assert.Contains("hq_threshold_std: 3", yaml);
        Assert.Contains($"trial_id: \"{first.Trials[0].TrialId}\", arm: minimax, dataset: ring8, seed: 0, objective: minimax, penalty: none, penalty_weight: 0, clip: null, instance_noise: 0", yaml);
        Assert.Contains("arm: \"wgan clip=0.01\"", yaml);
        Assert.Equal(60, yaml.Split('\n').Count(l => l.StartsWith("  - {trial_id:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Custom_datasets_odd_strings_and_plugins_round_trip()
    {
        var yaml = "name: 0-odd.name\ndescription: \"quotes \\\" and: colons # and hash\\nnewline\"\nseeds: [3, 1]\n" +
                   "datasets:\n  - {type: mixture, means: [[0.3, 0.1], [1, -1]], std: 0.07, scale: 3}\n  - {type: grid, side: 4, spacing: 1.5}\n  - {type: swissroll, scale: 5}\n" +
                   "losses:\n  - {loss: wasserstein, name: \"my: arm\", penalty: gp, gp_target: [0.5, 2], critic_steps: 2}\n  - {loss: wgan, optimizer: {type: sgd, lr: 0.01}}\n" +
                   "baseline: \"my: arm gp_target=2\"\n";
        var first = Reload(yaml);
        Assert.True(first.Ok, string.Join("\n", first.Errors));
        var resolved = ResolvedConfigWriter.ToYaml(first.Config!, first.Trials);
        var again = Reload(resolved);
        Assert.True(again.Ok, string.Join("\n", again.Errors) + "\n" + resolved);
        Assert.Equal(first.Trials.Select(t => t.TrialId), again.Trials.Select(t => t.TrialId));
        Assert.Equal(first.Config!.Description, again.Config!.Description);
        Assert.Equal(first.Trials.Select(t => t.Arm), again.Trials.Select(t => t.Arm));
    }
}
