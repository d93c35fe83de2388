using BenchmarkDotNet.Attributes;
using GanBench.Core.Config;
using GanBench.Core.Datasets;
using GanBench.Core.Evaluation;
using GanBench.Core.Metrics;
using GanBench.Training.Components;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Benchmarks;

/// <summary>
/// One evaluation of a flagship trial (ring8, width 64, 2,500 samples; torch on one thread as in a
/// sweep worker): the whole pass a trial runs every eval.every steps, and its parts: the torch-free
/// point metrics on host samples (of which exact W1 alone), so the critic and gradient diagnostics
/// are the rest.
/// </summary>
[MemoryDiagnoser]
public class PointEvaluationBenchmarks
{
    private GanTrial _trial = null!;
    private double[] _fake = [], _real = [];
    private TrialSpec _spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        _spec = FlagshipTrials.Trial(FlagshipTrials.WganGp, 64, seed: 0);
        var (objective, penalty) = ComponentRegistry.CreateBuiltin().For(_spec);
        _trial = new GanTrial(_spec, torch.CPU, objective, penalty);
        for (int i = 0; i < 50; i++) { _trial.CriticStep(); _trial.GeneratorStep(); }
        _trial.Evaluate();
        _fake = _trial.Snapshot(0, 2).Samples;
        _real = _trial.RealSample;
    }

    [Benchmark(Baseline = true)]
    public void WholeEvaluation() => _trial.Evaluate();

    [Benchmark]
    public void PointMetrics() => PointEvaluators.EvaluateAll(new PointEvaluation(_fake, _real, _spec.Dataset, _spec.Eval, _spec.Seed, default), new Dictionary<string, double?>());

    [Benchmark]
    public double ExactW1() => Wasserstein.Exact(_fake, _real, 2, default);
}
