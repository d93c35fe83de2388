using BenchmarkDotNet.Attributes;
using GanBench.Core.Config;
using GanBench.Training.Images;
using TorchSharp;
using static TorchSharp.torch;
using GanBench.Core.Datasets;

namespace GanBench.Benchmarks;

/// <summary>
/// One image evaluation as a trial runs it: 10,000 generated images through the domain classifier
/// and every image metric (class histogram, FCD, precision/recall, density/coverage, sliced W1 in
/// pixel space; modes on the stacked set), against a real side prepared once per trial. Needs the
/// real Fashion-MNIST (apt-get install dataset-fashion-mnist) and trains or loads the default
/// classifier from the cache in setup. Torch runs on one thread, as in a sweep worker.
/// Run: dotnet run -c Release -- --filter '*ImageEvaluation*' --job short --inProcess
/// </summary>
[MemoryDiagnoser]
public class ImageEvaluationBenchmarks
{
    private const int Images = 10_000;
    private ImageEvaluator _evaluator = null!;
    private Tensor _fake = null!;
    private Tensor _real = null!;
    private DomainClassifier _classifier = null!;
    private DatasetSpec _spec = null!;

    [Params(GanBench.Core.Datasets.Kinds.FashionMnist.TypeName, GanBench.Core.Datasets.Kinds.StackedFashionMnist.TypeName)]
    public string Dataset { get; set; } = GanBench.Core.Datasets.Kinds.FashionMnist.TypeName;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var data = ImageDataStore.Get(null);
        _classifier = ClassifierCache.GetOrTrain(data, new ClassifierConfig(), torch.CPU, log: Console.WriteLine).Model;
        _spec = GanBench.Core.Datasets.DatasetKinds.Preset(Dataset)!;
        var distribution = new ImageDistribution(_spec, data, torch.CPU);
        using var random = new torch.Generator(1);
        _real = distribution.SampleHeldOut(Images, random);
        // Training images stand in for generated ones: the cost does not depend on what the images show.
        _fake = distribution.Sample(Images, random);
        _evaluator = new ImageEvaluator(_classifier, _spec, _real, seed: 0);
    }

    /// <summary>Per evaluation: the generated side.</summary>
    [Benchmark]
    public int Evaluate() => _evaluator.Evaluate(_fake).Count;

    /// <summary>Once per trial: real features, their Gaussian fit and pixels.</summary>
    [Benchmark]
    public int PrepareRealSide() => new ImageEvaluator(_classifier, _spec, _real, seed: 0).FeatureDim;
}
