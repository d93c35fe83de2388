using static GanBench.Core.Tests.ConfigText;
using GanBench.Training.Components;
using System.Diagnostics;
using GanBench.Core.Config;
using GanBench.Core.Datasets;

namespace GanBench.Core.Tests;

public class LoaderBehaviourTests
{
    private const string Head = "name: t\ndatasets: [ring8]\n";

    [Fact]
    public void Ring8_preset_matches_gan_toy_geometry()
    {
        var d = GanBench.Core.Datasets.DatasetKinds.Preset("ring8")!;
        Assert.Equal("ring", d.Type);
        Assert.Equal(8, d.Means.Count);
        for (int k = 0; k < 8; k++)
        {
            Assert.Equal(2 * Math.Cos(2 * Math.PI * k / 8) / 1.414, d.Means[k][0], 12);
            Assert.Equal(2 * Math.Sin(2 * Math.PI * k / 8) / 1.414, d.Means[k][1], 12);
        }
        Assert.Equal(0.02 / 1.414, d.Std, 15);
        Assert.Equal(1.0, d.Scale);
        // 2πk/8, not linspace(0, 2π, 8): no two means coincide.
        Assert.Equal(8, d.Means.Select(m => (Math.Round(m[0], 9), Math.Round(m[1], 9))).Distinct().Count());
    }

    [Fact]
    public void Grid25_preset_matches_gan_toy_geometry()
    {
        var d = GanBench.Core.Datasets.DatasetKinds.Preset("grid25")!;
        Assert.Equal(25, d.Means.Count);
        var expected = new HashSet<(double, double)>();
        for (int i = -2; i <= 2; i++)
        for (int j = -2; j <= 2; j++)
            expected.Add((Math.Round(2.0 * i / 2.828, 12), Math.Round(2.0 * j / 2.828, 12)));
        Assert.Equal(expected, d.Means.Select(m => (Math.Round(m[0], 12), Math.Round(m[1], 12))).ToHashSet());
        Assert.Equal(0.05 / 2.828, d.Std, 15);
    }

    [Fact]
    public void Swissroll_preset_keeps_raw_noise_and_scale()
    {
        var d = GanBench.Core.Datasets.DatasetKinds.Preset("swissroll")!;
        Assert.Equal(("swissroll", 0.25, 7.5), (d.Type, d.Noise, d.Scale));
        Assert.Empty(d.Means);
    }

    [Fact]
    public void Dataset_mappings_get_derived_names_and_equal_presets_at_defaults()
    {
        var r = Ok("name: t\nlosses: [{loss: minimax}]\ndatasets:\n  - {type: ring, modes: 6}\n  - {type: grid, side: 3, std: 0.1}\n" +
                   "  - {type: mixture, means: [[0, 0], [1, 1]], std: 0.05}\n  - {type: swissroll, noise: 0.5}\n  - {type: ring, name: myring, radius: 1, std: 0.01, scale: 1}\n");
        Assert.Equal(["ring6", "grid9-std0.1", "mixture2", "swissroll-noise0.5", "myring"], r.Config!.Datasets.Select(d => d.Name).ToArray());
        var ring = Ok("name: t\nlosses: [{loss: minimax}]\ndatasets: [{type: ring, modes: 8}]\n").Config!.Datasets[0];
        Assert.Equal("ring8", ring.Name);
        Assert.Equal(TrialIds.CanonicalJson(Trial(GanBench.Core.Datasets.DatasetKinds.Preset("ring8")!)), TrialIds.CanonicalJson(Trial(ring)));
        var mix = r.Config.Datasets[2];
        Assert.Equal([1.0, 1.0], mix.Means[1]);
        Assert.Equal(0.05, mix.Std);
    }

    private static TrialSpec Trial(DatasetSpec d) => new()
    {
        TrialId = "", Experiment = "x", Arm = "a", Dataset = d, Seed = 0,
        Loss = new LossSetup { Written = "minimax", Objective = "minimax" },
        Model = new(), Train = new(), Eval = new(),
    };

    [Fact]
    public void Defaults_fill_every_section()
    {
        var c = Ok(Head + "losses: [{loss: minimax}]\n").Config!;
        Assert.Equal("auto", c.Device);
        Assert.Equal([0], c.Seeds);
        Assert.Equal(new ModelConfig(), c.Model);
        Assert.Equal((2000, 256, 5), (c.Train.Iterations, c.Train.BatchSize, c.Train.CriticSteps));
        Assert.Equal(new OptimizerConfig { Type = "adam", Lr = 1e-4, Beta1 = 0.5, Beta2 = 0.9 }, c.Train.Optimizer);
        Assert.Equal(new EvalConfig { Every = 250, Samples = 2500, HqThresholdStd = 3 }, c.Eval);
    }

    [Fact]
    public void Wgan_expands_to_wasserstein_with_clip_001()
    {
        var t = Ok(Head + "losses: [{loss: wgan}]\n").Trials.Single();
        Assert.Equal(("wgan", "wasserstein", "none", 0.0, 0.01, "wgan"), (t.Loss.Written, t.Loss.Objective, t.Loss.Penalty, t.Loss.PenaltyWeight, t.Loss.Clip, t.Arm));
    }

    [Fact]
    public void Wgan_gp_expands_to_wasserstein_with_gp_penalty()
    {
        var trials = Ok(Head + "losses: [{loss: wgan_gp}, {loss: wgan_gp, gp_weight: [0.1, 1]}]\n").Trials;
        Assert.Equal(("wasserstein", "gp", 10.0, (double?)null, 1.0), (trials[0].Loss.Objective, trials[0].Loss.Penalty, trials[0].Loss.PenaltyWeight, trials[0].Loss.Clip, trials[0].Loss.Parameters["gp_target"]));
        Assert.Equal([10.0, 0.1, 1.0], trials.Select(t => t.Loss.PenaltyWeight));
        Assert.Equal(["wgan_gp", "wgan_gp gp_weight=0.1", "wgan_gp gp_weight=1"], trials.Select(t => t.Arm));
    }

    [Fact]
    public void Generic_keys_work_on_any_objective()
    {
        var trials = Ok(Head + "losses:\n  - {loss: non_saturating, clip: 0.05}\n  - {loss: wasserstein, gp_weight: 5}\n" +
                        "  - {loss: wasserstein, penalty: gp, gp_target: 0.5}\n  - {loss: minimax, critic_steps: [1, 2]}\n").Trials;
        Assert.Equal(0.05, trials[0].Loss.Clip);
        Assert.Equal("non_saturating clip=0.05", trials[0].Arm);
        Assert.Equal(("gp", 5.0), (trials[1].Loss.Penalty, trials[1].Loss.PenaltyWeight));
        Assert.Equal(("gp", 10.0, 0.5), (trials[2].Loss.Penalty, trials[2].Loss.PenaltyWeight, trials[2].Loss.Parameters["gp_target"]));
        Assert.Equal("wasserstein penalty=gp gp_target=0.5", trials[2].Arm);
        Assert.Equal([1, 2], trials.Skip(3).Select(t => t.Train.CriticSteps));
        Assert.Equal(["minimax critic_steps=1", "minimax critic_steps=2"], trials.Skip(3).Select(t => t.Arm));
    }

    [Fact]
    public void Grid_inside_an_arm_follows_key_order_and_name_keeps_swept_values()
    {
        var trials = Ok(Head + "losses:\n  - {loss: wgan, name: clipped, instance_noise: [0, 0.1], clip: [0.01, 0.1]}\n").Trials;
        Assert.Equal(["clipped instance_noise=0 clip=0.01", "clipped instance_noise=0 clip=0.1", "clipped instance_noise=0.1 clip=0.01", "clipped instance_noise=0.1 clip=0.1"],
            trials.Select(t => t.Arm));
        var named = Ok(Head + "losses: [{loss: wgan, name: plain-wgan, clip: 0.05}]\n").Trials.Single();
        Assert.Equal(("plain-wgan", 0.05), (named.Arm, named.Loss.Clip));
    }

    [Fact]
    public void Scalar_key_at_its_default_stays_out_of_the_label()
    {
        var t = Ok(Head + "losses: [{loss: wgan, clip: 0.01, instance_noise: 0}]\n").Trials.Single();
        Assert.Equal("wgan", t.Arm);
    }

    [Fact]
    public void Baseline_must_name_an_expanded_arm()
    {
        Assert.Equal("wgan clip=0.1", Ok(Head + "losses: [{loss: wgan, clip: [0.01, 0.1]}]\nbaseline: wgan clip=0.1\n").Config!.Baseline);
    }

    [Fact]
    public void Plugin_components_accept_their_own_parameters_only()
    {
        var catalog = BuiltinComponents.Catalog();
        catalog.Add(new ComponentDescriptor("margin_hinge", ComponentKind.Objective, "hinge loss",
            [new ParameterSpec("margin", 1.0, 0.0, double.PositiveInfinity, true, "hinge margin")]));
        var trials = Ok(Head + "losses:\n  - {loss: margin_hinge}\n  - {loss: margin_hinge, margin: [0.5, 2]}\n", catalog).Trials;
        Assert.Equal([1.0, 0.5, 2.0], trials.Select(t => t.Loss.Parameters["margin"]));
        Assert.Equal(["margin_hinge", "margin_hinge margin=0.5", "margin_hinge margin=2"], trials.Select(t => t.Arm));

        var bad = Load(Head + "losses:\n  - {loss: minimax, margin: 2}\n  - {loss: margin_hinge, margin: 0}\n", catalog);
        Assert.Contains(bad.Errors, e => e.Where!.Value.Line == 4 && e.Message.Contains("'margin' is a parameter of objective 'margin_hinge'"));
        Assert.Contains(bad.Errors, e => e.Where!.Value.Line == 5 && e.Message.Contains("must be > 0"));
    }

    [Fact]
    public void Legitimate_anchors_and_aliases_work()
    {
        var r = Ok(Head + "train:\n  optimizer: &opt {type: rmsprop, lr: 5.0e-5}\nlosses:\n  - {loss: wgan, optimizer: *opt}\n");
        Assert.Equal("rmsprop", r.Trials[0].Train.Optimizer.Type);
    }

    [Fact]
    public void Alias_bomb_fails_fast_without_exhausting_memory()
    {
        var yaml = Head + "losses: [{loss: minimax}]\ntrials:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
        string prev = "a";
        foreach (var c in "bcdefghi")
        {
            yaml += $"  {c}: &{c} [{string.Join(", ", Enumerable.Repeat("*" + prev, 9))}]\n";
            prev = c.ToString();
        }
        yaml += "  boom: *i\n";
        long before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var r = Load(yaml);
        Assert.True(sw.ElapsedMilliseconds < 1000);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 50_000_000);
        var e = Assert.Single(r.Errors);
        Assert.Contains("alias expansion exceeds 100000 values", e.Message);
    }

    [Fact]
    public void Trials_key_is_accepted_and_ignored()
    {
        var r = Ok(Head + "losses: [{loss: minimax}]\ntrials:\n  - {anything: goes}\n");
        Assert.Single(r.Trials);
    }

    [Fact]
    public void Missing_file_and_directory_are_errors_not_exceptions()
    {
        var missing = ExperimentLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-dir", "x.yaml"), BuiltinComponents.Catalog());
        var e = Assert.Single(missing.Errors);
        Assert.Null(e.Where);
        Assert.Contains("does not exist", e.Message);
        Assert.StartsWith("error: ", e.ToString());

        var dir = ExperimentLoader.Load(Path.GetTempPath(), BuiltinComponents.Catalog());
        Assert.Contains("is a directory", Assert.Single(dir.Errors).Message);
    }

    [Fact]
    public void Plugin_paths_resolve_relative_to_the_experiment_file()
    {
        var dir = Directory.CreateTempSubdirectory("ganbench-plugins").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "plugins"));
            File.WriteAllText(Path.Combine(dir, "plugins", "My.dll"), "");
            File.WriteAllText(Path.Combine(dir, "exp.yaml"), Head + "losses: [{loss: minimax}]\nplugins: [plugins/My.dll]\n");
            var r = ExperimentLoader.Load(Path.Combine(dir, "exp.yaml"), BuiltinComponents.Catalog());
            Assert.True(r.Ok, string.Join("\n", r.Errors));
            Assert.Equal(Path.Combine(dir, "plugins", "My.dll"), Assert.Single(r.Config!.Plugins));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Bom_and_crlf_are_accepted()
    {
        var r = Ok("\uFEFF" + (Head + "losses: [{loss: minimax}]\n").Replace("\n", "\r\n"));
        Assert.Equal("t", r.Config!.Name);
    }

    [Fact]
    public void Errors_from_every_section_come_together_in_file_order()
    {
        var r = Load("name: t\nseeds: [0, 0]\ndatasets: [ring9]\ntrain: {iterations: 0}\nlosses: [{loss: nope}]\neval: {samples: x}\n");
        Assert.Equal([2, 3, 4, 5, 6], r.Errors.Select(e => e.Where!.Value.Line));
    }

    [Theory]
    [InlineData("iteratons", "iterations")]
    [InlineData("batchsize", "batch_size")]
    [InlineData("critc_steps", "critic_steps")]
    [InlineData("sedes", "seeds")]
    public void Suggestions_find_the_intended_key(string typo, string intended) =>
        Assert.Equal(intended, Suggest.Nearest(typo, [.. ConfigReaderKeys.All]));

    [Fact]
    public void No_suggestion_for_unrelated_words() => Assert.Null(Suggest.Nearest("banana", ["iterations", "seeds", "losses"]));
}

internal static class ConfigReaderKeys
{
    public static readonly string[] All =
        ["name", "description", "device", "seeds", "datasets", "model", "train", "losses", "eval", "iterations", "batch_size", "critic_steps", "optimizer"];
}
