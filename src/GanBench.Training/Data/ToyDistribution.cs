using GanBench.Core.Config;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Data;

/// <summary>
/// Samples a 2-D toy distribution directly on the trial's device from the trial's own random
/// stream, so no batch ever crosses the host boundary during training.
/// </summary>
public sealed class ToyDistribution : IDataDistribution
{
    private readonly DatasetSpec _spec;
    private readonly Device _device;
    private readonly Tensor? _means;

    public ToyDistribution(DatasetSpec spec, Device device)
    {
        _spec = spec;
        _device = device;
        if (spec.Type != "swissroll")
        {
            if (spec.Means.Count == 0) throw new ArgumentException($"dataset '{spec.Name}' of type {spec.Type} has no means");
            var flat = spec.Means.SelectMany(m => m).Select(v => (float)v).ToArray();
            _means = torch.tensor(flat, [spec.Means.Count, spec.Dimension], device: device);
        }
    }

    public int Dimension => _spec.Dimension;

    public long[] SampleShape => [_spec.Dimension];

    public Tensor SampleHeldOut(int count, Generator random) => Sample(count, random);

    public Tensor Sample(int count, Generator random)
    {
        Tensor points;
        if (_means is null)
        {
            points = SwissRoll(count, random);
        }
        else
        {
            var component = torch.randint(0, _means.shape[0], [count], device: _device, generator: random);
            var noise = torch.randn([count, _means.shape[1]], device: _device, generator: random);
            points = _means.index_select(0, component) + noise * _spec.Std;
        }
        return _spec.Scale == 1.0 ? points : points / _spec.Scale;
    }

    // scikit-learn's make_swiss_roll, keeping coordinates (x, z) as gan_toy.py does; the unused
    // height coordinate is not drawn.
    private Tensor SwissRoll(int count, Generator random)
    {
        var t = 1.5 * Math.PI * (1 + 2 * torch.rand([count], device: _device, generator: random));
        var noise = torch.randn([count, 2], device: _device, generator: random) * _spec.Noise;
        return torch.stack([t * torch.cos(t), t * torch.sin(t)], 1) + noise;
    }

    public void Dispose() => _means?.Dispose();
}
