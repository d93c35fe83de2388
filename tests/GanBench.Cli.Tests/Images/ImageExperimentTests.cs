using GanBench.Training.Components;
using System.Globalization;
using GanBench.Core.Results;
using GanBench.Training.Images;

namespace GanBench.Cli.Tests.Images;

/// <summary>In-process image runs train the domain classifier after seeding torch's process-wide
/// generator, so they run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(GlobalTorchSeed), DisableParallelization = true)]
public sealed class GlobalTorchSeed;

/// <summary>An image experiment through the command line: data found or refused, trials trained with conv networks, image metrics and grids written.</summary>
[Collection(nameof(GlobalTorchSeed))]
public sealed class ImageExperimentTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ganbench-images").FullName;

    public ImageExperimentTests()
    {
        ImageSetup.CacheFolder = Path.Combine(_root, "cache");
    }

    public void Dispose()
    {
        ImageSetup.CacheFolder = null;
        ImageSetup.SystemDataFolder = null;
        Directory.Delete(_root, true);
    }

    private string Experiment(string dataDir, string extra = "")
    {
        var yaml = Path.Combine(_root, "images.yaml");
        File.WriteAllText(yaml, string.Create(CultureInfo.InvariantCulture, $"""
            name: images
            data_dir: {dataDir}
            seeds: [0]
            datasets: [fashion_mnist, stacked_fashion_mnist]
            model: {"{"}latent_dim: 8, generator: {"{"}type: conv, width: 4, norm: batch{"}"}, critic: {"{"}type: conv, width: 4, norm: layer{"}"}{"}"}
            train: {"{"}iterations: 4, batch_size: 16, critic_steps: 2{"}"}
            eval: {"{"}every: 2, samples: 40, image_samples: 300, classifier: {"{"}epochs: 3, width: 4{"}"}{"}"}
            losses: [{"{"}loss: wgan_gp{"}"}, {"{"}loss: non_saturating{"}"}]
            {extra}
            """));
        return yaml;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Conv_trials_on_both_image_datasets_write_image_metrics_and_sample_grids()
    {
        var data = SyntheticImages.WriteDataSet(Path.Combine(_root, "data"));
        var results = Path.Combine(_root, "out");
        var (code, stdout, stderr) = InProcessCli.Run(Experiment(data), "--out", results, "--device", "cpu", "--jobs", "1", "--plain");
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("image data: " + data, stdout);
        Assert.Contains("domain classifier", stdout);

        var runs = RunsCsv.ReadTrials(Path.Combine(results, "runs.csv"));
        Assert.Equal(4, runs.Count);
        Assert.All(runs, r => Assert.Equal(TrialStatus.Ok, r.Status));
        foreach (var r in runs)
        {
            foreach (var metric in new[] { "classes_covered", "class_kl", "fcd", "precision", "recall", "density", "coverage", "w1_sliced", "critic_lipschitz_max", "g_grad_norm" })
                Assert.True(r.Metrics.TryGetValue(metric, out var v) && v is not null, $"{r.Arm} on {r.Dataset}: {metric} missing");
            Assert.False(r.Metrics.TryGetValue("w1_exact", out var exact) && exact is not null, "exact W1 is not computed on images");
            bool stacked = r.Dataset == "stacked_fashion_mnist";
            Assert.Equal(stacked, r.Metrics.TryGetValue("mode_kl", out var kl) && kl is not null);
            if (stacked) Assert.InRange(r.Metrics["modes_covered"]!.Value, 1, 1000);
            var images = TrialArtifacts.ReadImages(results, r.TrialId);
            Assert.NotEmpty(images);
            Assert.Equal(64, images[^1].Images.Count);
            Assert.Equal(stacked ? 3 : 1, images[^1].Images[0].Length);
        }
        Assert.True(File.Exists(Path.Combine(results, "plots", "images_fashion_mnist_wgan_gp.png")));
        Assert.True(File.Exists(Path.Combine(results, "plots", "images_stacked_fashion_mnist_non_saturating.png")));
        Assert.Contains("fcd", File.ReadAllText(Path.Combine(results, "summary.md")));
    }

    [Fact]
    public void Missing_data_is_a_usage_error_that_says_how_to_get_it_and_writes_nothing()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        ImageSetup.SystemDataFolder = Path.Combine(_root, "no-system-copy");
        var results = Path.Combine(_root, "out");
        var (code, stdout, stderr) = InProcessCli.Run(Experiment(empty), "--out", results, "--device", "cpu", "--jobs", "1", "--plain");
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("apt-get install dataset-fashion-mnist", line);
        Assert.Contains(empty, line);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(results));
    }

    [Fact]
    public void Shards_of_a_mixed_point_and_image_experiment_write_one_header_and_merge()
    {
        var data = SyntheticImages.WriteDataSet(Path.Combine(_root, "data"), train: 300, test: 100);
        // A seed whose ring8 and fashion_mnist trials hash to different shards, so that each shard
        // runs one kind only and would otherwise write only its own kind's metric columns.
        string yaml = "";
        for (int seed = 0; seed < 200; seed++)
        {
            yaml = Path.Combine(_root, "mixed.yaml");
            File.WriteAllText(yaml, $"name: mixed\ndata_dir: {data}\nseeds: [{seed}]\ndatasets: [ring8, fashion_mnist]\n" +
                "model: {latent_dim: 4, generator: {hidden: 8, layers: 1}, critic: {hidden: 8, layers: 1}}\n" +
                "train: {iterations: 2, batch_size: 8, critic_steps: 1}\neval: {every: 2, samples: 20, image_samples: 20, classifier: {epochs: 1, width: 2}}\nlosses: [{loss: non_saturating}]\n");
            var trials = GanBench.Core.Config.ExperimentLoader.Load(yaml, GanBench.Training.Components.BuiltinComponents.Catalog()).Trials;
            if (trials.Select(t => ShardSpec.ShardOf(t.TrialId, 2)).Distinct().Count() == 2) break;
        }
        var results = Path.Combine(_root, "out");
        foreach (var shard in new[] { "0/2", "1/2" })
        {
            var (code, stdout, stderr) = InProcessCli.Run(yaml, "--out", results, "--device", "cpu", "--shard", shard, "--jobs", "1", "--plain");
            Assert.True(code == 0, stdout + stderr);
        }
        var headers = Directory.GetFiles(Path.Combine(results, ShardSpec.ShardsFolder), "runs.csv", SearchOption.AllDirectories).Select(f => File.ReadLines(f).First()).ToList();
        Assert.Equal(2, headers.Count);
        Assert.Single(headers.Distinct());
        Assert.Contains("w1_exact", headers[0]);
        Assert.Contains("fcd", headers[0]);
        var (merged, mergeOut, mergeErr) = InProcessCli.Run("merge", results);
        Assert.True(merged == 0, mergeOut + mergeErr);
        Assert.Equal(2, RunsCsv.ReadTrials(Path.Combine(results, "runs.csv")).Count);
    }

    [Fact]
    public void Validate_says_where_the_image_data_is_or_that_run_will_stop()
    {
        var data = SyntheticImages.WriteDataSet(Path.Combine(_root, "data"));
        var (code, stdout, _) = InProcessCli.Run("validate", Experiment(data));
        Assert.Equal(0, code);
        Assert.Contains("# image data: " + data, stdout);

        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        ImageSetup.SystemDataFolder = Path.Combine(_root, "no-system-copy");
        (code, stdout, _) = InProcessCli.Run("validate", Experiment(empty));
        Assert.Equal(0, code);
        Assert.Contains("# note: run will stop here: ", stdout);
        Assert.Contains("apt-get install dataset-fashion-mnist", stdout);
    }

    [Fact]
    public void A_truncated_file_is_a_usage_error_naming_the_file()
    {
        var data = SyntheticImages.WriteDataSet(Path.Combine(_root, "data"));
        var labels = Path.Combine(data, "t10k-labels-idx1-ubyte.gz");
        File.Delete(labels);
        SyntheticImages.Write(data, "t10k-labels-idx1-ubyte.gz", SyntheticImages.LabelsFile(new byte[50])); // 50 labels for 400 images
        var (code, _, stderr) = InProcessCli.Run(Experiment(data), "--out", Path.Combine(_root, "out"), "--device", "cpu", "--jobs", "1", "--plain");
        Assert.Equal(2, code);
        Assert.Contains("t10k-labels-idx1-ubyte.gz", stderr);
        Assert.Contains("400", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
