using GanBench.Core.Config.Yaml;

namespace GanBench.Core.Config;

/// <summary>
/// Which keys differ between two resolved configurations (config.resolved.yaml files), so that a
/// refusal to resume says "train.iterations was 2000, now 1000" instead of naming a file.
/// </summary>
public static class ConfigDiff
{
    private const int MaxValueLength = 80;

    /// <summary>One phrase per differing key path, at most <paramref name="max"/>; the informational trials: table is skipped.</summary>
    public static IReadOnlyList<string> Describe(string before, string after, int max = 6)
    {
        var old = YamlTreeBuilder.Build(before, (_, _, _) => { });
        var now = YamlTreeBuilder.Build(after, (_, _, _) => { });
        if (old is null || now is null) return ["the earlier config.resolved.yaml does not read as YAML"];
        var found = new List<string>();
        Compare("", old, now, found);
        if (found.Count > max) found = [.. found.Take(max), $"and {found.Count - max} more difference(s)"];
        return found;
    }

    private static void Compare(string path, YNode? a, YNode? b, List<string> found)
    {
        switch (a, b)
        {
            case (YMapping ma, YMapping mb):
                var keys = mb.Entries.Select(e => e.Key.Value).Concat(ma.Entries.Select(e => e.Key.Value)).Distinct(StringComparer.Ordinal);
                foreach (var key in keys)
                    if (!(path.Length == 0 && key == "trials"))
                        Compare(path.Length == 0 ? key : $"{path}.{key}", ma.Get(key), mb.Get(key), found);
                break;
            case (YSequence sa, YSequence sb) when sa.Items.Count == sb.Items.Count:
                for (int i = 0; i < sa.Items.Count; i++) Compare($"{path}[{i}]", sa.Items[i], sb.Items[i], found);
                break;
            default:
                string was = Render(a), now = Render(b);
                if (was != now) found.Add($"{path} was {was}, now {now}");
                break;
        }
    }

    private static string Render(YNode? node)
    {
        var text = node switch
        {
            null => "(absent)",
            YScalar s => s.Value,
            YSequence q => "[" + string.Join(", ", q.Items.Select(Render)) + "]",
            YMapping m => "{" + string.Join(", ", m.Entries.Select(e => $"{e.Key.Value}: {Render(e.Value)}")) + "}",
            _ => "?",
        };
        return text.Length <= MaxValueLength ? text : text[..MaxValueLength] + "…";
    }
}
