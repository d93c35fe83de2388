using GanBench.Core.Data;
using static GanBench.Core.Tests.Data.IdxFixtures;

namespace GanBench.Core.Tests.Data;

public class IdxFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-idx-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private InputFileException ImagesError(byte[] bytes, bool gzip = false, string name = "images-idx3-ubyte")
    {
        var path = Write(_dir, name, bytes, gzip);
        var e = Assert.Throws<InputFileException>(() => IdxFile.ReadImages(path));
        Assert.StartsWith(path + ": error: ", e.Message);
        Assert.Null(e.Line);
        return e;
    }

    private InputFileException LabelsError(byte[] bytes, bool gzip = false)
    {
        var path = Write(_dir, "labels-idx1-ubyte", bytes, gzip);
        var e = Assert.Throws<InputFileException>(() => IdxFile.ReadLabels(path));
        Assert.StartsWith(path + ": error: ", e.Message);
        return e;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_round_trip(bool gzip)
    {
        var path = Write(_dir, "train-images-idx3-ubyte" + (gzip ? ".gz" : ""), ImagesFile(20, 28, 28), gzip);
        var images = IdxFile.ReadImages(path);
        Assert.Equal((path, 20, 28, 28), (images.File, images.Count, images.Rows, images.Columns));
        Assert.Equal(Pixels(20, 28, 28), images.Pixels);
        // Row-major: image 3, row 5, column 9.
        Assert.Equal((byte)(3 * 7 + 5 * 3 + 9 * 11), images.Pixels[(3 * 28 + 5) * 28 + 9]);
    }

    [Fact]
    public void Non_square_images_keep_rows_and_columns_apart()
    {
        var images = IdxFile.ReadImages(Write(_dir, "i", ImagesFile(3, 4, 5)));
        Assert.Equal((3, 4, 5), (images.Count, images.Rows, images.Columns));
        Assert.Equal(Pixels(3, 4, 5), images.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Labels_round_trip(bool gzip)
    {
        var path = Write(_dir, "train-labels-idx1-ubyte" + (gzip ? ".gz" : ""), LabelsFile(20), gzip);
        Assert.Equal(Labels(20), IdxFile.ReadLabels(path));
    }

    [Fact]
    public void Gzip_is_recognised_by_content_not_by_name()
    {
        var gzipWithoutExtension = Write(_dir, "train-images-idx3-ubyte", ImagesFile(), gzip: true);
        var plainNamedGz = Write(_dir, "train-labels-idx1-ubyte.gz", LabelsFile(), gzip: false);
        Assert.Equal(0x1f, File.ReadAllBytes(gzipWithoutExtension)[0]);
        Assert.Equal(Pixels(20, 28, 28), IdxFile.ReadImages(gzipWithoutExtension).Pixels);
        Assert.Equal(Labels(20), IdxFile.ReadLabels(plainNamedGz));
    }

    [Fact]
    public void Missing_file_and_directory_are_named()
    {
        var missing = Path.Combine(_dir, "t10k-images-idx3-ubyte.gz");
        Assert.Equal($"{missing}: error: file not found", Assert.Throws<InputFileException>(() => IdxFile.ReadImages(missing)).Message);
        Assert.Equal($"{missing}: error: file not found", Assert.Throws<InputFileException>(() => IdxFile.ReadLabels(missing)).Message);
        Assert.Contains("is a directory", Assert.Throws<InputFileException>(() => IdxFile.ReadImages(_dir)).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_header_says_how_long_it_should_be(bool gzip)
    {
        var e = ImagesError(ImagesFile()[..10], gzip);
        Assert.Contains($"is truncated: an IDX images header is 16 bytes but the {(gzip ? "decompressed " : "")}file has only 10", e.Message);
        Assert.Contains("header is 8 bytes but the file has only 6", LabelsError(LabelsFile()[..6]).Message);
        Assert.Contains("header is 16 bytes but the file has only 0", ImagesError([], false, "empty").Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_says_expected_and_present_bytes(bool gzip)
    {
        var bytes = ImagesFile(20, 28, 28);
        var e = ImagesError(bytes[..(bytes.Length - 100)], gzip);
        Assert.Contains("is truncated: the header declares 20 images of 28×28 pixels = 15680 data bytes but ", e.Message);
        Assert.Contains(gzip ? "the decompressed file has only 15580" : "only 15580 are present", e.Message);
        Assert.Contains("declares 20 labels = 20 data bytes but only 19 are present", LabelsError(LabelsFile(20)[..^1]).Message);
    }

    [Fact]
    public void A_gzip_stream_cut_short_is_reported_not_returned_short()
    {
        var gz = Gzip(ImagesFile(20, 28, 28));
        var e = ImagesError(gz[..(gz.Length / 2)], gzip: false, name: "cut.gz");
        // Depending on where the cut falls the deflate decoder either ends early or notices; both must be an error naming the problem.
        Assert.Matches("is truncated: .* but the decompressed file has only \\d+|is not a valid gzip file", e.Message);
    }

    [Fact]
    public void Wrong_magic_says_what_was_found_and_expected()
    {
        byte[] html = [.. "<!DOCTYPE html><html>Not Found</html>"u8];
        var e = ImagesError(html);
        Assert.Contains("is not an IDX file: it starts with 0x3C21444F where the magic number 0x00000803 (IDX images: unsigned bytes, 3 dimensions) was expected", e.Message);

        var ints = ImagesError([.. Header(0x00000C03, 1, 1, 1), 0, 0, 0, 1]);
        Assert.Contains("has magic number 0x00000C03 (IDX data type 0x0C, 3 dimension(s)) but 0x00000803", ints.Message);

        var labels = LabelsError([.. Header(0x00000802, 1, 1), 1]);
        Assert.Contains("0x00000802 (IDX data type 0x08, 2 dimension(s)) but 0x00000801 (IDX labels: unsigned bytes, 1 dimension) was expected", labels.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Swapped_images_and_labels_are_hinted(bool gzip)
    {
        var labelsReadAsImages = ImagesError(LabelsFile(), gzip);
        Assert.Contains("has magic number 0x00000801, which marks an IDX labels file, but 0x00000803", labelsReadAsImages.Message);
        Assert.EndsWith("are the images and labels files swapped?", labelsReadAsImages.Message);

        var imagesReadAsLabels = LabelsError(ImagesFile(), gzip);
        Assert.Contains("has magic number 0x00000803, which marks an IDX images file, but 0x00000801", imagesReadAsLabels.Message);
        Assert.EndsWith("are the images and labels files swapped?", imagesReadAsLabels.Message);
    }

    [Fact]
    public void Corrupt_gzip_is_reported_as_such()
    {
        byte[] garbage = [0x1f, 0x8b, 0x08, 0x00, .. Enumerable.Range(0, 200).Select(i => (byte)(i * 37 + 5))];
        Assert.Contains("is not a valid gzip file (", ImagesError(garbage).Message);

        // A valid gzip header with its deflate data overwritten.
        var gz = Gzip(ImagesFile());
        for (int i = 10; i < gz.Length - 8; i++) gz[i] = 0xff;
        var e = ImagesError(gz, gzip: false, name: "overwritten.gz");
        Assert.Contains("is not a valid gzip file (", e.Message);
        Assert.EndsWith("download it again", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trailing_bytes_are_an_error(bool gzip)
    {
        var e = ImagesError([.. ImagesFile(20, 28, 28), 1, 2, 3], gzip);
        Assert.Contains("has 3 byte(s) after the 15680 data bytes its header declares (20 images of 28×28 pixels)", e.Message);
        Assert.Contains("has 1 byte(s) after the 20 data bytes its header declares (20 labels)", LabelsError([.. LabelsFile(20), 0], gzip).Message);
    }

    [Theory]
    [InlineData(0u, 28u, 28u, "declares 0 images")]
    [InlineData(20u, 0u, 28u, "declares 0 rows")]
    [InlineData(20u, 28u, 0u, "declares 0 columns")]
    public void Zero_dimensions_are_an_error(uint count, uint rows, uint columns, string fragment)
    {
        Assert.Contains(fragment, ImagesError(Header(0x803, count, rows, columns)).Message);
        Assert.Contains("declares 0 labels", LabelsError(Header(0x801, 0)).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Absurd_sizes_are_rejected_before_allocating(bool gzip)
    {
        // 100000×60000×60000 bytes would be 360 TB; the file is a few bytes.
        var e = ImagesError([.. Header(0x803, 100000, 60000, 60000), 1, 2, 3], gzip);
        Assert.Contains("declares 100000 images of 60000×60000 pixels, more than an IDX file this reader can hold", e.Message);
        Assert.Contains("header is probably corrupt", e.Message);
        Assert.Contains("declares 4294967295 labels, more than", LabelsError([.. Header(0x801, uint.MaxValue), 1], gzip).Message);
    }

    [Fact]
    public void A_large_declared_size_in_a_small_gzip_is_truncated_not_allocated()
    {
        // Just under the hard limit (about 2 GB): allowed by the header check, so only reading shows the data is absent.
        var path = Write(_dir, "big.gz", [.. Header(0x803, 2_000_000, 28, 28), 1, 2, 3], gzip: true);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InputFileException>(() => IdxFile.ReadImages(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("declares 2000000 images of 28×28 pixels = 1568000000 data bytes but the decompressed file has only 3", e.Message);
        Assert.True(allocated < 200_000_000, $"allocated {allocated} bytes for a 3-byte payload");
    }
}
