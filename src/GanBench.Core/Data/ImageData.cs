using System.Security.Cryptography;

namespace GanBench.Core.Data;

/// <summary>The four IDX files of an MNIST-format data set; each path is the .gz or the plain file, whichever was found.</summary>
public sealed record ImageDataFiles(string Folder, string TrainImages, string TrainLabels, string TestImages, string TestLabels);

/// <summary>No folder holds the data set; the message says where we looked and how to get it, on one line.</summary>
public sealed class ImageDataNotFoundException(string message) : Exception(message);

public static class ImageDataLocator
{
    public const string EnvironmentVariable = "GANBENCH_DATA";
    public const string SystemFolder = "/usr/share/datasets/fashion-mnist";

    internal static readonly string[] FileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>
    /// An explicit folder that lacks files falls through to the next candidate rather than failing, so a stale
    /// data_dir does not hide an installed copy; what it lacked is still reported if nothing qualifies.
    /// </summary>
    public static ImageDataFiles Locate(string? dataDir, Func<string, string?>? environment = null, string? systemFolder = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        systemFolder ??= SystemFolder;
        var looked = new List<string>();

        if (dataDir is not null)
        {
            if (TryFolder(dataDir, out var found, out var why)) return found;
            looked.Add($"{Shown(dataDir)} ({why})");
        }

        string? fromEnvironment = environment(EnvironmentVariable);
        if (fromEnvironment is null) looked.Add($"${EnvironmentVariable} (not set)");
        else if (fromEnvironment.Length == 0) looked.Add($"${EnvironmentVariable} (set but empty, ignored)");
        else
        {
            if (TryFolder(fromEnvironment, out var found, out var why)) return found;
            looked.Add($"${EnvironmentVariable}={Shown(fromEnvironment)} ({why})");
        }

        if (TryFolder(systemFolder, out var system, out var systemWhy)) return system;
        looked.Add($"{Shown(systemFolder)} ({systemWhy})");

        throw new ImageDataNotFoundException(
            $"Fashion-MNIST not found. Looked in: {string.Join(", ", looked)}. " +
            "Install it with 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu), or download the four files " +
            string.Join(", ", FileNames.Select(n => n + ".gz")) +
            " from https://github.com/zalandoresearch/fashion-mnist into a folder and set data_dir: in the experiment or " +
            $"{EnvironmentVariable}. MNIST files with the same names work too.");
    }

    private static bool TryFolder(string folder, out ImageDataFiles files, out string why)
    {
        files = null!;
        if (!Directory.Exists(folder))
        {
            why = System.IO.File.Exists(folder) ? "is a file, not a folder" : "does not exist";
            return false;
        }
        var paths = new string[FileNames.Length];
        var missing = new List<string>();
        for (int i = 0; i < FileNames.Length; i++)
        {
            // The .gz is what the data set ships as and what the Debian package installs, so it wins over a stray unpacked copy.
            string gz = Path.Combine(folder, FileNames[i] + ".gz"), plain = Path.Combine(folder, FileNames[i]);
            if (System.IO.File.Exists(gz)) paths[i] = gz;
            else if (System.IO.File.Exists(plain)) paths[i] = plain;
            else missing.Add(FileNames[i] + "[.gz]");
        }
        if (missing.Count > 0)
        {
            why = "missing " + string.Join(", ", missing);
            return false;
        }
        why = "";
        files = new ImageDataFiles(folder, paths[0], paths[1], paths[2], paths[3]);
        return true;
    }

    // The CLI prints one line per problem, so a path with a line break must not split the message.
    private static string Shown(string path) =>
        path.Length == 0 ? "''" : string.Concat(path.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}

/// <summary>A loaded MNIST-format data set; <see cref="ContentHash"/> identifies the data whatever its compression or location.</summary>
public sealed record ImageDataSet(ImageDataFiles Files, IdxImages TrainImages, byte[] TrainLabels, IdxImages TestImages, byte[] TestLabels, string ContentHash);

public static class ImageDataLoader
{
    public const int Side = 28;
    public const int Classes = 10;

    public static ImageDataSet Load(ImageDataFiles files)
    {
        var trainImages = IdxFile.ReadImages(files.TrainImages);
        var trainLabels = IdxFile.ReadLabels(files.TrainLabels);
        var testImages = IdxFile.ReadImages(files.TestImages);
        var testLabels = IdxFile.ReadLabels(files.TestLabels);
        CheckImages(trainImages);
        CheckImages(testImages);
        CheckLabels(trainImages, trainLabels, files.TrainLabels);
        CheckLabels(testImages, testLabels, files.TestLabels);
        return new ImageDataSet(files, trainImages, trainLabels, testImages, testLabels, Hash(trainImages, trainLabels, testImages, testLabels));
    }

    // The models are built for 28×28 inputs; another size means another data set, not a variant to adapt to.
    private static void CheckImages(IdxImages images)
    {
        if (images.Rows != Side || images.Columns != Side)
            throw new InputFileException(images.File, null, null,
                $"has images of {images.Rows}×{images.Columns} pixels; Fashion-MNIST and MNIST images are {Side}×{Side}");
    }

    private static void CheckLabels(IdxImages images, byte[] labels, string labelsFile)
    {
        if (labels.Length != images.Count)
            throw new InputFileException(labelsFile, null, null,
                $"has {labels.Length} labels but {images.File} has {images.Count} images; each image needs exactly one label (are the files from the same data set and split?)");
        int bad = Array.FindIndex(labels, l => l >= Classes);
        if (bad >= 0)
            throw new InputFileException(labelsFile, null, null,
                $"label {labels[bad]} of image {bad} (counting from 0) is out of range; Fashion-MNIST and MNIST labels are 0 to {Classes - 1}");
    }

    /// <summary>Over the decompressed bytes, so gzipped and unpacked copies of the same data hash alike.</summary>
    private static string Hash(IdxImages trainImages, byte[] trainLabels, IdxImages testImages, byte[] testLabels)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (images, labels) in new[] { (trainImages, trainLabels), (testImages, testLabels) })
        {
            hash.AppendData(IdxFile.Header(IdxFile.ImagesMagic, images.Count, images.Rows, images.Columns));
            hash.AppendData(images.Pixels);
            hash.AppendData(IdxFile.Header(IdxFile.LabelsMagic, labels.Length));
            hash.AppendData(labels);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
