using GanBench.Core.Datasets;
namespace GanBench.Core.Config;

/// <summary>
/// An upper-side estimate of the memory one trial needs, from its configuration alone, so that a
/// trial that cannot fit is refused with the estimate before anything trains instead of being
/// ended by the out-of-memory killer. It counts float32 values: both networks' weights with their
/// gradients and two optimizer moments, the activations a training step keeps (the gradient
/// penalty's double backward included), those of an evaluation pass over the evaluation sample
/// (critic slopes on real, fake and interpolated points), and libtorch's fixed overhead.
/// </summary>
public static class TrialMemory
{
    private const long BytesPerValue = 4, FixedOverhead = 400L << 20;
    /// <summary>Weights, gradients and up to two optimizer moments (Adam).</summary>
    private const int StatesPerParameter = 4;
    /// <summary>Activations kept per layer and sample: pre- and post-activation, their gradients, and the penalty's second pass.</summary>
    private const int KeptPerActivation = 6;

    public static long Bytes(TrialSpec trial)
    {
        int data = trial.Dataset.Dimension;
        long parameters = Parameters(trial.Model.Generator, trial.Model.LatentDim, data, trial.Dataset, generator: true)
                        + Parameters(trial.Model.Critic, data, 1, trial.Dataset, generator: false);
        long perSample = Activations(trial.Model.Generator, trial.Dataset) + Activations(trial.Model.Critic, trial.Dataset) + 2L * data;
        long evalCount = trial.Dataset.IsImage ? trial.Eval.ImageSamples : trial.Eval.Samples;
        long evaluation = 3L * Math.Min(evalCount, trial.Eval.Samples) * perSample;
        long training = (long)trial.Train.BatchSize * perSample;
        long samples = evalCount * 2L * data;
        return FixedOverhead + BytesPerValue * (StatesPerParameter * parameters + KeptPerActivation * Math.Max(training, evaluation) + samples);
    }

    /// <summary>A human reading of a byte count, e.g. "3.2 GB".</summary>
    public static string Text(long bytes) => bytes >= 1L << 30
        ? $"{bytes / (double)(1L << 30):0.#} GB"
        : $"{bytes / (double)(1L << 20):0} MB";

    private static long Parameters(NetworkConfig n, long input, long output, DatasetSpec d, bool generator)
    {
        if (n.Type == NetworkConfig.Conv)
        {
            long w = n.Width, c = Math.Max(1, d.ImageChannels);
            return generator
                ? input * 2 * w * 49 + 2 * w * w * 16 + w * c * 16
                : c * w * 16 + w * 2 * w * 16 + 2 * w * 49;
        }
        long h = n.Hidden;
        return input * h + h + (n.Layers - 1L) * (h * h + h) + h * output + output;
    }

    private static long Activations(NetworkConfig n, DatasetSpec d) => n.Type == NetworkConfig.Conv
        ? (long)n.Width * 14 * 14 + 2L * n.Width * 7 * 7 + Math.Max(1, d.ImageChannels) * 784L
        : (long)n.Hidden * n.Layers;
}
