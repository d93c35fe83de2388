using GanBench.Core.Config;
using GanBench.Core.Data;
using GanBench.Training.Images;
using TorchSharp;
using static TorchSharp.torch;

using GanBench.Training.Tests.Survival;

namespace GanBench.Training.Tests.Images;

/// <summary>
/// The real-versus-real row: two disjoint halves of the same real images must look alike to every
/// metric (FCD near 0, coverage near 1 − 2⁻⁵, class KL near 0), and an obviously wrong sample
/// must not.
/// </summary>
[Collection(nameof(GlobalTorchSeed))]
public sealed class ImageMetricsSanityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ganbench-sanity").FullName;

    public void Dispose() => Directory.Delete(_root, true);

    [Fact]
    public void Disjoint_real_halves_agree_and_a_collapsed_sample_does_not()
    {
        var folder = SyntheticImages.WriteDataSet(Path.Combine(_root, "data"), test: 2000);
        var data = ImageDataLoader.Load(ImageDataLocator.Locate(folder));
        var classifier = ClassifierCache.GetOrTrain(data, new ClassifierConfig { Epochs = 3, Width = 4 }, torch.CPU, Path.Combine(_root, "cache")).Model;
        using var test = ImageDataStore.ToTensor(data.TestImages, torch.CPU);
        // First and second half: disjoint, and (labels cycle 0..9) with the same class balance.
        using var first = test.narrow(0, 0, 1000);
        using var second = test.narrow(0, 1000, 1000);
        var evaluator = new ImageEvaluator(classifier, GanBench.Core.Datasets.DatasetKinds.Preset(GanBench.Core.Datasets.Kinds.FashionMnist.TypeName)!, first, seed: 0);

        var same = evaluator.Evaluate(second);
        Assert.Equal(10, same["classes_covered"]);
        Assert.InRange(same["class_kl"]!.Value, 0, 0.01);
        Assert.InRange(same["coverage"]!.Value, 1 - Math.Pow(2, -5) - 0.05, 1.0);
        Assert.InRange(same["precision"]!.Value, 0.75, 1.0);
        Assert.InRange(same["recall"]!.Value, 0.75, 1.0);
        Assert.InRange(same["density"]!.Value, 0.8, 1.2);

        // One class only, repeated: what a collapsed generator produces.
        using var collapsed = first.narrow(0, 0, 1).expand(1000, 1, 28, 28).contiguous();
        var bad = evaluator.Evaluate(collapsed);
        Assert.Equal(1, bad["classes_covered"]);
        Assert.Equal(Math.Log(10), bad["class_kl"]!.Value, 6);
        Assert.True(bad["fcd"] > 20 * Math.Max(same["fcd"]!.Value, 1e-3), $"collapsed fcd {bad["fcd"]} vs real-vs-real {same["fcd"]}");
        Assert.InRange(bad["coverage"]!.Value, 0, 0.05);
        Assert.InRange(bad["recall"]!.Value, 0, 0.05);
        Assert.True(bad["w1_sliced"] > same["w1_sliced"]);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Stacked_images_are_classified_channel_by_channel_into_1000_modes()
    {
        var folder = SyntheticImages.WriteDataSet(Path.Combine(_root, "data"), test: 1000);
        var data = ImageDataLoader.Load(ImageDataLocator.Locate(folder));
        var classifier = ClassifierCache.GetOrTrain(data, new ClassifierConfig { Epochs = 3, Width = 4 }, torch.CPU, Path.Combine(_root, "cache")).Model;
        var spec = GanBench.Core.Datasets.DatasetKinds.Preset(GanBench.Core.Datasets.Kinds.StackedFashionMnist.TypeName)!;
        using var distribution = new ImageDistribution(spec, data, torch.CPU);
        using var random = new torch.Generator(7);
        using var real = distribution.SampleHeldOut(3000, random);
        using var fake = distribution.SampleHeldOut(3000, random);
        Assert.Equal([3000L, 3, 28, 28], real.shape);
        var evaluator = new ImageEvaluator(classifier, spec, real, seed: 0);
        var metrics = evaluator.Evaluate(fake);
        // 3000 uniform draws over 1000 triples leave about 1000·e⁻³ ≈ 50 empty.
        Assert.InRange(metrics["modes_covered"]!.Value, 900, 1000);
        Assert.InRange(metrics["mode_kl"]!.Value, 0, 0.5);

        // The same image in every channel: only the 10 triples (k, k, k) can appear.
        using var gray = real.narrow(1, 0, 1).expand(3000, 3, 28, 28).contiguous();
        var diagonal = evaluator.Evaluate(gray);
        Assert.InRange(diagonal["modes_covered"]!.Value, 1, 10);
        Assert.True(diagonal["mode_kl"] > Math.Log(100) - 0.1, $"mode_kl {diagonal["mode_kl"]}");
    }
}
