using System.Diagnostics;
using System.Security.Cryptography;
using GanBench.Core.Data;
using Xunit.Abstractions;
using static GanBench.Core.Tests.Data.IdxFixtures;

namespace GanBench.Core.Tests.Data;

public class ImageDataLocatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-locate-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private string Folder(string name, bool gzip = true)
    {
        var folder = Path.Combine(_dir, name);
        WriteDataSet(folder, gzip);
        return folder;
    }

    private string Absent(string name) => Path.Combine(_dir, name);

    private static Func<string, string?> Env(string? value) =>
        name => name == ImageDataLocator.EnvironmentVariable ? value : null;

    [Fact]
    public void Data_dir_beats_environment_beats_system_folder()
    {
        string given = Folder("given"), env = Folder("env"), system = Folder("system");
        Assert.Equal(given, ImageDataLocator.Locate(given, Env(env), system).Folder);
        Assert.Equal(env, ImageDataLocator.Locate(null, Env(env), system).Folder);
        Assert.Equal(system, ImageDataLocator.Locate(null, Env(null), system).Folder);
    }

    [Fact]
    public void Located_paths_are_the_four_files_of_the_folder()
    {
        var folder = Folder("given");
        var files = ImageDataLocator.Locate(folder, Env(null), Absent("no-system"));
        Assert.Equal(
            new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" }.Select(n => Path.Combine(folder, n)),
            [files.TrainImages, files.TrainLabels, files.TestImages, files.TestLabels]);
    }

    [Fact]
    public void Empty_environment_variable_is_ignored()
    {
        var system = Folder("system");
        Assert.Equal(system, ImageDataLocator.Locate(null, Env(""), system).Folder);
        var e = Assert.Throws<ImageDataNotFoundException>(() => ImageDataLocator.Locate(null, Env(""), Absent("no-system")));
        Assert.Contains("$GANBENCH_DATA (set but empty, ignored)", e.Message);
    }

    [Fact]
    public void Incomplete_folders_fall_through_and_say_what_they_lacked()
    {
        var given = Folder("given");
        File.Delete(Path.Combine(given, "t10k-labels-idx1-ubyte.gz"));
        var env = Folder("env");
        File.Delete(Path.Combine(env, "train-images-idx3-ubyte.gz"));
        File.Delete(Path.Combine(env, "t10k-images-idx3-ubyte.gz"));
        var system = Folder("system");

        Assert.Equal(system, ImageDataLocator.Locate(given, Env(env), system).Folder);

        var e = Assert.Throws<ImageDataNotFoundException>(() => ImageDataLocator.Locate(given, Env(env), Absent("no-system")));
        Assert.Contains($"{given} (missing t10k-labels-idx1-ubyte[.gz])", e.Message);
        Assert.Contains($"$GANBENCH_DATA={env} (missing train-images-idx3-ubyte[.gz], t10k-images-idx3-ubyte[.gz])", e.Message);
        Assert.Contains($"{Absent("no-system")} (does not exist)", e.Message);
    }

    [Fact]
    public void Plain_files_are_accepted_and_gzip_preferred_when_both_exist()
    {
        var plain = Folder("plain", gzip: false);
        var files = ImageDataLocator.Locate(plain, Env(null), Absent("no-system"));
        Assert.Equal(Path.Combine(plain, "train-images-idx3-ubyte"), files.TrainImages);
        Assert.Equal(Path.Combine(plain, "t10k-labels-idx1-ubyte"), files.TestLabels);

        File.WriteAllBytes(Path.Combine(plain, "train-images-idx3-ubyte.gz"), Gzip(ImagesFile()));
        files = ImageDataLocator.Locate(plain, Env(null), Absent("no-system"));
        Assert.Equal(Path.Combine(plain, "train-images-idx3-ubyte.gz"), files.TrainImages);
        Assert.Equal(Path.Combine(plain, "train-labels-idx1-ubyte"), files.TrainLabels);
    }

    [Fact]
    public void Not_found_message_lists_every_place_and_how_to_get_the_data_on_one_line()
    {
        string given = Absent("nowhere"), system = Absent("no-system");
        var e = Assert.Throws<ImageDataNotFoundException>(() => ImageDataLocator.Locate(given, Env(null), system));
        Assert.StartsWith($"Fashion-MNIST not found. Looked in: {given} (does not exist), $GANBENCH_DATA (not set), {system} (does not exist). ", e.Message);
        Assert.Contains("Install it with 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu)", e.Message);
        Assert.Contains("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains("https://github.com/zalandoresearch/fashion-mnist", e.Message);
        Assert.Contains("data_dir:", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
    }

    [Fact]
    public void Data_dir_is_skipped_when_not_given_and_a_file_is_not_a_folder()
    {
        var file = Write(_dir, "a-file", [1]);
        var e = Assert.Throws<ImageDataNotFoundException>(() => ImageDataLocator.Locate(null, Env(file), Absent("no-system")));
        Assert.Contains("Looked in: $GANBENCH_DATA=", e.Message);
        Assert.Contains($"{file} (is a file, not a folder)", e.Message);
    }

    [Fact]
    public void A_path_with_a_line_break_does_not_break_the_message_into_lines()
    {
        var e = Assert.Throws<ImageDataNotFoundException>(() => ImageDataLocator.Locate(Absent("a\nb"), Env(null), Absent("no-system")));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("a\\x0ab (does not exist)", e.Message);
    }

    [Fact]
    public void Default_system_folder_and_environment_are_the_documented_ones()
    {
        Assert.Equal("/usr/share/datasets/fashion-mnist", ImageDataLocator.SystemFolder);
        Assert.Equal("GANBENCH_DATA", ImageDataLocator.EnvironmentVariable);
        var e = Assert.Throws<ImageDataNotFoundException>(() => ImageDataLocator.Locate(Absent("nowhere"), Env(null), Absent("no-system")));
        Assert.Contains("$GANBENCH_DATA", e.Message);
    }
}

public class ImageDataLoaderTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-load-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private ImageDataFiles DataSet(bool gzip = true, string name = "data")
    {
        var folder = Path.Combine(_dir, name);
        WriteDataSet(folder, gzip, train: 20, test: 12);
        return ImageDataLocator.Locate(folder, _ => null, Path.Combine(_dir, "no-system"));
    }

    [Fact]
    public void Loads_all_four_files()
    {
        var set = DataSet();
        var data = ImageDataLoader.Load(set);
        Assert.Equal((20, 28, 28), (data.TrainImages.Count, data.TrainImages.Rows, data.TrainImages.Columns));
        Assert.Equal(12, data.TestImages.Count);
        Assert.Equal(Pixels(20, 28, 28), data.TrainImages.Pixels);
        Assert.Equal(Labels(20), data.TrainLabels);
        Assert.Equal(Labels(12), data.TestLabels);
        Assert.Same(set, data.Files);
    }

    [Fact]
    public void Mismatched_label_count_names_both_files_and_counts()
    {
        var set = DataSet();
        Write(set.Folder, "t10k-labels-idx1-ubyte.gz", LabelsFile(11), gzip: true);
        var e = Assert.Throws<InputFileException>(() => ImageDataLoader.Load(set));
        Assert.Equal($"{set.TestLabels}: error: has 11 labels but {set.TestImages} has 12 images; each image needs exactly one label (are the files from the same data set and split?)", e.Message);
    }

    [Fact]
    public void Images_that_are_not_28_by_28_are_rejected()
    {
        var set = DataSet();
        Write(set.Folder, "train-images-idx3-ubyte.gz", ImagesFile(20, 32, 28), gzip: true);
        var e = Assert.Throws<InputFileException>(() => ImageDataLoader.Load(set));
        Assert.Equal($"{set.TrainImages}: error: has images of 32×28 pixels; Fashion-MNIST and MNIST images are 28×28", e.Message);
    }

    [Fact]
    public void A_label_of_10_or_more_is_rejected()
    {
        var set = DataSet();
        var labels = Labels(20);
        labels[7] = 10;
        Write(set.Folder, "train-labels-idx1-ubyte.gz", LabelsFile(labels), gzip: true);
        var e = Assert.Throws<InputFileException>(() => ImageDataLoader.Load(set));
        Assert.Equal($"{set.TrainLabels}: error: label 10 of image 7 (counting from 0) is out of range; Fashion-MNIST and MNIST labels are 0 to 9", e.Message);
    }

    [Fact]
    public void A_broken_file_is_reported_through_load()
    {
        var set = DataSet();
        Write(set.Folder, "t10k-images-idx3-ubyte.gz", LabelsFile(12), gzip: true);
        var e = Assert.Throws<InputFileException>(() => ImageDataLoader.Load(set));
        Assert.StartsWith($"{set.TestImages}: error: has magic number 0x00000801", e.Message);
    }

    [Fact]
    public void Content_hash_is_sha256_of_the_decompressed_files_in_order()
    {
        var gz = ImageDataLoader.Load(DataSet(gzip: true, name: "gz"));
        var plain = ImageDataLoader.Load(DataSet(gzip: false, name: "plain"));
        byte[] all = [.. ImagesFile(20), .. LabelsFile(20), .. ImagesFile(12), .. LabelsFile(12)];
        string expected = Convert.ToHexStringLower(SHA256.HashData(all));
        Assert.Equal(expected, gz.ContentHash);
        Assert.Equal(expected, plain.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", gz.ContentHash);
    }

    [Fact]
    public void Content_hash_is_stable_and_changes_with_one_pixel()
    {
        var set = DataSet();
        string first = ImageDataLoader.Load(set).ContentHash;
        Assert.Equal(first, ImageDataLoader.Load(set).ContentHash);

        var bytes = ImagesFile(12);
        bytes[16 + 5 * 28 * 28 + 100] ^= 1;
        Write(set.Folder, "t10k-images-idx3-ubyte.gz", bytes, gzip: true);
        Assert.NotEqual(first, ImageDataLoader.Load(set).ContentHash);
    }

    [Fact]
    public void Installed_fashion_mnist_loads_with_its_known_shape()
    {
        if (!Directory.Exists(ImageDataLocator.SystemFolder))
        {
            // Not installed here: then the locator must say how to install it.
            var e = Assert.Throws<ImageDataNotFoundException>(() => ImageDataLocator.Locate(null, _ => null));
            Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
            output.WriteLine($"{ImageDataLocator.SystemFolder} absent; checked the not-found message instead");
            return;
        }
        var stopwatch = Stopwatch.StartNew();
        var data = ImageDataLoader.Load(ImageDataLocator.Locate(null, _ => null));
        stopwatch.Stop();
        output.WriteLine($"loaded {data.Files.Folder} in {stopwatch.Elapsed.TotalMilliseconds:F0} ms; content hash {data.ContentHash}");

        Assert.Equal((60000, 28, 28), (data.TrainImages.Count, data.TrainImages.Rows, data.TrainImages.Columns));
        Assert.Equal((10000, 28, 28), (data.TestImages.Count, data.TestImages.Rows, data.TestImages.Columns));
        Assert.Equal(60000L * 28 * 28, data.TrainImages.Pixels.LongLength);
        var perClass = data.TrainLabels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()));
        Assert.Equal(Enumerable.Range(0, 10).Select(k => ((byte)k, 6000)), perClass);
        Assert.Equal(Enumerable.Range(0, 10).Select(k => (byte)k), data.TestLabels.Distinct().Order());
    }
}
