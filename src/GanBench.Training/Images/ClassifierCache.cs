using GanBench.Training.Torch;
using System.Globalization;
using GanBench.Core.Config;
using GanBench.Core.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Images;

/// <summary>A domain classifier ready to measure with, and where it came from.</summary>
public sealed record LoadedClassifier(DomainClassifier Model, ClassifierCacheEntry Entry, bool Trained);

/// <summary>
/// Trains the domain classifier once per data and settings, and keeps it on disk under a key
/// hashed from both. Worker processes of one sweep start together, so the first to arrive trains
/// while the others wait on a lock file and then load its result.
/// </summary>
public static class ClassifierCache
{
    /// <summary>Below this test accuracy on real Fashion-MNIST the features are too poor to trust; the log says so.</summary>
    public const double MinimumAccuracy = 0.89;

    private static readonly object Gate = new();
    private static readonly Dictionary<string, LoadedClassifier> InProcess = new(StringComparer.Ordinal);

    /// <summary>Drops the classifiers this process holds, so the next request reads the disk cache as a new process would.</summary>
    public static void ForgetLoaded()
    {
        lock (Gate) InProcess.Clear();
    }

    public static LoadedClassifier GetOrTrain(ImageDataSet data, ClassifierConfig config, Device device, string? folder = null, Action<string>? log = null)
    {
        folder ??= ClassifierCacheEntry.DefaultFolder();
        string key = ClassifierCacheEntry.KeyFor(data.ContentHash, config);
        string memoryKey = $"{folder}|{key}|{device}";
        lock (Gate)
        {
            if (InProcess.TryGetValue(memoryKey, out var loaded)) return loaded;
            Directory.CreateDirectory(folder);
            string weights = Path.Combine(folder, key + ".pt"), metadata = Path.Combine(folder, key + ".json");
            using (AcquireLock(Path.Combine(folder, key + ".lock"), log))
            {
                var entry = ClassifierCacheEntry.TryLoad(metadata, weights, key, out var problem);
                if (entry is not null)
                {
                    // Construction draws initial weights from the global generator, which a trial
                    // seeds under this lock; taking it keeps a concurrent trial's weights its own.
                    DomainClassifier model;
                    lock (TorchHost.InitGate) model = new DomainClassifier(config.Width);
                    model.load(weights);
                    model.to(device);
                    model.eval();
                    loaded = new LoadedClassifier(model, entry, Trained: false);
                }
                else
                {
                    log?.Invoke($"training the domain classifier ({problem}; {config.Epochs} epochs, width {config.Width}, seed {config.Seed}) into {weights}");
                    var model = DomainClassifier.Train(data, config, device, log);
                    double accuracy = model.TestAccuracy(data, device);
                    // Weights first, then the metadata that vouches for them: a crash in between leaves
                    // metadata that no longer matches, which the next run treats as a miss.
                    string tempWeights = weights + ".tmp";
                    model.save(tempWeights);
                    File.Move(tempWeights, weights, overwrite: true);
                    entry = new ClassifierCacheEntry
                    {
                        Key = key,
                        RecipeVersion = ClassifierCacheEntry.Recipe,
                        DataHash = data.ContentHash,
                        Epochs = config.Epochs,
                        Width = config.Width,
                        Seed = config.Seed,
                        TestAccuracy = accuracy,
                        WeightsSha256 = ClassifierCacheEntry.FileSha256(weights),
                        CreatedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                    };
                    string tempMetadata = metadata + ".tmp";
                    File.WriteAllText(tempMetadata, entry.ToJson());
                    File.Move(tempMetadata, metadata, overwrite: true);
                    loaded = new LoadedClassifier(model, entry, Trained: true);
                }
            }
            string verdict = loaded.Entry.TestAccuracy >= MinimumAccuracy ? "" : $" (below {MinimumAccuracy:F2}: features may be too weak for trustworthy image metrics; raise eval.classifier.epochs or width)";
            log?.Invoke($"domain classifier {key}: test accuracy {loaded.Entry.TestAccuracy:F4}{verdict}, {(loaded.Trained ? "trained now" : "loaded from cache")}");
            InProcess[memoryKey] = loaded;
            return loaded;
        }
    }

    /// <summary>An exclusive lock file; another process holding it means it is training this classifier right now.</summary>
    private static FileStream AcquireLock(string path, Action<string>? log)
    {
        bool announced = false;
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException)
            {
                if (!announced) log?.Invoke($"waiting for another process that is training or loading this classifier ({path})");
                announced = true;
                Thread.Sleep(500);
            }
        }
    }
}
