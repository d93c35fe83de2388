using System.Text;
using GanBench.Core.Datasets;
using GanBench.Core.Fields;

namespace GanBench.Core.Config.Schema;

/// <summary>
/// The README's key tables, generated from the declarations: the fixed sections' schemas, the
/// dataset kinds' fields and the components' options. The README holds each between
/// <c>&lt;!-- keys:NAME --&gt;</c> and <c>&lt;!-- /keys:NAME --&gt;</c>; a test regenerates them and fails on drift.
/// </summary>
public static class KeyTables
{
    public static IReadOnlyDictionary<string, string> Blocks(ComponentCatalog catalog) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sections"] = Table("key", [
            .. Rows(ConfigSchema.Model), .. Rows(ConfigSchema.Network), .. Rows(ConfigSchema.Train),
            .. Rows(ConfigSchema.Optimizer), .. Rows(ConfigSchema.Eval), .. Rows(ConfigSchema.Classifier),
            .. Rows(ConfigSchema.CriticRefit)]),
        ["datasets"] = Table("`type:` and key", [.. DatasetKinds.All.SelectMany(k => k.Fields.Select(f => Row($"`{k.Type}`: `{f.Key}`", f)))]),
        ["options"] = Table("component and option", [.. catalog.All.SelectMany(d => d.Parameters.Select(p =>
            $"| `{d.Name}`: `{p.Key}` | {TrialIds.Canonical(p.Default)} | {(p.Integer ? "integer" : "number")} {p.Range} | {Cell(p.Description)} |"))]),
    };

    /// <summary>Replaces every generated block of <paramref name="readme"/> with its current text; unknown block names are left alone.</summary>
    public static string Apply(string readme, IReadOnlyDictionary<string, string> blocks)
    {
        foreach (var (name, table) in blocks)
        {
            string open = $"<!-- keys:{name} -->", close = $"<!-- /keys:{name} -->";
            int start = readme.IndexOf(open, StringComparison.Ordinal), end = readme.IndexOf(close, StringComparison.Ordinal);
            if (start < 0 || end < start) continue;
            readme = readme[..(start + open.Length)] + "\n" + table + readme[end..];
        }
        return readme;
    }

    private static IEnumerable<string> Rows<T>(Section<T> section) where T : new() =>
        section.Fields.Select(f => Row(string.Join(" / ", section.Path.Split(" / ").Select(p => $"`{p}.{f.Key}`")), f));

    private static string Row(string key, Field f)
    {
        string @default = f.Default is double d ? TrialIds.Canonical(d) : f.Optional ? "none" : "required";
        string type = f.Kind switch { FieldKind.Integer => "integer ", FieldKind.Number => "number ", _ => "" };
        string range = f.Kind == FieldKind.Points ? "list of points of equal length" : $"{type}{f.Range}";
        return $"| {key} | {@default} | {range} | {Cell(f.Description)} |";
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Table(string keyHeader, IReadOnlyList<string> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| ").Append(keyHeader).Append(" | default | values | meaning |\n|---|---|---|---|\n");
        foreach (var row in rows) sb.Append(row).Append('\n');
        return sb.ToString();
    }
}
