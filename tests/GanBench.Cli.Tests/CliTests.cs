using System.Globalization;
using System.Text.Json;
using GanBench.Cli;
using GanBench.Core.Results;

namespace GanBench.Cli.Tests;

/// <summary>End to end through the command line, in process: exit codes, files and messages.</summary>
public class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-cli-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private const string TinyExperiment = """
        name: tiny
        seeds: [0, 1]
        datasets: [ring8, grid25]
        model:
          latent_dim: 2
          generator: { hidden: 16, layers: 2 }
          critic: { hidden: 16, layers: 2 }
        train: { iterations: 12, batch_size: 32, critic_steps: 2, optimizer: { type: adam, lr: 1.0e-3 } }
        losses:
          - { loss: minimax }
          - { loss: wgan, clip: 0.05, optimizer: { type: rmsprop, lr: 5.0e-4 } }
          - { loss: wgan_gp, gp_weight: [0.1, 1] }
          - { loss: non_saturating, instance_noise: 0.1 }
        eval: { every: 6, samples: 300 }
        """;

    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_tiny_sweep_writes_every_results_file_and_a_rerun_resumes_without_duplicates()
    {
        var yaml = Write("tiny.yaml", TinyExperiment);
        var outDir = Path.Combine(_dir, "out");

        var (code, stdout, stderr) = Cli(yaml, "--out", outDir, "--device", "cpu", "--jobs", "1");
        Assert.True(code == 0, stderr);
        Assert.Contains("20 trial(s)", stdout);

        var runs = RunsCsv.ReadRuns(Path.Combine(outDir, "runs.csv"));
        Assert.Equal(20, runs.Count); // (1 + 1 + 2 + 1) arms × 2 datasets × 2 seeds
        Assert.Equal(20, runs.Select(r => r.Trial.TrialId).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(TrialStatus.Ok, r.Trial.Status));
        Assert.All(runs, r => Assert.Equal(12, r.Steps));
        var wgan = runs.First(r => r.Setup.Loss == "wgan");
        Assert.Equal((0.05, "after", "wasserstein", "none"), (wgan.Setup.Clip, wgan.Setup.ClipMode, wgan.Setup.Objective, wgan.Setup.Penalty));
        Assert.True(wgan.Trial.Metrics["clip_saturation"] is >= 0 and <= 1);
        Assert.Equal(0.1, runs.First(r => r.Setup.Loss == "non_saturating").Setup.InstanceNoise);
        var gp = runs.Last(r => r.Setup.Loss == "wgan_gp").Setup;
        Assert.Equal(("gp", 1.0, 1.0), (gp.Penalty, gp.PenaltyWeight, gp.Options["gp_target"]));
        foreach (var metric in new[] { "modes_covered", "hq_fraction", "w1_exact", "w1_sliced", "critic_w_estimate", "g_grad_norm", "d_grad_norm", "critic_lipschitz_max" })
            Assert.All(runs, r => Assert.True(r.Trial.Metrics[metric] is double v && double.IsFinite(v), metric));

        var curves = RunsCsv.ReadCurves(Path.Combine(outDir, "curves.csv"));
        Assert.Equal(20 * 3, curves.Count); // steps 0, 6, 12
        Assert.True(File.Exists(Path.Combine(outDir, "summary.md")));
        Assert.True(File.Exists(Path.Combine(outDir, "summary.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "config.resolved.yaml")));
        var layerRows = File.ReadAllLines(Path.Combine(outDir, "layer_grads.csv"));
        Assert.Equal(1 + 20 * 3 * 2 * 3, layerRows.Length); // header + trials × evals × networks × layers

        var again = Cli(yaml, "--out", outDir, "--device", "cpu", "--jobs", "1");
        Assert.Equal(0, again.Code);
        Assert.Contains("20 already done", again.Out);
        Assert.Equal(20, RunsCsv.ReadRuns(Path.Combine(outDir, "runs.csv")).Count);
        Assert.Equal(60, RunsCsv.ReadCurves(Path.Combine(outDir, "curves.csv")).Count);

        // Changing what the numbers depend on makes the old rows incomparable: refuse, touch nothing.
        var changed = Write("tiny.yaml", TinyExperiment.Replace("lr: 1.0e-3", "lr: 2.0e-3"));
        var before = File.ReadAllText(Path.Combine(outDir, "runs.csv"));
        var refused = Cli(changed, "--out", outDir, "--jobs", "1");
        Assert.Equal(2, refused.Code);
        Assert.Contains("--out", refused.Err);
        // The refusal names the key that changed, not an internal file.
        Assert.Contains("train.optimizer.lr was 0.001, now 0.002", refused.Err);
        Assert.Equal(before, File.ReadAllText(Path.Combine(outDir, "runs.csv")));
    }

    [Fact]
    public void Invalid_experiment_prints_every_problem_with_its_position_exits_2_and_writes_nothing()
    {
        var yaml = Write("bad.yaml", "name: bad\ndatasets: [ring9]\nlosses:\n  - { loss: wgan_gpp }\ntrain: { iteratons: 5 }\n");
        var outDir = Path.Combine(_dir, "never");
        var (code, stdout, stderr) = Cli(yaml, "--out", outDir, "--jobs", "1");
        Assert.Equal(2, code);
        var lines = stderr.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{yaml}:2:", lines[0]);
        Assert.Contains("ring8", lines[0]);
        Assert.StartsWith($"{yaml}:4:", lines[1]);
        Assert.StartsWith($"{yaml}:5:", lines[2]);
        Assert.Contains("iterations", lines[2]);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(outDir));
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Validate_lists_expanded_trials_and_shorthand_expansions_without_training()
    {
        var (code, stdout, _) = Cli("validate", Write("tiny.yaml", TinyExperiment));
        Assert.Equal(0, code);
        Assert.Contains("# ok: 20 trial(s) in 5 arm(s)", stdout);
        Assert.Contains("objective: wasserstein", stdout);
        Assert.Contains("penalty: gp", stdout);
    }

    [Fact]
    public void List_names_every_dataset_loss_penalty_and_metric()
    {
        var (code, stdout, _) = Cli("list");
        Assert.Equal(0, code);
        foreach (var name in new[] { "ring8", "grid25", "swissroll", "minimax", "non_saturating", "wasserstein", "wgan", "wgan_gp", "gp", "gp_target", "w1_exact", "modes_covered" })
            Assert.Contains(name, stdout);
    }

    [Fact]
    public void Metrics_w1_matches_pot_and_broken_input_exits_2_naming_file_and_line()
    {
        var a = Write("a.csv", "x,y\n0,0\n1,0\n");
        var b = Write("b.csv", "x,y\n0,1\n1,1\n2,2\n");
        var (code, stdout, _) = Cli("metrics", "w1", a, b);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        // ot.emd2(ones(2)/2, ones(3)/3, ot.dist(a, b, metric='euclidean')) with POT 0.8.2.
        Assert.Equal(1.4810582528954457, json.RootElement.GetProperty("w1_exact").GetDouble(), 12);
        Assert.True(json.RootElement.GetProperty("w1_sliced").GetDouble() <= 1.4810582528954457);

        var broken = Write("c.csv", "x,y\n0,1\n0,abc\n");
        var bad = Cli("metrics", "w1", a, broken);
        Assert.Equal(2, bad.Code);
        Assert.StartsWith($"{broken}:3:", bad.Err);
        Assert.Single(bad.Err.Trim().Split('\n'));
    }

    [Fact]
    public void Metrics_modes_scores_a_five_mode_sample_of_ring8()
    {
        var lines = new List<string> { "x,y" };
        for (int i = 0; i < 100; i++)
        {
            double angle = 2 * Math.PI * (i % 5) / 8;
            lines.Add(FormattableString.Invariant($"{2 * Math.Cos(angle) / 1.414},{2 * Math.Sin(angle) / 1.414}"));
        }
        var (code, stdout, stderr) = Cli("metrics", "modes", "--dataset", "ring8", Write("s.csv", string.Join("\n", lines)));
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(5, json.RootElement.GetProperty("modes_covered").GetInt32());
        Assert.Equal(1.0, json.RootElement.GetProperty("hq_fraction").GetDouble());
        Assert.Equal(Math.Log(8.0 / 5), json.RootElement.GetProperty("reverse_kl").GetDouble(), 12);
        Assert.True(json.RootElement.GetProperty("w1_exact").GetDouble() > 0);

        var far = Cli("metrics", "modes", "--dataset", "ring8", Write("far.csv", "x,y\n50,50\n"));
        Assert.Equal(0, far.Code);
        using var farJson = JsonDocument.Parse(far.Out);
        Assert.Equal(JsonValueKind.Null, farJson.RootElement.GetProperty("reverse_kl").ValueKind);
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "metrics", "w2" }, "did you mean 'w1'")]
    [InlineData(new[] { "metrics", "modes", "--dataset", "swissrol", "x.csv" }, "not a mixture dataset")]
    [InlineData(new[] { "validate" }, "expected 1 argument")]
    [InlineData(new[] { "run", "x.yaml", "--device", "tpu" }, "--device 'tpu'")]
    public void Command_line_mistakes_exit_2_with_one_line(string[] args, string fragment)
    {
        var (code, _, stderr) = Cli(args);
        Assert.Equal(2, code);
        Assert.Contains(fragment, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
