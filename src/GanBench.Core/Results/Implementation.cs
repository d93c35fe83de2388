using System.Reflection;

namespace GanBench.Core.Results;

/// <summary>
/// What computed a trial's numbers, as runs.csv records it: <c>ganbench=0.9.0+src.3fa2c91b0d2e</c>
/// for GanBench itself (its version and a hash of the source of the projects that compute numbers,
/// embedded at build time by build/SourceHash.targets), followed by
/// <c>; name=File.dll#9b1c2d3e4f5a</c> for every plugin component the trial uses (a hash of the
/// plugin assembly's bytes). Trial ids hash the configuration, not the code; this closes the gap:
/// a resume refuses finished rows whose implementation differs from the one about to run, so
/// edited code never leaves its old numbers standing as if they were new.
/// </summary>
public static class Implementation
{
    public const string GanBenchKey = "ganbench";
    private const string SourceHashKey = "GanBenchSourceHash";

    /// <summary>The text for one trial: GanBench's identity, then each named component's identity in the order given.</summary>
    public static string Describe(string ganBench, IEnumerable<(string Component, string Identity)> plugins) =>
        string.Join("; ", new[] { $"{GanBenchKey}={ganBench}" }.Concat(plugins.Select(p => $"{p.Component}={p.Identity}")).Distinct(StringComparer.Ordinal));

    /// <summary>GanBench's identity from the assemblies that compute numbers: the version, and one hash over their embedded source hashes.</summary>
    public static string GanBenchIdentity(IEnumerable<Assembly> assemblies)
    {
        var list = assemblies.Distinct().OrderBy(a => a.GetName().Name, StringComparer.Ordinal).ToList();
        var version = typeof(Implementation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        version = version.Split('+')[0];
        var hashes = list.Select(a => $"{a.GetName().Name}:{SourceHash(a)}");
        var combined = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", hashes)));
        return $"{version}+src.{Convert.ToHexString(combined, 0, 6).ToLowerInvariant()}";
    }

    private static string SourceHash(Assembly assembly) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == SourceHashKey)?.Value
        ?? throw new InvalidOperationException($"{assembly.GetName().Name} was built without the GanBench source hash (build/SourceHash.targets); rebuild it with the project's build files");

    /// <summary>A plugin assembly's identity: its file name and the first 12 hex digits of the SHA-256 of its bytes.</summary>
    public static string FileIdentity(string path)
    {
        using var stream = File.OpenRead(path);
        var hash = System.Security.Cryptography.SHA256.HashData(stream);
        return $"{Path.GetFileName(path)}#{Convert.ToHexString(hash, 0, 6).ToLowerInvariant()}";
    }

    /// <summary>The parts of <paramref name="text"/> by component.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq > 0) parts[part[..eq]] = part[(eq + 1)..];
        }
        return parts;
    }

    /// <summary>One phrase per component whose identity differs, e.g. "plugin smoothed_ns was MyLosses.dll#aa…, now MyLosses.dll#bb…".</summary>
    public static IReadOnlyList<string> Differences(string recorded, string current)
    {
        var before = Parse(recorded);
        var now = Parse(current);
        var phrases = new List<string>();
        foreach (var key in before.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            string what = key == GanBenchKey ? "GanBench" : $"plugin component '{key}'";
            var (was, @is) = (before.GetValueOrDefault(key), now.GetValueOrDefault(key));
            if (was == @is) continue;
            phrases.Add(was is null ? $"{what} was not used, now {@is}"
                : @is is null ? $"{what} was {was}, now not used"
                : $"{what} was {was}, now {@is}");
        }
        if (phrases.Count == 0 && recorded != current)
            phrases.Add(recorded.Length == 0 ? $"the rows record no implementation (an older GanBench), now {current}" : $"'{recorded}', now '{current}'");
        return phrases;
    }
}
