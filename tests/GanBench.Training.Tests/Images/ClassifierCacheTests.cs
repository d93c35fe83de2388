using GanBench.Core.Config;
using GanBench.Core.Data;
using GanBench.Training.Images;
using TorchSharp;

using GanBench.Training.Tests.Survival;

namespace GanBench.Training.Tests.Images;

/// <summary>The domain classifier is trained once per data and settings, reused from disk, and rebuilt when its file is damaged.</summary>
[Collection(nameof(GlobalTorchSeed))]
public sealed class ClassifierCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ganbench-classifier").FullName;
    private readonly ImageDataSet _data;
    private static readonly ClassifierConfig Small = new() { Epochs = 3, Width = 4, Seed = 0 };

    public ClassifierCacheTests()
    {
        var folder = SyntheticImages.WriteDataSet(Path.Combine(_root, "data"));
        _data = ImageDataLoader.Load(ImageDataLocator.Locate(folder));
    }

    public void Dispose() => Directory.Delete(_root, true);

    private LoadedClassifier Get(ClassifierConfig config, string cache, List<string>? log = null)
    {
        // A fresh process would not have it in memory; the on-disk cache is what is under test.
        ClassifierCache.ForgetLoaded();
        return ClassifierCache.GetOrTrain(_data, config, torch.CPU, cache, log is null ? null : log.Add);
    }

    [Fact]
    public void First_use_trains_and_records_accuracy_then_the_cache_is_reused()
    {
        var cache = Path.Combine(_root, "cache");
        var first = Get(Small, cache);
        Assert.True(first.Trained);
        Assert.InRange(first.Entry.TestAccuracy, 0.9, 1.0); // the synthetic classes are easy; a broken trainer would sit near 0.1
        string key = ClassifierCacheEntry.KeyFor(_data.ContentHash, Small);
        Assert.True(File.Exists(Path.Combine(cache, key + ".pt")));
        Assert.Contains("\"test_accuracy\"", File.ReadAllText(Path.Combine(cache, key + ".json")));

        var log = new List<string>();
        var second = Get(Small, cache, log);
        Assert.False(second.Trained);
        Assert.Equal(first.Entry, second.Entry);
        Assert.Contains(log, l => l.Contains("loaded from cache"));
        // The reloaded weights are the trained ones: the same predictions on the same images.
        using var images = ImageDataStore.ToTensor(_data.TestImages, torch.CPU);
        using var a = first.Model.forward(images).argmax(1);
        using var b = second.Model.forward(images).argmax(1);
        Assert.True(a.eq(b).all().item<bool>());
    }

    [Fact]
    public void A_changed_setting_is_a_different_classifier()
    {
        var cache = Path.Combine(_root, "cache");
        Get(Small, cache);
        var wider = Get(Small with { Width = 6 }, cache);
        Assert.True(wider.Trained);
        Assert.NotEqual(ClassifierCacheEntry.KeyFor(_data.ContentHash, Small), wider.Entry.Key);
        Assert.Equal(2, Directory.GetFiles(cache, "*.pt").Length);
    }

    [Fact]
    public void A_corrupt_weights_file_or_metadata_is_detected_and_rebuilt()
    {
        var cache = Path.Combine(_root, "cache");
        var first = Get(Small, cache);
        string weights = Path.Combine(cache, first.Entry.Key + ".pt"), metadata = Path.Combine(cache, first.Entry.Key + ".json");

        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);
        var log = new List<string>();
        var rebuilt = Get(Small, cache, log);
        Assert.True(rebuilt.Trained);
        Assert.Contains(log, l => l.Contains("does not match its recorded checksum"));
        Assert.Equal(ClassifierCacheEntry.FileSha256(weights), rebuilt.Entry.WeightsSha256);

        File.WriteAllText(metadata, "{ not json");
        log.Clear();
        Assert.True(Get(Small, cache, log).Trained);
        Assert.Contains(log, l => l.Contains("is unreadable"));
        Assert.False(Get(Small, cache).Trained);
    }
}
