using GanBench.Core.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Images;

/// <summary>
/// Fashion-MNIST as read from disk, once per process and data folder: every trial of a sweep
/// trains on the same bytes, and reading 30 MB of gzip per trial would be wasted time.
/// </summary>
public static class ImageDataStore
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, ImageDataSet> Loaded = new(StringComparer.Ordinal);

    /// <summary>Locates and loads the data for an experiment's data_dir (null: environment, then system path).</summary>
    /// <exception cref="ImageDataNotFoundException">No folder holds the four files; the message says how to get them.</exception>
    /// <exception cref="InputFileException">A file is corrupt, truncated or inconsistent.</exception>
    public static ImageDataSet Get(string? dataDir)
    {
        var files = ImageDataLocator.Locate(dataDir, systemFolder: ImageSetup.SystemDataFolder);
        lock (Gate)
        {
            if (!Loaded.TryGetValue(files.Folder, out var data))
                Loaded[files.Folder] = data = ImageDataLoader.Load(files);
            return data;
        }
    }

    /// <summary>Images as float [N, 1, 28, 28] scaled from 0..255 to [−1, 1], the range of the generator's tanh.</summary>
    public static Tensor ToTensor(IdxImages images, Device device)
    {
        using var bytes = torch.tensor(images.Pixels, [images.Count, 1, images.Rows, images.Columns], dtype: ScalarType.Byte);
        var scaled = bytes.to_type(ScalarType.Float32);
        scaled.div_(127.5f).sub_(1f);
        return MoveTo(scaled, device);
    }

    public static Tensor LabelsToTensor(byte[] labels, Device device)
    {
        using var bytes = torch.tensor(labels, dtype: ScalarType.Byte);
        return MoveTo(bytes.to_type(ScalarType.Int64), device);
    }

    /// <summary>
    /// Tensor.to returns the very same object when the tensor is already on the device, so the
    /// source may only be disposed when a copy was made; disposing it unconditionally frees the
    /// result on the CPU.
    /// </summary>
    private static Tensor MoveTo(Tensor tensor, Device device)
    {
        var moved = tensor.to(device);
        if (!ReferenceEquals(moved, tensor)) tensor.Dispose();
        return moved;
    }
}
