using BenchmarkDotNet.Attributes;
using GanBench.Training.Ensembles;
using GanBench.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Benchmarks;

/// <summary>
/// One WGAN-GP critic step (forward on real and fake, the penalty's double backward, Adam) for K
/// trials: K networks stepped one after another, as a sweep worker trains trials today, against one
/// <see cref="EnsembleMlp"/> of K members with <see cref="EnsembleAdam"/>. Ring-sized 2-D inputs,
/// batch 256, 3 hidden layers as the flagship; torch on one thread, as in a sweep worker. Trial-steps
/// per second is K divided by the time per operation; the speed-up is Sequential / Ensemble at one K.
/// </summary>
[MemoryDiagnoser]
public class EnsembleCriticStepBenchmarks
{
    private const int Inputs = 2, Layers = 3, Batch = 256;
    private Mlp[] _singles = [];
    private optim.Optimizer[] _optimizers = [];
    private EnsembleMlp _ensemble = null!;
    private EnsembleAdam _adam = null!;
    private Tensor _real = null!, _fake = null!, _alpha = null!, _gpWeight = null!;

    [Params(1, 4, 8, 16, 32)]
    public int K { get; set; }

    [Params(64, 128, 512)]
    public int Hidden { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        _singles = Enumerable.Range(0, K).Select(k => { torch.manual_seed(k); return new Mlp("critic", Inputs, Hidden, Layers, 1); }).ToArray();
        _optimizers = _singles.Select(m => optim.Adam(m.parameters(), 1e-4, 0.5, 0.9)).ToArray();
        _ensemble = new EnsembleMlp("critic", Enumerable.Range(0, K).Select(k => { torch.manual_seed(k); return new Mlp("critic", Inputs, Hidden, Layers, 1); }).ToList());
        _adam = new EnsembleAdam(_ensemble.Stacked, Enumerable.Repeat(1e-4, K).ToList(), Enumerable.Repeat(0.5, K).ToList(), Enumerable.Repeat(0.9, K).ToList());
        var random = new torch.Generator(1);
        _real = torch.randn([K, Batch, Inputs], generator: random);
        _fake = torch.randn([K, Batch, Inputs], generator: random);
        _alpha = torch.rand([K, Batch, 1], generator: random);
        _gpWeight = torch.full([K], 10f);
    }

    [Benchmark(Baseline = true)]
    public void Sequential()
    {
        for (int k = 0; k < K; k++)
        {
            using var scope = torch.NewDisposeScope();
            var critic = _singles[k];
            var real = _real[k];
            var fake = _fake[k];
            var x = (_alpha[k] * real + (1 - _alpha[k]) * fake).requires_grad_(true);
            var grads = torch.autograd.grad([critic.forward(x).sum()], [x], retain_graph: true, create_graph: true)[0];
            var loss = critic.forward(fake).mean() - critic.forward(real).mean() + 10 * (grads.norm(1, false, 2) - 1).pow(2).mean();
            _optimizers[k].zero_grad();
            loss.backward();
            _optimizers[k].step();
        }
    }

    [Benchmark]
    public void Ensemble()
    {
        using var scope = torch.NewDisposeScope();
        _adam.ZeroGrad();
        EnsembleLosses.WassersteinGpCritic(_ensemble, _real, _fake, _alpha, _gpWeight).sum().backward();
        _adam.Step();
    }
}
