using GanBench.Training.Components;
using GanBench.Core.Config;

namespace GanBench.Core.Tests;

public class ExampleConfigTests
{
    internal static string FixturePath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    internal static string ExampleText => File.ReadAllText(FixturePath("good", "wgan-vs-gp.yaml"));

    internal static LoadResult LoadExample(string? text = null) =>
        ExperimentLoader.LoadText(text ?? ExampleText, "wgan-vs-gp.yaml", Path.GetTempPath(), BuiltinComponents.Catalog());

    [Fact]
    public void Example_loads_without_errors_and_expands_to_60_trials()
    {
        var r = ExperimentLoader.Load(FixturePath("good", "wgan-vs-gp.yaml"), BuiltinComponents.Catalog());
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.NotNull(r.Config);
        Assert.Equal(60, r.Trials.Count);
        Assert.Equal(60, r.Trials.Select(t => t.TrialId).Distinct().Count());
        Assert.All(r.Trials, t => Assert.Matches("^[0-9a-f]{16}$", t.TrialId));
        Assert.Equal(
            ["minimax", "non_saturating", "non_saturating instance_noise=0.1", "non_saturating instance_noise=0.5",
             "wgan clip=0.001", "wgan clip=0.01", "wgan clip=0.1",
             "wgan_gp gp_weight=0.1", "wgan_gp gp_weight=1", "wgan_gp gp_weight=10"],
            r.Trials.Select(t => t.Arm).Distinct().ToArray());
    }

    [Fact]
    public void Trial_order_is_arm_then_grid_then_dataset_then_seed()
    {
        var trials = LoadExample().Trials;
        Assert.Equal(("minimax", "ring8", 0), (trials[0].Arm, trials[0].Dataset.Name, trials[0].Seed));
        Assert.Equal(("minimax", "ring8", 1), (trials[1].Arm, trials[1].Dataset.Name, trials[1].Seed));
        Assert.Equal(("minimax", "grid25", 0), (trials[3].Arm, trials[3].Dataset.Name, trials[3].Seed));
        Assert.Equal(("non_saturating", "ring8", 0), (trials[6].Arm, trials[6].Dataset.Name, trials[6].Seed));
        Assert.Equal("wgan_gp gp_weight=10", trials[^1].Arm);
    }

    [Fact]
    public void Ids_are_stable_across_loads()
    {
        var a = LoadExample().Trials.Select(t => t.TrialId).ToArray();
        var b = LoadExample().Trials.Select(t => t.TrialId).ToArray();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Ids_are_pinned_so_a_changed_canonical_form_is_noticed()
    {
        // If this fails, every stored result has lost its id: bump TrialIds.Version on purpose, then update.
        var first = LoadExample().Trials[0];
        Assert.Equal(TrialIds.Compute(first), first.TrialId);
        Assert.Equal(PinnedFirstId, first.TrialId);
    }

    internal const string PinnedFirstId = "9f4cd09ed05bce82";

    [Fact]
    public void Editing_description_name_or_device_keeps_ids()
    {
        var a = LoadExample().Trials.Select(t => t.TrialId).ToArray();
        var edited = ExampleText
            .Replace("description: WGAN weight clipping", "description: something else entirely")
            .Replace("name: wgan-vs-gp", "name: renamed")
            .Replace("device: auto", "device: cpu");
        var b = LoadExample(edited);
        Assert.True(b.Ok, string.Join("\n", b.Errors));
        Assert.Equal(a, b.Trials.Select(t => t.TrialId).ToArray());
    }

    [Fact]
    public void Editing_lr_changes_ids()
    {
        var a = LoadExample().Trials;
        var b = LoadExample(ExampleText.Replace("lr: 1.0e-4", "lr: 2.0e-4")).Trials;
        Assert.Equal(a.Count, b.Count);
        // The wgan arms override the optimizer, so only the arms that inherit train.optimizer change.
        for (int i = 0; i < a.Count; i++)
        {
            bool inherits = !a[i].Arm.StartsWith("wgan ", StringComparison.Ordinal);
            Assert.Equal(inherits, a[i].TrialId != b[i].TrialId);
        }
    }

    [Fact]
    public void Arm_optimizer_is_merged_over_train_optimizer()
    {
        var t = LoadExample().Trials.First(t => t.Arm == "wgan clip=0.01");
        Assert.Equal("rmsprop", t.Train.Optimizer.Type);
        Assert.Equal(5e-5, t.Train.Optimizer.Lr);
        var m = LoadExample().Trials.First(t => t.Arm == "minimax");
        Assert.Equal(new OptimizerConfig { Type = "adam", Lr = 1e-4, Beta1 = 0.5, Beta2 = 0.9 }, m.Train.Optimizer);
    }
}
