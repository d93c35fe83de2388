using System.Text;

namespace GanBench.Core.Config;

/// <summary>
/// Parses, validates and expands an experiment file in one pass and reports every problem at
/// once, each with file:line:column, so a user fixes a file in one round instead of one error
/// per run. Nothing here throws for bad input: file-system and YAML problems become errors too.
/// </summary>
public static class ExperimentLoader
{
    /// <summary>Experiment files are hand-written and small; a larger file is a mistake or an attack.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <param name="seedSet">Which seed list the trials are expanded over.</param>
    public static LoadResult Load(string path, ComponentCatalog catalog, SeedSet seedSet = SeedSet.Verdict)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var (text, full, failure) = ReadText(path);
        return text is null ? new LoadResult(null, [], [failure!]) : LoadText(text, path, Path.GetDirectoryName(full) ?? ".", catalog, seedSet);
    }

    /// <summary>
    /// The first of two passes for files that name plugins: just the <c>plugins:</c> paths
    /// (absolute, each checked to exist), so the caller can load them and extend the catalog
    /// before <see cref="Load"/> checks loss names. Any other problem with the file is left for
    /// <see cref="Load"/> to report with the rest; then Paths is empty and Errors too.
    /// </summary>
    public static (IReadOnlyList<string> Paths, IReadOnlyList<ConfigError> Errors) PluginPaths(string path)
    {
        var (text, full, _) = ReadText(path);
        if (text is null) return ([], []);
        var reader = new ConfigReader(path, Path.GetDirectoryName(full) ?? ".", new ComponentCatalog());
        var paths = reader.ReadPluginsOnly(text);
        return reader.Errors.Count > 0 ? ([], Order(reader.Errors)) : (paths, []);
    }

    private static (string? Text, string Full, ConfigError? Error) ReadText(string path)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return (null, "", Error($"'{path}' is not a valid file path: {ex.Message}"));
        }
        if (Data.InputFiles.KindOf(full) == Data.InputKind.Missing)
            return (null, full, Error($"experiment file '{path}' does not exist (looked for {full})"));
        if (Data.InputFiles.Problem(full, "the experiment's .yaml file") is { } notAFile)
            return (null, full, Error(notAFile.Replace($"'{full}'", $"'{path}'")));

        byte[] bytes;
        try
        {
            bytes = Data.InputFiles.ReadAtMost(full, MaxFileBytes)
                ?? throw new FileLoadException($"'{path}' is larger than {MaxFileBytes} bytes; experiment files are small, is this the right file?");
        }
        catch (FileLoadException ex)
        {
            return (null, full, Error(ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return (null, full, Error($"cannot read '{path}': {ex.Message}"));
        }

        var (text, error) = Decode(bytes, path);
        return (text, full, error);
    }

    private static ConfigError Error(string message) => new(null, message);

    /// <param name="yaml">The file's text.</param>
    /// <param name="displayPath">How the file is named in messages (file:line:col).</param>
    /// <param name="baseDirectory">Where relative plugin paths are resolved from: the file's folder.</param>
    /// <param name="catalog">The components (built-in and plugins') that loss/penalty names are checked against.</param>
    public static LoadResult LoadText(string yaml, string displayPath, string baseDirectory, ComponentCatalog catalog, SeedSet seedSet = SeedSet.Verdict)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(catalog);
        var reader = new ConfigReader(displayPath, baseDirectory, catalog, seedSet);
        var (config, trials) = reader.Read(yaml);
        var errors = Order(reader.Errors);
        return errors.Count == 0 && config is not null
            ? new LoadResult(config, trials, [])
            : new LoadResult(null, [], errors);
    }

    /// <summary>File order first, then each distinct problem once.</summary>
    private static List<ConfigError> Order(List<ConfigError> errors)
    {
        var seen = new HashSet<(int, int, string)>();
        return errors
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e.Where?.Line ?? 0).ThenBy(x => x.e.Where?.Column ?? 0).ThenBy(x => x.i)
            .Select(x => x.e)
            .Where(e => seen.Add((e.Where?.Line ?? 0, e.Where?.Column ?? 0, e.Message)))
            .ToList();
    }

    /// <summary>Strict UTF-8 with an optional BOM; NUL bytes or invalid sequences mean a binary file.</summary>
    internal static (string? Text, ConfigError? Error) Decode(byte[] bytes, string displayPath)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        int bad = -1;
        string why = "";
        for (int i = start; i < bytes.Length;)
        {
            if (bytes[i] == 0) { bad = i; why = "it contains a NUL byte"; break; }
            var status = System.Text.Rune.DecodeFromUtf8(bytes.AsSpan(i), out _, out int used);
            if (status != System.Buffers.OperationStatus.Done) { bad = i; why = "it is not valid UTF-8"; break; }
            i += used;
        }
        if (bad < 0) return (Encoding.UTF8.GetString(bytes, start, bytes.Length - start), null);

        int line = 1, lineStart = start;
        for (int i = start; i < bad; i++)
            if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
        var where = new SourceSpan(displayPath, line, bad - lineStart + 1);
        return (null, new ConfigError(where, $"not a text file ({why}); an experiment file must be UTF-8 YAML"));
    }
}
