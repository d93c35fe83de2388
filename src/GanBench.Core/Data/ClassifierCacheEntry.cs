using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GanBench.Core.Config;

namespace GanBench.Core.Data;

/// <summary>
/// What is recorded next to a cached domain classifier's weights: what it was trained on, how,
/// how well it classifies the test split, and a checksum of the weights file, so that a
/// truncated or overwritten file is noticed and the classifier rebuilt instead of silently
/// measuring every image with broken features.
/// </summary>
public sealed record ClassifierCacheEntry
{
    /// <summary>Bumped whenever the classifier's architecture or training recipe changes, so old caches miss.</summary>
    public const int Recipe = 2;

    public required string Key { get; init; }
    public required int RecipeVersion { get; init; }
    public required string DataHash { get; init; }
    public required int Epochs { get; init; }
    public required int Width { get; init; }
    public required int Seed { get; init; }
    public required double TestAccuracy { get; init; }
    public required string WeightsSha256 { get; init; }
    public required string CreatedUtc { get; init; }

    /// <summary>The cache key: a hash of the data's content hash and every setting that changes the weights.</summary>
    public static string KeyFor(string dataHash, ClassifierConfig config)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"ganbench-classifier|recipe={Recipe}|data={dataHash}|epochs={config.Epochs}|width={config.Width}|seed={config.Seed}");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8).ToLowerInvariant();
    }

    public static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The entry in <paramref name="metadataPath"/> if it is readable, names <paramref name="expectedKey"/>
    /// and the weights file matches its checksum; otherwise null and the reason, for the log line
    /// that says why the classifier is rebuilt.
    /// </summary>
    public static ClassifierCacheEntry? TryLoad(string metadataPath, string weightsPath, string expectedKey, out string? problem)
    {
        problem = null;
        if (!File.Exists(metadataPath)) { problem = "not cached yet"; return null; }
        ClassifierCacheEntry? entry;
        try { entry = JsonSerializer.Deserialize<ClassifierCacheEntry>(File.ReadAllText(metadataPath), Json); }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            problem = $"{metadataPath} is unreadable ({e.Message.Split('\n')[0]})";
            return null;
        }
        if (entry is null || entry.Key != expectedKey || entry.RecipeVersion != Recipe)
        {
            problem = $"{metadataPath} describes a different classifier";
            return null;
        }
        if (!File.Exists(weightsPath)) { problem = $"{weightsPath} is missing"; return null; }
        string actual;
        try { actual = FileSha256(weightsPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { problem = $"{weightsPath} cannot be read ({e.Message})"; return null; }
        if (actual != entry.WeightsSha256)
        {
            problem = $"{weightsPath} does not match its recorded checksum (corrupt or overwritten)";
            return null;
        }
        return entry;
    }

    /// <summary>
    /// Where cached classifiers live: $GANBENCH_CACHE, else $XDG_CACHE_HOME/ganbench, else
    /// ~/.cache/ganbench; always the classifiers/ folder under it. Outside results/ because one
    /// classifier serves every experiment on the same data.
    /// </summary>
    public static string DefaultFolder(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string root = environment("GANBENCH_CACHE") is { Length: > 0 } cache ? cache
            : environment("XDG_CACHE_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "ganbench")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ganbench");
        return Path.Combine(root, "classifiers");
    }
}
