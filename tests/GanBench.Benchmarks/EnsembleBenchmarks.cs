using BenchmarkDotNet.Attributes;
using GanBench.Core.Config;
using GanBench.Core.Datasets;
using GanBench.Training.Components;
using GanBench.Training.Ensembles;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Benchmarks;

/// <summary>
/// One WGAN-GP critic step of K trials as a sweep trains them (the trainer's own code: each trial's data
/// draws, forward on real and fake, the penalty's double backward, the optimizer): K <see cref="GanTrial"/>s
/// stepped one after another, against one <see cref="EnsembleModel"/> of the same K trials. Ring8, batch
/// 256, 3 hidden layers as the flagship; torch on one thread, as in a sweep worker. Trial-steps per
/// second is K divided by the time per operation; the speed-up is Sequential / Ensemble at one K.
/// </summary>
[MemoryDiagnoser]
public class EnsembleCriticStepBenchmarks
{
    private GanTrial[] _trials = [];
    private EnsembleModel _ensemble = null!;

    [Params(1, 4, 8, 16, 32)]
    public int K { get; set; }

    [Params(64, 128, 512)]
    public int Hidden { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        GanTrial Create(int seed) => FlagshipTrials.Create(FlagshipTrials.WganGp, Hidden, seed);
        _trials = Enumerable.Range(0, K).Select(Create).ToArray();
        _ensemble = new EnsembleModel(Enumerable.Range(0, K).Select(Create).ToList());
    }

    [Benchmark(Baseline = true)]
    public void Sequential()
    {
        foreach (var trial in _trials) trial.CriticStep();
    }

    [Benchmark]
    public void Ensemble() => _ensemble.CriticStep().Dispose();
}
