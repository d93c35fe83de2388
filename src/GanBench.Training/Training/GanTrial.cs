using GanBench.Training.Torch;
using GanBench.Abstractions;
using GanBench.Core.Config;
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
        lock (TorchHost.InitGate)
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
        _evalRealHost = images is null ? TorchHost.ToHost(_evalReal) : [];
        if (images is not null)
        {
            var classifier = ClassifierCache.GetOrTrain(images, trial.Eval.Classifier, device, ImageSetup.CacheFolder, ImageSetup.Log);
            _images = new ImageEvaluator(classifier.Model, trial.Dataset, _evalReal, trial.Seed);
        }
    }

    private Tensor CriticLogits(Tensor x) => LogitsOf(Critic, x);

    private static Tensor LogitsOf(GanNetwork critic, Tensor x) => critic.forward(x).squeeze(-1);

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
