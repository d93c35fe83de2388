using System.Buffers.Binary;
using System.IO.Compression;

namespace GanBench.Core.Tests.Data;

/// <summary>Small IDX files written byte by byte, so the tests do not depend on the real data set being installed.</summary>
internal static class IdxFixtures
{
    public static byte[] Header(uint magic, params uint[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteUInt32BigEndian(header, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return header;
    }

    /// <summary>Pixel values depend on image, row and column, so a transposed or shifted read shows up.</summary>
    public static byte[] Pixels(int count, int rows, int columns)
    {
        var pixels = new byte[count * rows * columns];
        for (int i = 0; i < count; i++)
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    pixels[(i * rows + r) * columns + c] = (byte)(i * 7 + r * 3 + c * 11);
        return pixels;
    }

    public static byte[] Labels(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 3 % 10)).ToArray();

    public static byte[] ImagesFile(int count = 20, int rows = 28, int columns = 28) =>
        [.. Header(0x803, (uint)count, (uint)rows, (uint)columns), .. Pixels(count, rows, columns)];

    public static byte[] LabelsFile(int count = 20) => [.. Header(0x801, (uint)count), .. Labels(count)];

    public static byte[] LabelsFile(byte[] labels) => [.. Header(0x801, (uint)labels.Length), .. labels];

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal)) gz.Write(bytes);
        return output.ToArray();
    }

    public static string Write(string folder, string name, byte[] bytes, bool gzip = false)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, gzip ? Gzip(bytes) : bytes);
        return path;
    }

    /// <summary>A complete data set in <paramref name="folder"/>, under the standard names (with .gz when gzipped).</summary>
    public static void WriteDataSet(string folder, bool gzip = true, int train = 20, int test = 12)
    {
        Directory.CreateDirectory(folder);
        string ext = gzip ? ".gz" : "";
        Write(folder, "train-images-idx3-ubyte" + ext, ImagesFile(train), gzip);
        Write(folder, "train-labels-idx1-ubyte" + ext, LabelsFile(train), gzip);
        Write(folder, "t10k-images-idx3-ubyte" + ext, ImagesFile(test), gzip);
        Write(folder, "t10k-labels-idx1-ubyte" + ext, LabelsFile(test), gzip);
    }
}
