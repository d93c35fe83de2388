using GanBench.Core.Config;
using GanBench.Core.Config.Rules;
using GanBench.Core.Config.Sweep;
using GanBench.Core.Datasets;

namespace GanBench.Core.Tests.Config;

/// <summary>Sweep expansion and the cross-field rules, without YAML: plain records in, trials or violations out.</summary>
public class SweepExpanderTests
{
    private static readonly SourceSpan At = new("t.yaml", 3, 5);

    private static ExperimentConfig Config(int seeds = 2, params string[] datasets) => new()
    {
        Name = "t",
        Seeds = [.. Enumerable.Range(0, seeds)],
        Datasets = [.. (datasets.Length == 0 ? ["ring8"] : datasets).Select(n => DatasetKinds.Preset(n)!)],
        Model = new ModelConfig(),
        Train = new TrainConfig(),
        Arms = [],
        Eval = new EvalConfig(),
    };

    private static SweepArm Arm(string loss, string? name = null, params SweepKey[] sweep) => new(
        new ArmSpec { Span = At, Loss = loss, Label = name, Sweep = sweep, Settings = new Dictionary<string, string>() },
        Objective: loss == "wgan_gp" ? "wasserstein" : loss, Penalty: loss == "wgan_gp" ? "gp" : "none", DefaultPenalty: loss == "wgan_gp" ? "gp" : "none",
        DefaultClip: null, DefaultPenaltyWeight: 10, Parameters: []);

    private static SweepKey List(string key, params double[] values) => new(key, values, IsList: true, At);
    private static SweepKey Scalar(string key, double value) => new(key, [value], IsList: false, At);

    [Fact]
    public void Arms_expand_as_a_grid_times_datasets_times_seeds_in_file_order()
    {
        var arms = new[] { Arm("non_saturating"), Arm("wgan_gp", null, List("gp_weight", 1, 10), List("instance_noise", 0, 0.5)) };
        var result = SweepExpander.Expand(Config(2, "ring8", "grid25"), arms);
        Assert.Empty(result.Problems);
        Assert.Equal((1 + 4) * 2 * 2, result.Trials.Count);
        Assert.Equal(["non_saturating", "wgan_gp gp_weight=1 instance_noise=0", "wgan_gp gp_weight=1 instance_noise=0.5",
            "wgan_gp gp_weight=10 instance_noise=0", "wgan_gp gp_weight=10 instance_noise=0.5"], result.Labels);
        Assert.Equal(["ring8", "ring8", "grid25", "grid25"], result.Trials.Take(4).Select(t => t.Dataset.Name));
        Assert.Equal(1.0, result.Trials.First(t => t.Arm.StartsWith("wgan_gp gp_weight=1 ")).Loss.PenaltyWeight);
        Assert.Equal(result.Trials.Count, result.Trials.Select(t => t.TrialId).Distinct().Count());
    }

    [Fact]
    public void A_scalar_at_its_default_stays_out_of_the_label_and_a_value_that_is_not_shows()
    {
        var result = SweepExpander.Expand(Config(1), [Arm("wgan_gp", null, Scalar("gp_weight", 10)), Arm("wgan_gp", "strong", Scalar("gp_weight", 20))]);
        Assert.Equal(["wgan_gp", "strong"], result.Labels);
        var other = SweepExpander.Expand(Config(1), [Arm("wgan_gp", null, Scalar("gp_weight", 20))]);
        Assert.Equal(["wgan_gp gp_weight=20"], other.Labels);
    }

    [Fact]
    public void Duplicate_labels_and_identical_trials_are_problems_at_their_arm()
    {
        var result = SweepExpander.Expand(Config(1), [Arm("non_saturating"), Arm("non_saturating"), Arm("non_saturating", "again")]);
        Assert.Equal([1, 2], result.Problems.Select(p => p.Arm));
        Assert.Contains("produced twice", result.Problems[0].Message);
        Assert.Contains("trains exactly the same trials as arm 'non_saturating'", result.Problems[1].Message);
        Assert.Single(result.Trials);
    }

    [Fact]
    public void A_sweep_over_the_limit_is_refused_before_anything_is_expanded()
    {
        var big = Enumerable.Range(0, 400).Select(i => (double)i).ToArray();
        var result = SweepExpander.Expand(Config(300), [Arm("wgan_gp", null, List("gp_weight", big))]);
        Assert.Empty(result.Trials);
        Assert.Null(Assert.Single(result.Problems).Arm);
        Assert.Contains("120000 trials; the limit is 100000", result.Problems[0].Message);
    }

    [Fact]
    public void Cross_field_rules_name_the_key_they_concern()
    {
        var conv = Config(1) with { Model = new ModelConfig { Critic = new NetworkConfig { Type = NetworkConfig.Conv } }, Protocol = new ProtocolConfig { Kind = ProtocolConfig.FrozenGenerator } };
        var written = new HashSet<string> { "model", "protocol", "eval.classifier", "data_dir" };
        var found = ConfigRules.Check(new RuleContext(conv, written, DatasetsComplete: true)).ToList();
        Assert.Equal(["model", "data_dir", "eval.classifier"], found.Select(v => v.KeyPath));
        Assert.Contains("ring8 is 2-D point data", found[0].Message);

        var images = Config(1, "fashion_mnist") with { Protocol = new ProtocolConfig { Kind = ProtocolConfig.FixedGenerator } };
        var protocol = Assert.Single(ConfigRules.Check(new RuleContext(images, new HashSet<string> { "protocol", "eval.classifier" }, true)));
        Assert.Equal("protocol", protocol.KeyPath);
        Assert.Contains("fashion_mnist is an image dataset", protocol.Message);
        // Nothing written, nothing to object to.
        Assert.Empty(ConfigRules.Check(new RuleContext(conv, new HashSet<string>(), true)));
    }
}
