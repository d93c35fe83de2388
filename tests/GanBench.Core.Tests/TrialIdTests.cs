using GanBench.Training.Components;
using GanBench.Core.Config;

namespace GanBench.Core.Tests;

public class TrialIdTests
{
    private static TrialSpec First => ExampleConfigTests.LoadExample().Trials[0];

    [Fact]
    public void Compute_ignores_the_id_already_on_the_trial_and_labels()
    {
        var t = First;
        var relabelled = t with { TrialId = "whatever", Arm = "other", Experiment = "other", Dataset = t.Dataset with { Name = "renamed" }, Loss = t.Loss with { Written = "alias" } };
        Assert.Equal(t.TrialId, TrialIds.Compute(relabelled));
    }

    [Fact]
    public void Every_numeric_setting_changes_the_id()
    {
        var t = First;
        TrialSpec[] variants =
        [
            t with { Seed = 7 },
            t with { Loss = t.Loss with { InstanceNoise = 0.1 } },
            t with { Loss = t.Loss with { Clip = 0.01 } },
            t with { Loss = t.Loss with { Parameters = new SortedDictionary<string, double> { ["margin"] = 1 } } },
            t with { Model = t.Model with { LatentDim = 3 } },
            t with { Train = t.Train with { BatchSize = 128 } },
            t with { Train = t.Train with { Optimizer = t.Train.Optimizer with { Beta2 = 0.99 } } },
            t with { Eval = t.Eval with { Samples = 1000 } },
            t with { Dataset = GanBench.Core.Datasets.DatasetKinds.Preset("grid25")! },
        ];
        var ids = variants.Select(TrialIds.Compute).Append(t.TrialId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Betas_do_not_split_non_adam_trials()
    {
        var t = First with { Train = First.Train with { Optimizer = new OptimizerConfig { Type = "rmsprop", Lr = 5e-5 } } };
        var u = t with { Train = t.Train with { Optimizer = t.Train.Optimizer with { Beta1 = 0.1 } } };
        Assert.Equal(TrialIds.Compute(t), TrialIds.Compute(u));
    }

    [Fact]
    public void Canonical_json_is_sorted_and_culture_free()
    {
        var json = TrialIds.CanonicalJson(First);
        Assert.StartsWith("{\"dataset\":{\"means\":[[", json);
        Assert.Contains("\"lr\":0.0001", json);
        Assert.Contains("\"v\":1", json);
        Assert.DoesNotContain("ring8", json);
    }
}

/// <summary>Spellings of one number give one trial: −0.0, 1e0, 0.10 and their plain forms.</summary>
public class CanonicalNumberTests
{
    private static LoadResult Load(string losses, string extra = "") => ExperimentLoader.LoadText(
        $"name: t\ndatasets: [ring8]\n{extra}losses:\n{losses}", "t.yaml", ".", BuiltinComponents.Catalog());

    [Theory]
    [InlineData("0", "-0.0")]
    [InlineData("1", "1e0")]
    [InlineData("0.1", "0.10")]
    [InlineData("10", "1.0E+1")]
    [InlineData("0.5", "+0.5")]
    public void Two_arms_that_differ_only_in_spelling_are_the_same_trials(string a, string b)
    {
        var r = Load($"  - {{loss: wgan_gp, gp_weight: {a}, name: first}}\n  - {{loss: wgan_gp, gp_weight: {b}, name: second}}\n");
        Assert.False(r.Ok);
        Assert.Contains(r.Errors, e => e.Message.Contains("trains exactly the same trials as arm 'first'"));
    }

    [Fact]
    public void Negative_zero_is_read_as_zero_in_ids_labels_and_the_resolved_config()
    {
        var zero = Load("  - {loss: non_saturating, instance_noise: [0, 0.5]}\n");
        var negative = Load("  - {loss: non_saturating, instance_noise: [-0.0, 0.5]}\n");
        Assert.True(negative.Ok, string.Join("\n", negative.Errors));
        Assert.Equal(zero.Trials.Select(t => t.TrialId), negative.Trials.Select(t => t.TrialId));
        Assert.Equal("non_saturating instance_noise=0", negative.Trials[0].Arm);
        Assert.DoesNotContain("-0", ResolvedConfigWriter.ToYaml(negative.Config!, negative.Trials));
        Assert.Equal("0", TrialIds.Canonical(-0.0));
    }

    [Fact]
    public void A_sweep_listing_zero_and_negative_zero_lists_one_value_twice()
    {
        var r = Load("  - {loss: non_saturating, instance_noise: [0, -0.0]}\n");
        Assert.Contains(r.Errors, e => e.Message.Contains("listed twice"));
    }

    [Theory]
    [InlineData("train: {optimizer: {lr: 1.0e100}}\n", "train.optimizer.lr", "larger than float32")]
    [InlineData("train: {optimizer: {lr: 1.0e-50}}\n", "train.optimizer.lr", "round to 0")]
    [InlineData("", "losses[0].clip", "round to 0", "  - {loss: wgan, clip: 1.0e-45}\n")]
    [InlineData("", "losses[0].gp_weight", "larger than float32", "  - {loss: wgan_gp, gp_weight: 1.0e39}\n")]
    public void Numbers_float32_cannot_hold_are_errors(string extra, string key, string why, string? losses = null)
    {
        var r = Load(losses ?? "  - {loss: minimax}\n", extra);
        Assert.False(r.Ok);
        var e = Assert.Single(r.Errors);
        Assert.Contains(key, e.Message);
        Assert.Contains(why, e.Message);
    }
}
