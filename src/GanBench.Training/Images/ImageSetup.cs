namespace GanBench.Training.Images;

/// <summary>
/// Process-wide settings of the image path: where domain classifiers are cached and where their
/// progress lines go. The CLI sets them once at start-up; tests point the cache at a temp folder.
/// </summary>
public static class ImageSetup
{
    /// <summary>Null: <see cref="Core.Data.ClassifierCacheEntry.DefaultFolder"/>.</summary>
    public static string? CacheFolder { get; set; }

    public static Action<string>? Log { get; set; }

    /// <summary>Null: /usr/share/datasets/fashion-mnist. Tests point it at an empty folder to see the not-found path.</summary>
    public static string? SystemDataFolder { get; set; }
}
