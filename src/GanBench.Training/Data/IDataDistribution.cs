using static TorchSharp.torch;

namespace GanBench.Training.Data;

/// <summary>A training distribution sampled on the trial's device from the trial's own random stream.</summary>
public interface IDataDistribution : IDisposable
{
    /// <summary>Shape of one sample: [2] for points, [C, 28, 28] for images.</summary>
    long[] SampleShape { get; }

    /// <summary>A fresh training batch of <paramref name="count"/> samples.</summary>
    Tensor Sample(int count, Generator random);

    /// <summary>
    /// The real side of the evaluation: drawn once per trial. Points come from the same
    /// distribution; images from the held-out test split, so metrics never score memorised
    /// training images as real.
    /// </summary>
    Tensor SampleHeldOut(int count, Generator random);
}
