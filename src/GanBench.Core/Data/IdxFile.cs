using System.Buffers.Binary;
using System.IO.Compression;

namespace GanBench.Core.Data;

/// <summary>count×rows×columns unsigned bytes, row-major.</summary>
public sealed record IdxImages(string File, int Count, int Rows, int Columns, byte[] Pixels);

/// <summary>
/// Reader for the IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/), plain or gzipped.
/// Every problem is an <see cref="InputFileException"/> naming the file, because these files come from
/// downloads and package installs that fail in ordinary ways (truncated, swapped, HTML error pages).
/// </summary>
public static class IdxFile
{
    internal const uint ImagesMagic = 0x00000803;
    internal const uint LabelsMagic = 0x00000801;

    public static IdxImages ReadImages(string path)
    {
        var (dims, data) = Read(path, 3);
        return new IdxImages(path, dims[0], dims[1], dims[2], data);
    }

    public static byte[] ReadLabels(string path) => Read(path, 1).Data;

    /// <summary>The exact bytes the header had: reading rejects anything else, so hashing can rebuild it instead of keeping it.</summary>
    internal static byte[] Header(uint magic, params int[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteUInt32BigEndian(header, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * i), (uint)dims[i]);
        return header;
    }

    // Beyond this no byte[] can hold the data, so a larger header is corrupt rather than merely big.
    private static readonly long MaxDataBytes = Array.MaxLength;

    // Grown towards the declared size only as decompressed data actually arrives, so a small corrupt
    // .gz whose header claims gigabytes cannot make us allocate them. Real files (47 MB) fit in one step.
    private const int FirstGzipChunk = 64 << 20;

    private static (int[] Dims, byte[] Data) Read(string path, int rank)
    {
        if (Directory.Exists(path)) throw Problem(path, "is a directory, not an IDX file");
        if (!System.IO.File.Exists(path)) throw Problem(path, "file not found");
        bool gzipped = false;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            // By content, not by name: downloads get renamed, and some tools unpack without dropping ".gz".
            Span<byte> probe = stackalloc byte[2];
            gzipped = file.ReadAtLeast(probe, 2, throwOnEndOfStream: false) == 2 && probe[0] == 0x1f && probe[1] == 0x8b;
            file.Position = 0;
            using Stream source = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
            var dims = ReadHeader(path, source, rank, gzipped);
            long expected = DataBytes(path, dims, rank);
            byte[] data = gzipped
                ? ReadGzipData(path, source, dims, expected)
                : ReadPlainData(path, file, dims, expected);
            return (dims, data);
        }
        catch (InvalidDataException e) when (gzipped)
        {
            throw Problem(path, $"is not a valid gzip file ({e.Message}); download it again");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem(path, $"cannot be read ({e.Message})");
        }
    }

    private static int[] ReadHeader(string path, Stream source, int rank, bool gzipped)
    {
        int headerBytes = 4 + 4 * rank;
        var header = new byte[headerBytes];
        int got = source.ReadAtLeast(header, headerBytes, throwOnEndOfStream: false);
        // The magic number first: a wrong file is a clearer diagnosis than "truncated".
        if (got >= 4) CheckMagic(path, BinaryPrimitives.ReadUInt32BigEndian(header), rank);
        if (got < headerBytes)
            throw Problem(path, $"is truncated: an IDX {Kind(rank)} header is {headerBytes} bytes but the {(gzipped ? "decompressed " : "")}file has only {got}");
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 + 4 * i));
            if (d == 0) throw Problem(path, $"declares 0 {DimensionName(rank, i)}; the file is empty or its header is corrupt");
            if (d > MaxDataBytes) throw Problem(path, $"declares {d} {DimensionName(rank, i)}, more than an IDX file this reader can hold ({MaxDataBytes} bytes); the header is probably corrupt");
            dims[i] = (int)d;
        }
        return dims;
    }

    private static void CheckMagic(string path, uint found, int rank)
    {
        uint expected = rank == 3 ? ImagesMagic : LabelsMagic;
        if (found == expected) return;
        string want = $"0x{expected:X8} (IDX {Kind(rank)}: unsigned bytes, {rank} dimension{(rank == 1 ? "" : "s")})";
        if (rank == 3 && found == LabelsMagic)
            throw Problem(path, $"has magic number 0x{found:X8}, which marks an IDX labels file, but {want} was expected; are the images and labels files swapped?");
        if (rank == 1 && found == ImagesMagic)
            throw Problem(path, $"has magic number 0x{found:X8}, which marks an IDX images file, but {want} was expected; are the images and labels files swapped?");
        if ((found & 0xFFFF0000) == 0)
            throw Problem(path, $"has magic number 0x{found:X8} (IDX data type 0x{(found >> 8) & 0xFF:X2}, {found & 0xFF} dimension(s)) but {want} was expected");
        throw Problem(path, $"is not an IDX file: it starts with 0x{found:X8} where the magic number {want} was expected");
    }

    private static long DataBytes(string path, int[] dims, int rank)
    {
        // Each factor is below 2^31 and the running product is kept below 2^31, so the multiplication cannot overflow a long.
        long bytes = 1;
        foreach (int d in dims)
        {
            bytes *= d;
            if (bytes > MaxDataBytes)
                throw Problem(path, $"declares {Shape(dims, rank)}, more than an IDX file this reader can hold ({MaxDataBytes} bytes); the header is probably corrupt");
        }
        return bytes;
    }

    private static byte[] ReadPlainData(string path, FileStream file, int[] dims, long expected)
    {
        // Compared with the file length before allocating, so a corrupt header costs nothing.
        long present = file.Length - file.Position;
        if (present < expected)
            throw Problem(path, $"is truncated: the header declares {Shape(dims, dims.Length)} = {expected} data bytes but only {present} are present");
        if (present > expected)
            throw Problem(path, $"has {present - expected} byte(s) after the {expected} data bytes its header declares ({Shape(dims, dims.Length)}); it is not a single IDX file or its header is wrong");
        var data = new byte[expected];
        file.ReadExactly(data);
        return data;
    }

    private static byte[] ReadGzipData(string path, Stream source, int[] dims, long expected)
    {
        var data = new byte[Math.Min(expected, FirstGzipChunk)];
        int filled = 0;
        while (true)
        {
            filled += source.ReadAtLeast(data.AsSpan(filled), data.Length - filled, throwOnEndOfStream: false);
            if (filled < data.Length || data.Length == expected) break;
            Array.Resize(ref data, (int)Math.Min(expected, 2L * data.Length));
        }
        if (filled < expected)
            throw Problem(path, $"is truncated: the header declares {Shape(dims, dims.Length)} = {expected} data bytes but the decompressed file has only {filled}");
        long extra = CountRest(source);
        if (extra > 0)
            throw Problem(path, $"has {(extra >= TrailingCountLimit ? "at least " : "")}{extra} byte(s) after the {expected} data bytes its header declares ({Shape(dims, dims.Length)}); it is not a single IDX file or its header is wrong");
        return data;
    }

    // Enough to say how much is extra without decompressing an arbitrarily long tail.
    private const long TrailingCountLimit = 1 << 20;

    private static long CountRest(Stream source)
    {
        var scratch = new byte[64 << 10];
        long total = 0;
        int n;
        while (total < TrailingCountLimit && (n = source.Read(scratch)) > 0) total += n;
        return total;
    }

    private static string Kind(int rank) => rank == 3 ? "images" : "labels";

    private static string DimensionName(int rank, int index) =>
        rank == 1 ? "labels" : index switch { 0 => "images", 1 => "rows", _ => "columns" };

    private static string Shape(int[] dims, int rank) =>
        rank == 1 ? $"{dims[0]} labels" : $"{dims[0]} images of {dims[1]}×{dims[2]} pixels";

    private static InputFileException Problem(string path, string problem) => new(path, null, null, problem);
}
