using GanBench.Training.Torch;
using GanBench.Abstractions;
using GanBench.Core.Evaluation;
using GanBench.Core.Evaluation.Evaluators;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Training;

/// <summary>One evaluation: the point or image metrics of the fixed evaluation set, then the critic and gradient diagnostics.</summary>
public sealed partial class GanTrial
{
    /// <summary>
    /// Measures the trial on its fixed latents and held-out real sample. Random draws inside
    /// (instance noise, interpolation coefficients) restart from the same seed every time, so
    /// successive evaluations differ only because the networks changed.
    /// </summary>
    /// <param name="budget">Cancelled when the trial's time is up: checked between the parts of an evaluation and inside exact W1.</param>
    public (Dictionary<string, double?> Metrics, List<(string Network, int Layer, double Norm)> Layers) Evaluate(CancellationToken budget = default)
    {
        // Batch norm measures with its running statistics, so a sample does not depend on which
        // other samples share its evaluation chunk; training resumes in training mode.
        Generator.eval();
        Critic.eval();
        try { return EvaluateNow(budget); }
        finally
        {
            Generator.train();
            Critic.train();
        }
    }

    private (Dictionary<string, double?> Metrics, List<(string Network, int Layer, double Norm)> Layers) EvaluateNow(CancellationToken budget)
    {
        using var scope = torch.NewDisposeScope();
        var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
        var layers = new List<(string, int, double)>();
        _evalRandom.manual_seed((long)_evalDrawSeed);

        var fake = GenerateMany(_evalLatents);
        if (!torch.isfinite(fake).all().item<bool>())
            throw new NonFiniteException("generator produced a non-finite sample");

        budget.ThrowIfCancellationRequested();
        double? w1 = null;
        if (_images is not null)
        {
            foreach (var (key, value) in _images.Evaluate(fake)) metrics[key] = value;
            _lastSamples = TorchHost.ToHost(fake.narrow(0, 0, Math.Min(ImageSnapshotCount, fake.shape[0])));
        }
        else
        {
            var fakeHost = TorchHost.ToHost(fake);
            _lastSamples = fakeHost;
            PointEvaluators.EvaluateAll(new PointEvaluation(fakeHost, _evalRealHost, _trial.Dataset, _trial.Eval, _trial.Seed, budget), metrics);
            w1 = metrics.TryGetValue(ExactW1Evaluator.W1Exact.Name, out var exact) ? exact : null;
        }

        budget.ThrowIfCancellationRequested();
        CriticDiagnostics(fake.narrow(0, 0, _diagnosticCount), w1, metrics, layers);

        // The refit reads its gap on all the samples exact W1 was computed on (points only; a rule keeps it there).
        if (_images is null && _trial.Eval.CriticRefit is { } refit)
        {
            budget.ThrowIfCancellationRequested();
            metrics[CriticMetrics.CriticRefitGap.Name] = RefitCriticGap(refit, fake, budget);
        }

        foreach (var (key, value) in metrics)
            if (value is double v && !double.IsFinite(v))
                throw new NonFiniteException($"metric {key} is not finite");
        return (metrics, layers);
    }

    /// <summary>
    /// The critic and gradient diagnostics (declared in CriticMetrics) on the first samples of the
    /// evaluation set: critic gap and tightness against exact W1, input-gradient norms on real, fake
    /// and interpolated points, both losses with their parameter-gradient norms per layer, clip
    /// saturation and the instance-noise sigma in force.
    /// </summary>
    private void CriticDiagnostics(Tensor fake, double? w1, Dictionary<string, double?> metrics, List<(string, int, double)> layers)
    {
        var real = _evalReal.narrow(0, 0, _diagnosticCount);
        var latents = _evalLatents.narrow(0, 0, _diagnosticCount);
        double criticGap;
        using (torch.no_grad())
            criticGap = (CriticLogits(real).mean() - CriticLogits(fake).mean()).item<float>();
        metrics[CriticMetrics.CriticGap.Name] = criticGap;
        if (w1 is double exactW1) metrics[CriticMetrics.Tightness.Name] = exactW1 > 0 ? criticGap / exactW1 : null;

        var interpolates = InputGradients.Interpolate(real, fake, _evalRandom);
        var slopes = InputGradients.PerSampleNorm(CriticLogits, torch.cat([real, fake, interpolates], 0)).detach();
        metrics[CriticMetrics.LipschitzMax.Name] = slopes.max().item<float>();
        metrics[CriticMetrics.LipschitzMean.Name] = slopes.mean().item<float>();

        Generator.zero_grad();
        var generatorLoss = GeneratorLossOn(real, Generate(latents), _evalRandom);
        generatorLoss.backward();
        metrics[CriticMetrics.GeneratorLoss.Name] = generatorLoss.item<float>();
        metrics[CriticMetrics.GeneratorGradNorm.Name] = GradientNorms(Generator, "generator", layers);
        Generator.zero_grad();

        Critic.zero_grad();
        var criticLoss = CriticLossOn(real, fake, _evalRandom);
        criticLoss.backward();
        metrics[CriticMetrics.CriticLoss.Name] = criticLoss.item<float>();
        metrics[CriticMetrics.CriticGradNorm.Name] = GradientNorms(Critic, "critic", layers);
        Critic.zero_grad();

        if (_trial.Loss.Clip is double c)
            metrics[CriticMetrics.ClipSaturation.Name] = ClipSaturation(c);
        if (_trial.Loss.InstanceNoise > 0)
            metrics[CriticMetrics.NoiseSigma.Name] = NoiseSigma;
    }
}
