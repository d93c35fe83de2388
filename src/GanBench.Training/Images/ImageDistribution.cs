using GanBench.Core.Data;
using GanBench.Training.Data;
using TorchSharp;
using static TorchSharp.torch;
using GanBench.Core.Datasets;

namespace GanBench.Training.Images;

/// <summary>
/// fashion_mnist and stacked_fashion_mnist on the trial's device. A stacked sample is three
/// independently drawn training images used as the three channels; drawing them from the
/// trial's generator makes the 1000-mode dataset a deterministic function of the seed without
/// materialising it.
/// </summary>
public sealed class ImageDistribution : IDataDistribution
{
    private readonly Tensor _train;
    private readonly Tensor _test;
    private readonly int _channels;
    private readonly Device _device;

    public ImageDistribution(DatasetSpec spec, ImageDataSet data, Device device)
    {
        if (!spec.IsImage) throw new ArgumentException($"dataset '{spec.Name}' is not an image dataset");
        _channels = spec.ImageChannels;
        _device = device;
        _train = ImageDataStore.ToTensor(data.TrainImages, device);
        _test = ImageDataStore.ToTensor(data.TestImages, device);
    }

    public long[] SampleShape => [_channels, DatasetSpec.ImageSide, DatasetSpec.ImageSide];

    public Tensor Sample(int count, Generator random) => Draw(_train, count, random);

    /// <summary>
    /// Single-channel: distinct test images (a random order of the test split) while there are
    /// enough, so 10,000 samples are exactly the test set. Stacked: independent triples.
    /// </summary>
    public Tensor SampleHeldOut(int count, Generator random)
    {
        long available = _test.shape[0];
        if (_channels == 1 && count <= available)
        {
            using var order = torch.randperm(available, generator: random, device: _device);
            return _test.index_select(0, order.narrow(0, 0, count));
        }
        return Draw(_test, count, random);
    }

    private Tensor Draw(Tensor images, int count, Generator random)
    {
        using var index = torch.randint(0, images.shape[0], [count * _channels], device: _device, generator: random);
        using var picked = images.index_select(0, index);
        // Consecutive draws become the channels of one sample.
        return picked.view(count, _channels, DatasetSpec.ImageSide, DatasetSpec.ImageSide);
    }

    public void Dispose()
    {
        _train.Dispose();
        _test.Dispose();
    }
}
