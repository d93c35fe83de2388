using GanBench.Abstractions;
using GanBench.Core.Config;
using GanBench.Core.Metrics;
using GanBench.Training.Data;
using GanBench.Training.Images;
using GanBench.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Training;

/// <summary>
/// The state of one trial: both networks, their optimisers, the data stream and the fixed
/// evaluation set, all on the trial's device. Steps are methods so that a different schedule
/// (frozen generator, fixed "generator", several trials batched) can drive the same pieces.
/// </summary>
public sealed partial class GanTrial : IDisposable
{
    private readonly TrialSpec _trial;
    private readonly Device _device;
    private readonly IObjective _objective;
    private readonly IPenalty _penalty;
    private readonly IReadOnlyDictionary<string, double> _penaltyParameters;
    private readonly IDataDistribution _data;
    private readonly long[] _sampleShape;
    private readonly ImageEvaluator? _images;
    /// <summary>How many of the evaluation samples the critic and gradient diagnostics use: all of them
    /// for points; for images at most eval.samples, because double back-propagation through a
    /// convolutional critic on 10,000 images would need gigabytes.</summary>
    private readonly int _diagnosticCount;
    private readonly Generator _trainRandom;
    private readonly Generator _evalRandom;
    private readonly ulong _evalDrawSeed;
    private readonly optim.Optimizer _generatorOptimizer;
    private readonly optim.Optimizer _criticOptimizer;
    private readonly Tensor _evalLatents;
    private readonly Tensor _evalReal;
    private readonly double[] _evalRealHost;
    /// <summary>The generated evaluation samples of the last evaluation on the host (points: all of them; images: the first 64), so a snapshot shows exactly what the metrics measured.</summary>
    private double[]? _lastSamples;
    private readonly IReadOnlyList<double[]> _modeMeans;
    private readonly double _modeStd;

    /// <summary>Held while a module is built from the global CPU generator (see the constructor).</summary>
    internal static readonly object InitGate = new();

    /// <summary>Images kept per snapshot: an 8×8 grid in the report.</summary>
    public const int ImageSnapshotCount = 64;

    public GanNetwork Generator { get; }
    public GanNetwork Critic { get; }

    /// <summary>
    /// Generator steps taken so far; the instance-noise schedule reads it. GeneratorStep advances
    /// it, and a schedule that freezes the generator can set it directly.
    /// </summary>
    public int Iteration { get; set; }

    /// <summary>
    /// The instance-noise σ in force now. Linear: σ·(1 − t/(T − 1)) over iterations t = 0..T−1, so
    /// the last iteration already trains without noise; 0 from then on.
    /// </summary>
    public double NoiseSigma
    {
        get
        {
            double sigma = _trial.Loss.InstanceNoise;
            if (sigma <= 0 || _trial.Loss.InstanceNoiseSchedule != "linear") return sigma;
            int last = Math.Max(1, _trial.Train.Iterations - 1);
            return sigma * Math.Max(0.0, 1.0 - (double)Iteration / last);
        }
    }

    public GanTrial(TrialSpec trial, Device device, IObjective objective, IPenalty penalty)
    {
        _trial = trial;
        _device = device;
        _objective = objective;
        _penalty = penalty;
        _penaltyParameters = trial.Loss.Parameters;

        // Module initialisation draws from the global CPU generator; seeding it right before
        // construction makes weights a function of the seed alone. Modules are built on the CPU
        // and then moved, so the same seed gives the same initial weights on every device.
        // The global generator is shared by every thread, so concurrent trials take turns here.
        lock (InitGate)
        {
            torch.manual_seed((long)SeedStreams.Derive(trial.Seed, SeedStreams.Init));
            (Generator, Critic) = GanNetwork.Create(trial.Model, trial.Dataset);
        }
        Generator.to(device);
        Critic.to(device);
        // Optimisers are created after .to(): moving a module replaces its parameter objects.
        _generatorOptimizer = CreateOptimizer(Generator, trial.Train.Optimizer);
        _criticOptimizer = CreateOptimizer(Critic, trial.Train.Optimizer);

        var images = trial.Dataset.IsImage ? ImageDataStore.Get(trial.DataDir) : null;
        _data = images is null ? new PointDistribution(trial.Dataset, device) : new ImageDistribution(trial.Dataset, images, device);
        _sampleShape = _data.SampleShape;
        _trainRandom = new torch.Generator(SeedStreams.Derive(trial.Seed, SeedStreams.Train), device);
        _evalRandom = new torch.Generator(SeedStreams.Derive(trial.Seed, SeedStreams.EvalFixtures), device);
        _evalDrawSeed = SeedStreams.Derive(trial.Seed, SeedStreams.EvalDraws);

        int evalCount = images is null ? trial.Eval.Samples : trial.Eval.ImageSamples;
        _diagnosticCount = Math.Min(evalCount, trial.Eval.Samples);
        _evalLatents = torch.randn([evalCount, trial.Model.LatentDim], device: device, generator: _evalRandom);
        _evalReal = _data.SampleHeldOut(evalCount, _evalRandom);
        _evalRealHost = images is null ? ToHost(_evalReal) : [];
        if (images is not null)
        {
            var classifier = ClassifierCache.GetOrTrain(images, trial.Eval.Classifier, device, ImageSetup.CacheFolder, ImageSetup.Log);
            _images = new ImageEvaluator(classifier.Model, trial.Dataset, _evalReal, trial.Seed);
        }
        // Mode metrics compare samples in the same units as the data, i.e. after the scale division.
        _modeMeans = trial.Dataset.Means.Select(m => m.Select(v => v / trial.Dataset.Scale).ToArray()).ToList();
        _modeStd = trial.Dataset.Std / trial.Dataset.Scale;
    }

    private static optim.Optimizer CreateOptimizer(GanNetwork module, OptimizerConfig config) => config.Type switch
    {
        "adam" => optim.Adam(module.parameters(), config.Lr, config.Beta1, config.Beta2),
        "rmsprop" => optim.RMSProp(module.parameters(), config.Lr),
        "sgd" => optim.SGD(module.parameters(), config.Lr),
        _ => throw new ArgumentException($"unknown optimizer '{config.Type}' (valid: adam, rmsprop, sgd)"),
    };

    private Tensor CriticLogits(Tensor x) => Critic.forward(x).squeeze(-1);

    /// <summary>Generator output in the data's sample shape (an MLP generator's flat output becomes an image).</summary>
    private Tensor Generate(Tensor latents)
    {
        var output = Generator.forward(latents);
        return output.dim() == _sampleShape.Length + 1 ? output : output.reshape([-1, .. _sampleShape]);
    }

    /// <summary>Many samples without gradients, in chunks so 10,000 images never need one huge activation buffer.</summary>
    private Tensor GenerateMany(Tensor latents)
    {
        using var noGrad = torch.no_grad();
        const int chunk = 1000;
        long n = latents.shape[0];
        if (n <= chunk) return Generate(latents);
        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += chunk)
            parts.Add(Generate(latents.narrow(0, start, Math.Min(chunk, n - start))));
        return torch.cat(parts, 0);
    }

    private Tensor AddInstanceNoise(Tensor x, Generator random)
    {
        double sigma = NoiseSigma;
        return sigma > 0 ? x + torch.randn(x.shape, dtype: x.dtype, device: x.device, generator: random) * sigma : x;
    }

    private Tensor CriticLossOn(Tensor real, Tensor fake, Generator random)
    {
        var realIn = AddInstanceNoise(real, random);
        var fakeIn = AddInstanceNoise(fake, random);
        var loss = Scalar(_objective.CriticLoss(CriticLogits(realIn), CriticLogits(fakeIn)), $"objective '{_objective.Name}'", "CriticLoss");
        if (_trial.Loss.Penalty != "none" && _trial.Loss.PenaltyWeight != 0)
            loss = loss + _trial.Loss.PenaltyWeight * Scalar(_penalty.Compute(new PenaltyContext(CriticLogits, realIn, fakeIn, random, _penaltyParameters)), $"penalty '{_penalty.Name}'", "Compute");
        return loss;
    }

    private Tensor GeneratorLossOn(Tensor real, Tensor fake, Generator random)
    {
        Tensor? realLogits = _objective.GeneratorUsesRealLogits ? CriticLogits(AddInstanceNoise(real, random)) : null;
        return Scalar(_objective.GeneratorLoss(realLogits, CriticLogits(AddInstanceNoise(fake, random))), $"objective '{_objective.Name}'", "GeneratorLoss");
    }

    /// <summary>backward() on a batch of losses is a native error with a C++ backtrace; say what is wrong instead.</summary>
    private static Tensor Scalar(Tensor value, string component, string method) => value.dim() == 0 ? value
        : throw new InvalidOperationException($"{component}: {method} returned a tensor of shape [{string.Join(", ", value.shape)}]; it must return a scalar (reduce the batch, e.g. with .mean())");

    /// <summary>One critic update; returns its loss (host value).</summary>
    public double CriticStep()
    {
        using var scope = torch.NewDisposeScope();
        int batch = _trial.Train.BatchSize;
        var real = _data.Sample(batch, _trainRandom);
        Tensor fake;
        using (torch.no_grad())
            fake = _fixedFakeStd is double fixedStd ? FixedFake(batch, fixedStd, _trainRandom) : Generate(torch.randn([batch, _trial.Model.LatentDim], device: _device, generator: _trainRandom));
        // Clipping after the step (WGAN) leaves every weight inside [−c, c] between steps; clipping
        // before it lets the step move them out again, so the loss is always computed from
        // clipped weights but the bound holds only at that moment.
        bool clipBefore = _trial.Loss.ClipMode == "before";
        if (clipBefore && _trial.Loss.Clip is double cb)
            ClipCritic(cb);
        _criticOptimizer.zero_grad();
        var loss = CriticLossOn(real, fake, _trainRandom);
        loss.backward();
        _criticOptimizer.step();
        if (!clipBefore && _trial.Loss.Clip is double c)
            ClipCritic(c);
        return loss.item<float>();
    }

    private void ClipCritic(double c)
    {
        using var noGrad = torch.no_grad();
        foreach (var p in Critic.parameters())
            p.clamp_(-c, c);
    }

    /// <summary>One generator update; returns its loss (host value).</summary>
    public double GeneratorStep()
    {
        using var scope = torch.NewDisposeScope();
        int batch = _trial.Train.BatchSize;
        var real = _objective.GeneratorUsesRealLogits ? _data.Sample(batch, _trainRandom) : torch.empty(0, device: _device);
        var fake = Generate(torch.randn([batch, _trial.Model.LatentDim], device: _device, generator: _trainRandom));
        _generatorOptimizer.zero_grad();
        var loss = GeneratorLossOn(real, fake, _trainRandom);
        loss.backward();
        _generatorOptimizer.step();
        Iteration++;
        return loss.item<float>();
    }

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
        int dim = _trial.Dataset.Dimension;

        var fake = GenerateMany(_evalLatents);
        if (!torch.isfinite(fake).all().item<bool>())
            throw new NonFiniteException("generator produced a non-finite sample");

        budget.ThrowIfCancellationRequested();
        double? w1 = null;
        if (_images is not null)
        {
            foreach (var (key, value) in _images.Evaluate(fake)) metrics[key] = value;
            _lastSamples = ToHost(fake.narrow(0, 0, Math.Min(ImageSnapshotCount, fake.shape[0])));
        }
        else
        {
            var fakeHost = ToHost(fake);
            _lastSamples = fakeHost;
            if (_modeMeans.Count > 0)
            {
                var modes = ModeCoverage.Compute(fakeHost, dim, _modeMeans, _modeStd, _trial.Eval.HqThresholdStd);
                metrics["modes_covered"] = modes.ModesCovered;
                metrics["hq_fraction"] = modes.HqFraction;
                metrics["reverse_kl"] = modes.ReverseKl;
            }
            w1 = Wasserstein.Exact(fakeHost, _evalRealHost, dim, budget);
            metrics["w1_exact"] = w1;
            metrics["w1_sliced"] = Wasserstein.Sliced(fakeHost, _evalRealHost, dim, 128, _trial.Seed);
        }

        budget.ThrowIfCancellationRequested();
        var real = _evalReal.narrow(0, 0, _diagnosticCount);
        var latents = _evalLatents.narrow(0, 0, _diagnosticCount);
        fake = fake.narrow(0, 0, _diagnosticCount);
        double criticGap;
        using (torch.no_grad())
            criticGap = (CriticLogits(real).mean() - CriticLogits(fake).mean()).item<float>();
        metrics["critic_w_estimate"] = criticGap;
        if (w1 is double exact) metrics["w_tightness"] = exact > 0 ? criticGap / exact : null;

        var interpolates = InputGradients.Interpolate(real, fake, _evalRandom);
        var slopes = InputGradients.PerSampleNorm(CriticLogits, torch.cat([real, fake, interpolates], 0)).detach();
        metrics["critic_lipschitz_max"] = slopes.max().item<float>();
        metrics["critic_lipschitz_mean"] = slopes.mean().item<float>();

        Generator.zero_grad();
        var generatorLoss = GeneratorLossOn(real, Generate(latents), _evalRandom);
        generatorLoss.backward();
        metrics["g_loss"] = generatorLoss.item<float>();
        metrics["g_grad_norm"] = GradientNorms(Generator, "generator", layers);
        Generator.zero_grad();

        Critic.zero_grad();
        var criticLoss = CriticLossOn(real, fake, _evalRandom);
        criticLoss.backward();
        metrics["d_loss"] = criticLoss.item<float>();
        metrics["d_grad_norm"] = GradientNorms(Critic, "critic", layers);
        Critic.zero_grad();

        if (_trial.Loss.Clip is double c)
            metrics["clip_saturation"] = ClipSaturation(c);
        if (_trial.Loss.InstanceNoise > 0)
            metrics["noise_sigma"] = NoiseSigma;

        foreach (var (key, value) in metrics)
            if (value is double v && !double.IsFinite(v))
                throw new NonFiniteException($"metric {key} is not finite");
        return (metrics, layers);
    }

    /// <summary>The fixed held-out real evaluation sample on the host (point datasets; empty for images): what exact W1 is measured against.</summary>
    public double[] RealSample => _evalRealHost;

    /// <summary>The samples of the last evaluation (every one the metrics saw, on points), and the critic on a grid.</summary>
    public TrialSnapshot Snapshot(int step, int resolution)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var samples = _lastSamples ?? throw new InvalidOperationException("a snapshot shows the samples of an evaluation; evaluate first");
        double[]? surface = null;
        if (_trial.Dataset.Dimension == 2)
        {
            var b = Core.Config.PlotBounds.For(_trial.Dataset);
            var xs = torch.linspace(b.XMin, b.XMax, resolution, device: _device);
            var ys = torch.linspace(b.YMin, b.YMax, resolution, device: _device);
            var grid = torch.stack([xs.repeat(resolution), ys.repeat_interleave(resolution)], 1);
            surface = ToHost(CriticLogits(grid));
        }
        return new TrialSnapshot(step, samples, surface, resolution);
    }

    /// <summary>Every critic parameter value binned over [−max|w|, max|w|]: clipping shows as two spikes at ±c.</summary>
    public WeightHistogram CriticWeightHistogram(int bins)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var all = ToHost(torch.cat(Critic.parameters().Select(p => p.flatten()).ToArray()));
        double extent = Math.Max(all.Max(Math.Abs), 1e-12);
        var counts = new long[bins];
        foreach (var w in all)
            counts[Math.Clamp((int)((w + extent) / (2 * extent) * bins), 0, bins - 1)]++;
        var edges = Enumerable.Range(0, bins + 1).Select(i => -extent + 2 * extent * i / bins).ToArray();
        return new WeightHistogram(edges, counts);
    }

    /// <summary>Whole-network L2 norm of the current gradients, and one row per linear layer.</summary>
    private static double GradientNorms(GanNetwork network, string name, List<(string, int, double)> layers)
    {
        var perLayer = network.LayerGradientNorms();
        for (int i = 0; i < perLayer.Count; i++)
            layers.Add((name, i, perLayer[i]));
        return Math.Sqrt(perLayer.Sum(n => n * n));
    }

    /// <summary>Share of critic weights within 1% of the clipping bound ±c.</summary>
    private double ClipSaturation(double c)
    {
        long atBound = 0, count = 0;
        using var noGrad = torch.no_grad();
        foreach (var p in Critic.parameters())
        {
            atBound += p.abs().ge(0.99 * c).sum().item<long>();
            count += p.numel();
        }
        return count == 0 ? 0 : (double)atBound / count;
    }

    /// <summary>
    /// Writes everything training carries from one step to the next into <paramref name="folder"/>:
    /// both networks, both optimizers' state (Adam's moments and step counts) and the training
    /// random generator. The evaluation fixtures are not saved: the constructor draws them again
    /// from the seed, and evaluation reseeds its own generator every time.
    /// </summary>
    public void SaveState(string folder)
    {
        Generator.save(Path.Combine(folder, "generator.pt"));
        Critic.save(Path.Combine(folder, "critic.pt"));
        Helper(_generatorOptimizer).save_state_dict(Path.Combine(folder, "generator-optimizer.pt"));
        Helper(_criticOptimizer).save_state_dict(Path.Combine(folder, "critic-optimizer.pt"));
        using var random = _trainRandom.get_state();
        using var host = random.to(torch.CPU).contiguous();
        File.WriteAllBytes(Path.Combine(folder, "train-random.bin"), host.data<byte>().ToArray());
    }

    /// <summary>Restores what <see cref="SaveState"/> wrote, into this freshly constructed trial.</summary>
    public void LoadState(string folder)
    {
        Generator.load(Path.Combine(folder, "generator.pt"));
        Critic.load(Path.Combine(folder, "critic.pt"));
        Helper(_generatorOptimizer).load_state_dict(Path.Combine(folder, "generator-optimizer.pt"));
        Helper(_criticOptimizer).load_state_dict(Path.Combine(folder, "critic-optimizer.pt"));
        using var random = torch.tensor(File.ReadAllBytes(Path.Combine(folder, "train-random.bin")), dtype: ScalarType.Byte);
        _trainRandom.set_state(random);
    }

    private static TorchSharp.Modules.OptimizerHelper Helper(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper
        ?? throw new NotSupportedException($"optimizer {optimizer.GetType().Name} cannot save its state");

    /// <summary>A tensor's values as a row-major double array on the host, where the metrics run.</summary>
    internal static double[] ToHost(Tensor t)
    {
        using var host = t.detach().to(torch.CPU).to_type(ScalarType.Float64).contiguous();
        return host.data<double>().ToArray();
    }

    public void Dispose()
    {
        _evalLatents.Dispose();
        _evalReal.Dispose();
        _generatorOptimizer.Dispose();
        _criticOptimizer.Dispose();
        _trainRandom.Dispose();
        _evalRandom.Dispose();
        _data.Dispose();
        Generator.Dispose();
        Critic.Dispose();
    }
}

/// <summary>A NaN or infinity in a loss, a sample or a metric: the trial has diverged.</summary>
public sealed class NonFiniteException(string message) : Exception(message);
