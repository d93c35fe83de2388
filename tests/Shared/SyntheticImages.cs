using System.Buffers.Binary;
using System.IO.Compression;

namespace GanBench.Tests.Shared;

/// <summary>
/// A Fashion-MNIST stand-in written as IDX files: ten classes, each a bright 5×5 block at its own
/// place on a noisy background, so a tiny classifier learns it in one epoch and tests do not need
/// the real data set.
/// </summary>
public static class SyntheticImages
{
    public const int Side = 28;

    public static (byte[] Pixels, byte[] Labels) Make(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * Side * Side];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 10;
            labels[i] = (byte)label;
            int top = 3 + label / 5 * 13 + random.Next(3), left = 1 + label % 5 * 5 + random.Next(2);
            for (int r = 0; r < Side; r++)
                for (int c = 0; c < Side; c++)
                {
                    bool inBlock = r >= top && r < top + 5 && c >= left && c < left + 5;
                    pixels[(i * Side + r) * Side + c] = (byte)(inBlock ? 190 + random.Next(66) : random.Next(50));
                }
        }
        return (pixels, labels);
    }

    public static byte[] ImagesFile(byte[] pixels) => [.. Header(0x803, (uint)(pixels.Length / (Side * Side)), Side, Side), .. pixels];

    public static byte[] LabelsFile(byte[] labels) => [.. Header(0x801, (uint)labels.Length), .. labels];

    /// <summary>A data folder under the standard names (gzipped), like /usr/share/datasets/fashion-mnist.</summary>
    public static string WriteDataSet(string folder, int train = 2000, int test = 400)
    {
        Directory.CreateDirectory(folder);
        var (trainPixels, trainLabels) = Make(train, seed: 1);
        var (testPixels, testLabels) = Make(test, seed: 2);
        Write(folder, "train-images-idx3-ubyte.gz", ImagesFile(trainPixels));
        Write(folder, "train-labels-idx1-ubyte.gz", LabelsFile(trainLabels));
        Write(folder, "t10k-images-idx3-ubyte.gz", ImagesFile(testPixels));
        Write(folder, "t10k-labels-idx1-ubyte.gz", LabelsFile(testLabels));
        return folder;
    }

    public static void Write(string folder, string name, byte[] bytes)
    {
        using var file = File.Create(Path.Combine(folder, name));
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(bytes);
    }

    private static byte[] Header(uint magic, params uint[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteUInt32BigEndian(header, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return header;
    }
}
