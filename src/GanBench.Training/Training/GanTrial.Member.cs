using GanBench.Abstractions;
using GanBench.Core.Config;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Training;

/// <summary>
/// The draws and settings a training step takes from the trial, in one place, so that a trial
/// trained alone and the same trial trained as a member of an ensemble (Ensembles/EnsembleModel)
/// draw the same numbers from its stream in the same order.
/// </summary>
public sealed partial class GanTrial
{
    internal TrialSpec Spec => _trial;
    internal IObjective Objective => _objective;
    internal IPenalty Penalty => _penalty;
    internal IReadOnlyDictionary<string, double> PenaltyParameters => _penaltyParameters;
    internal Generator TrainRandom => _trainRandom;
    internal optim.Optimizer GeneratorOptimizer => _generatorOptimizer;
    internal optim.Optimizer CriticOptimizer => _criticOptimizer;


    /// <summary>A training batch of real samples: first draw of every step.</summary>
    internal Tensor DrawReal() => _data.Sample(_trial.Train.BatchSize, _trainRandom);

    /// <summary>A training batch of latents: second draw of every step.</summary>
    internal Tensor DrawLatents() => torch.randn([_trial.Train.BatchSize, _trial.Model.LatentDim], device: _device, generator: _trainRandom);

    /// <summary>The critic input with this trial's instance noise, σ as scheduled now (no draw when σ is 0).</summary>
    internal Tensor WithInstanceNoise(Tensor x) => AddInstanceNoise(x, _trainRandom);
}
