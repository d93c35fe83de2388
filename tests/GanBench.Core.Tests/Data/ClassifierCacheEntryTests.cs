using GanBench.Core.Config;
using GanBench.Core.Data;

namespace GanBench.Core.Tests.Data;

/// <summary>The record that vouches for a cached classifier: its key, and the checks that turn a damaged cache into a rebuild.</summary>
public sealed class ClassifierCacheEntryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-cache-entry").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private (string Weights, string Metadata, ClassifierCacheEntry Entry) Write(string key = "k")
    {
        string weights = Path.Combine(_dir, key + ".pt"), metadata = Path.Combine(_dir, key + ".json");
        File.WriteAllBytes(weights, [1, 2, 3, 4]);
        var entry = new ClassifierCacheEntry
        {
            Key = key, RecipeVersion = ClassifierCacheEntry.Recipe, DataHash = "d", Epochs = 5, Width = 32, Seed = 0,
            TestAccuracy = 0.9, WeightsSha256 = ClassifierCacheEntry.FileSha256(weights), CreatedUtc = "now",
        };
        File.WriteAllText(metadata, entry.ToJson());
        return (weights, metadata, entry);
    }

    [Fact]
    public void The_key_changes_with_the_data_and_every_setting_and_nothing_else()
    {
        var config = new ClassifierConfig();
        string key = ClassifierCacheEntry.KeyFor("data", config);
        Assert.Equal(key, ClassifierCacheEntry.KeyFor("data", new ClassifierConfig()));
        Assert.Equal(16, key.Length);
        Assert.NotEqual(key, ClassifierCacheEntry.KeyFor("other data", config));
        Assert.NotEqual(key, ClassifierCacheEntry.KeyFor("data", config with { Epochs = config.Epochs + 1 }));
        Assert.NotEqual(key, ClassifierCacheEntry.KeyFor("data", config with { Width = config.Width + 1 }));
        Assert.NotEqual(key, ClassifierCacheEntry.KeyFor("data", config with { Seed = 1 }));
    }

    [Fact]
    public void An_intact_entry_loads_back_equal()
    {
        var (weights, metadata, entry) = Write();
        Assert.Equal(entry, ClassifierCacheEntry.TryLoad(metadata, weights, "k", out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Every_kind_of_damage_is_a_miss_with_its_reason()
    {
        var (weights, metadata, _) = Write();
        Assert.Null(ClassifierCacheEntry.TryLoad(metadata, weights, "another-key", out var problem));
        Assert.Contains("describes a different classifier", problem);

        File.WriteAllBytes(weights, [1, 2, 3]);
        Assert.Null(ClassifierCacheEntry.TryLoad(metadata, weights, "k", out problem));
        Assert.Contains("does not match its recorded checksum", problem);

        File.Delete(weights);
        Assert.Null(ClassifierCacheEntry.TryLoad(metadata, weights, "k", out problem));
        Assert.Contains("is missing", problem);

        File.WriteAllText(metadata, "{\"key\": ");
        Assert.Null(ClassifierCacheEntry.TryLoad(metadata, weights, "k", out problem));
        Assert.Contains("is unreadable", problem);

        File.Delete(metadata);
        Assert.Null(ClassifierCacheEntry.TryLoad(metadata, weights, "k", out problem));
        Assert.Equal("not cached yet", problem);
    }

    [Fact]
    public void An_entry_from_an_older_recipe_is_a_miss()
    {
        var (weights, metadata, entry) = Write();
        File.WriteAllText(metadata, (entry with { RecipeVersion = ClassifierCacheEntry.Recipe - 1 }).ToJson());
        Assert.Null(ClassifierCacheEntry.TryLoad(metadata, weights, "k", out var problem));
        Assert.Contains("different classifier", problem);
    }

    [Fact]
    public void The_cache_folder_follows_GANBENCH_CACHE_then_XDG_then_home()
    {
        Assert.Equal(Path.Combine("/c", "classifiers"), ClassifierCacheEntry.DefaultFolder(v => v == "GANBENCH_CACHE" ? "/c" : "/x"));
        Assert.Equal(Path.Combine("/x", "ganbench", "classifiers"), ClassifierCacheEntry.DefaultFolder(v => v == "XDG_CACHE_HOME" ? "/x" : null));
        Assert.EndsWith(Path.Combine(".cache", "ganbench", "classifiers"), ClassifierCacheEntry.DefaultFolder(_ => null));
    }
}
