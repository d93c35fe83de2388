using GanBench.Core.Statistics;
using GanBench.Training.Models;
using GanBench.Training.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Training;

/// <summary>What <see cref="GanTrial.ProbeGeneratorGradients"/> measures at one checkpoint.</summary>
/// <param name="FakeProbQ90">The 90th percentile of D(G(z)) over the evaluation latents.</param>
public sealed record GeneratorProbe(double MinimaxNorm, double NonSaturatingNorm, double FakeProb, double FakeProbQ90, double RealProb, double CriticLoss);

/// <summary>
/// Measurement hooks for the non-standard protocols (see <see cref="Core.Config.ProtocolConfig"/>).
/// They reuse the trial's critic loss, instance noise, penalty and clipping, so a protocol run
/// is the arm's loss under a different schedule, not a separate implementation.
/// </summary>
public sealed partial class GanTrial
{
    private double? _fixedFakeStd;

    /// <summary>From now on the critic trains against real data + N(0, std²) instead of the generator.</summary>
    public void UseFixedGenerator(double std) => _fixedFakeStd = std;

    private Tensor FixedFake(int count, double std, torch.Generator random)
    {
        var real = _data.Sample(count, random);
        return real + torch.randn(real.shape, dtype: real.dtype, device: real.device, generator: random) * std;
    }

    /// <summary>Copies the generator's weights from another trial (same architecture).</summary>
    public void CopyGeneratorFrom(GanTrial other)
    {
        using var noGrad = torch.no_grad();
        var source = other.Generator.parameters().ToList();
        var target = Generator.parameters().ToList();
        if (source.Count != target.Count) throw new ArgumentException("generator architectures differ");
        for (int i = 0; i < source.Count; i++) target[i].copy_(source[i]);
    }

    /// <summary>
    /// On the fixed evaluation latents, with the arm's instance noise drawn from the evaluation
    /// stream (the same draw at every checkpoint): ‖∇θG‖ of the minimax generator loss
    /// −mean softplus(c_fake), ‖∇θG‖ of the non-saturating loss mean softplus(−c_fake), mean
    /// σ(c_fake) = D(G(z)) and its 90th percentile over the latents, mean σ(c_real), and the arm's critic loss.
    /// </summary>
    public GeneratorProbe ProbeGeneratorGradients()
    {
        using var scope = torch.NewDisposeScope();
        _evalRandom.manual_seed((long)_evalDrawSeed);
        var fake = Generator.forward(_evalLatents);
        var fakeLogits = CriticLogits(AddInstanceNoise(fake, _evalRandom));
        var minimax = -torch.nn.functional.softplus(fakeLogits).mean();
        var nonSaturating = torch.nn.functional.softplus(-fakeLogits).mean();
        var parameters = Generator.parameters().Select(p => (Tensor)p).ToList();
        double minimaxNorm = GradNorm(torch.autograd.grad([minimax], parameters, retain_graph: true));
        double nsNorm = GradNorm(torch.autograd.grad([nonSaturating], parameters));
        double fakeProb, fakeProbQ90, realProb, criticLoss;
        using (torch.no_grad())
        {
            var fakeProbs = torch.sigmoid(fakeLogits);
            fakeProb = fakeProbs.mean().item<float>();
            fakeProbQ90 = RobustStatistics.Quantile(TorchHost.ToHost(fakeProbs), 0.9);
            realProb = torch.sigmoid(CriticLogits(AddInstanceNoise(_evalReal, _evalRandom))).mean().item<float>();
        }
        criticLoss = CriticLossOn(_evalReal, fake.detach(), _evalRandom).item<float>();
        Critic.zero_grad();
        return new GeneratorProbe(minimaxNorm, nsNorm, fakeProb, fakeProbQ90, realProb, criticLoss);
    }

    /// <summary>
    /// Norm of the gradient of the arm's critic objective (no penalty) with respect to each hidden
    /// layer's activations, over the held-out real sample and a fixed fake sample (real + noise);
    /// the norm is over both batches together. Also the critic loss and, under clipping, the
    /// share of weights at the bound.
    /// </summary>
    public (IReadOnlyList<double> ActivationNorms, double CriticLoss, double? ClipSaturation) ProbeCriticActivations()
    {
        if (_fixedFakeStd is not double std) throw new InvalidOperationException("ProbeCriticActivations needs UseFixedGenerator first");
        using var scope = torch.NewDisposeScope();
        _evalRandom.manual_seed((long)_evalDrawSeed);
        var fake = FixedFake((int)_evalReal.shape[0], std, _evalRandom);
        var (realOut, realHidden) = MlpCritic.ForwardWithActivations(AddInstanceNoise(_evalReal, _evalRandom));
        var (fakeOut, fakeHidden) = MlpCritic.ForwardWithActivations(AddInstanceNoise(fake, _evalRandom));
        var loss = _objective.CriticLoss(realOut.squeeze(-1), fakeOut.squeeze(-1));
        // Every hidden activation feeds the output, so none is unused (an unused input would abort the process).
        var inputs = realHidden.Concat(fakeHidden).ToList();
        var grads = torch.autograd.grad([loss], inputs);
        int layers = realHidden.Count;
        var norms = new double[layers];
        for (int i = 0; i < layers; i++)
        {
            double a = grads[i].to_type(ScalarType.Float64).pow(2).sum().item<double>();
            double b = grads[layers + i].to_type(ScalarType.Float64).pow(2).sum().item<double>();
            norms[i] = Math.Sqrt(a + b);
        }
        double criticLoss = loss.item<float>();
        double? saturation = _trial.Loss.Clip is double c ? ClipSaturation(c) : null;
        return (norms, criticLoss, saturation);
    }

    private static double GradNorm(IList<Tensor> grads)
    {
        double squares = 0;
        foreach (var g in grads)
            squares += g.to_type(ScalarType.Float64).pow(2).sum().item<double>();
        return Math.Sqrt(squares);
    }

    /// <summary>The protocols probe hidden layers of an MLP critic; the config reader keeps them to point data.</summary>
    private Mlp MlpCritic => Critic as Mlp ?? throw new InvalidOperationException("the fixed_generator protocol needs an mlp critic");
}
