using System.Globalization;

namespace GanBench.Core.Datasets;

/// <summary>The datasets as `list` prints them: each kind with its keys, then the presets it answers to.</summary>
public static class DatasetCatalogText
{
    public static IEnumerable<string> Lines()
    {
        foreach (var kind in DatasetKinds.All)
        {
            yield return $"{{type: {kind.Type}}}  {kind.Description}";
            foreach (var f in kind.Fields)
                yield return $"    {f.Key} ({f.Summary})  {f.Description}";
            foreach (var p in kind.Presets)
                yield return $"    preset {p.Name}" + (p.Values.Count == 0 ? "" : $": {string.Join(", ", p.Values.Select(v => $"{v.Key} {v.Value.ToString(CultureInfo.InvariantCulture)}"))}");
        }
    }
}
