using static GanBench.Core.Tests.ConfigText;
using GanBench.Training.Components;
using GanBench.Core.Config;
using GanBench.Core.Results;

namespace GanBench.Core.Tests;

/// <summary>The YAML surface of image experiments: datasets, conv models, data_dir and the image eval keys.</summary>
public class ImageConfigTests
{
    private const string Losses = "losses: [{loss: wgan_gp}]\n";

    [Fact]
    public void Image_presets_and_mapping_forms_give_1_and_3_channel_datasets()
    {
        var r = Ok("name: t\ndatasets: [fashion_mnist, {type: stacked_fashion_mnist, name: stacked}]\n" + Losses);
        var (plain, stacked) = (r.Config!.Datasets[0], r.Config.Datasets[1]);
        Assert.Equal((1, 784, "fashion_mnist"), (plain.ImageChannels, plain.Dimension, plain.Name));
        Assert.Equal((3, 3 * 784, "stacked"), (stacked.ImageChannels, stacked.Dimension, stacked.Name));
        Assert.Equal(10, ((GanBench.Core.Datasets.Kinds.ImageKind)GanBench.Core.Datasets.DatasetKinds.Of(plain)).Modes);
        Assert.Equal(1000, ((GanBench.Core.Datasets.Kinds.ImageKind)GanBench.Core.Datasets.DatasetKinds.Of(stacked)).Modes);
        Assert.Equal(10_000, r.Config.Eval.ImageSamples);
    }

    [Fact]
    public void Conv_networks_read_width_and_norm_and_reject_mlp_keys()
    {
        var r = Ok("name: t\ndatasets: [fashion_mnist]\nmodel: {latent_dim: 64, generator: {type: conv, width: 16, norm: batch}, critic: {type: conv, width: 8, norm: layer}}\n" + Losses);
        Assert.Equal((NetworkConfig.Conv, 16, "batch"), (r.Config!.Model.Generator.Type, r.Config.Model.Generator.Width, r.Config.Model.Generator.Norm));
        Assert.Equal((8, "layer"), (r.Config.Model.Critic.Width, r.Config.Model.Critic.Norm));

        var bad = Load("name: t\ndatasets: [fashion_mnist]\nmodel:\n  generator: {type: conv, hidden: 64, norm: group}\n" + Losses);
        Assert.Contains(bad.Errors, e => e.Message.Contains("model.generator.hidden applies to type mlp, not conv") && e.Where!.Value.Line == 4);
        Assert.Contains(bad.Errors, e => e.Message.Contains("model.generator.norm") && e.Message.Contains("group"));
        var mlpWidth = Load("name: t\ndatasets: [ring8]\nmodel: {critic: {type: mlp, width: 3}}\n" + Losses);
        Assert.Contains(mlpWidth.Errors, e => e.Message.Contains("model.critic.width applies to type conv, not mlp"));
    }

    [Fact]
    public void A_conv_model_on_point_data_is_an_error_naming_the_point_datasets()
    {
        var bad = Load("name: t\ndatasets: [ring8, fashion_mnist, grid25]\nmodel:\n  critic: {type: conv}\n" + Losses);
        var error = Assert.Single(bad.Errors);
        Assert.Contains("ring8, grid25 are 2-D point data", error.Message);
        Assert.Equal(4, error.Where!.Value.Line); // the model mapping, whose critic asks for conv
    }

    [Fact]
    public void An_mlp_may_train_on_images_and_protocols_stay_on_points()
    {
        Ok("name: t\ndatasets: [fashion_mnist]\n" + Losses);
        var bad = Load("name: t\ndatasets: [fashion_mnist]\nprotocol: {kind: frozen_generator}\n" + Losses);
        Assert.Contains(bad.Errors, e => e.Message.Contains("protocol: kind frozen_generator runs on 2-D point datasets only; fashion_mnist is an image dataset"));
    }

    [Fact]
    public void Data_dir_is_resolved_against_the_experiment_folder_and_must_exist()
    {
        var root = Directory.CreateTempSubdirectory("ganbench-datadir").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "idx"));
            var r = Ok("name: t\ndata_dir: idx\ndatasets: [fashion_mnist]\n" + Losses, baseDirectory: root);
            Assert.Equal(Path.Combine(root, "idx"), r.Config!.DataDir);
            Assert.All(r.Trials, t => Assert.Equal(r.Config.DataDir, t.DataDir));

            var bad = Load("name: t\ndata_dir: nowhere\ndatasets: [fashion_mnist]\n" + Losses, baseDirectory: root);
            var error = Assert.Single(bad.Errors);
            Assert.Equal((2, 11), (error.Where!.Value.Line, error.Where!.Value.Column));
            Assert.Contains("data_dir 'nowhere' is not a folder", error.Message);
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void Image_eval_keys_are_range_checked_and_enter_only_image_trial_ids()
    {
        var r = Ok("name: t\ndatasets: [ring8, fashion_mnist]\neval: {image_samples: 2000, classifier: {epochs: 2, width: 16, seed: 3}}\n" + Losses);
        Assert.Equal(2000, r.Config!.Eval.ImageSamples);
        Assert.Equal(new ClassifierConfig { Epochs = 2, Width = 16, Seed = 3 }, r.Config.Eval.Classifier);

        var baseline = Ok("name: t\ndatasets: [ring8, fashion_mnist]\n" + Losses);
        var ring = (r.Trials.Single(t => t.Dataset.Name == "ring8").TrialId, baseline.Trials.Single(t => t.Dataset.Name == "ring8").TrialId);
        var images = (r.Trials.Single(t => t.Dataset.IsImage).TrialId, baseline.Trials.Single(t => t.Dataset.IsImage).TrialId);
        Assert.Equal(ring.Item2, ring.Item1);
        Assert.NotEqual(images.Item2, images.Item1);

        var bad = Load("name: t\ndatasets: [fashion_mnist]\neval: {image_samples: 5, classifier: {epochs: 0, depth: 2}}\n" + Losses);
        Assert.Contains(bad.Errors, e => e.Message.Contains("eval.image_samples"));
        Assert.Contains(bad.Errors, e => e.Message.Contains("eval.classifier.epochs"));
        Assert.Contains(bad.Errors, e => e.Message.Contains("depth"));
    }

    [Fact]
    public void Resolved_config_of_an_image_experiment_loads_back_to_the_same_trial_ids()
    {
        var r = Ok("name: t\ndatasets: [fashion_mnist, stacked_fashion_mnist]\nmodel: {latent_dim: 32, generator: {type: conv, width: 8, norm: batch}, critic: {type: conv, width: 8}}\neval: {image_samples: 500}\n" + Losses);
        var text = ResolvedConfigWriter.ToYaml(r.Config!, r.Trials);
        Assert.Contains("generator: {type: conv, width: 8, norm: batch}", text);
        var again = Ok(text);
        Assert.Equal(r.Trials.Select(t => t.TrialId), again.Trials.Select(t => t.TrialId));
    }

    [Fact]
    public void Image_metric_columns_appear_only_when_an_image_dataset_does()
    {
        var points = MetricCatalog.Columns([MetricScope.Points], [ProtocolConfig.Standard]);
        var images = MetricCatalog.Columns([MetricScope.Images], [ProtocolConfig.Standard]);
        Assert.DoesNotContain("fcd", points);
        Assert.Contains("modes_covered", points);
        Assert.Equal(["classes_covered", "class_kl", "mode_kl", "fcd", "precision", "recall", "density", "coverage"], images.Except(points));
        Assert.Equal(["hq_fraction", "reverse_kl", "mode_entropy", "w1_exact", "w_tightness"], points.Except(images));
        Assert.Equal(MetricDirection.LowerIsBetter, MetricCatalog.Get("fcd").Direction);
        Assert.Equal(MetricDirection.HigherIsBetter, MetricCatalog.Get("coverage").Direction);
    }

    [Fact]
    public void Image_only_keys_on_a_point_only_experiment_are_errors_not_silently_ignored()
    {
        var bad = Load("name: t\ndatasets: [ring8]\ndata_dir: .\neval: {image_samples: 500, classifier: {epochs: 2}}\n" + Losses);
        Assert.Equal(3, bad.Errors.Count);
        Assert.Contains(bad.Errors, e => e.Message.StartsWith("data_dir applies to image datasets") && e.Where!.Value.Line == 3);
        Assert.Contains(bad.Errors, e => e.Message.StartsWith("eval.image_samples applies to image datasets"));
        Assert.Contains(bad.Errors, e => e.Message.StartsWith("eval.classifier applies to image datasets"));
    }
}
