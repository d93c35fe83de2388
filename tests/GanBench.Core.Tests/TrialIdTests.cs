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
            t with { Dataset = DatasetPresets.Get("grid25")! },
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
