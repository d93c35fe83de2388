using GanBench.Core.Datasets;
using static TorchSharp.torch;

namespace GanBench.Training.Data;

/// <summary>
/// A point dataset sampled by its kind's sampler directly on the trial's device from the trial's
/// own random stream, so no batch ever crosses the host boundary during training.
/// </summary>
public sealed class PointDistribution(DatasetSpec spec, Device device) : IDataDistribution
{
    private readonly DatasetKind _kind = DatasetKinds.Of(spec);
    private readonly Dictionary<IReadOnlyList<double[]>, Tensor> _tables = new(ReferenceEqualityComparer.Instance);

    public long[] SampleShape => [spec.Dimension];

    public Tensor Sample(int count, Generator random) => _kind.Sample(spec, new TorchMath(device, random, _tables), count);

    /// <summary>Points have no held-out split: the evaluation's real side is another draw of the same distribution.</summary>
    public Tensor SampleHeldOut(int count, Generator random) => Sample(count, random);

    public void Dispose()
    {
        foreach (var table in _tables.Values) table.Dispose();
    }
}
