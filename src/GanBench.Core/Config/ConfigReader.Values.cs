using System.Globalization;
using GanBench.Core.Config.Yaml;
using GanBench.Core.Fields;

namespace GanBench.Core.Config;

/// <summary>Typed reads from the node tree. Every failed read records an error and returns null, so reading goes on.</summary>
internal sealed partial class ConfigReader
{
    public List<ConfigError> Errors { get; } = [];

    private SourceSpan Span(YNode n) => new(_file, n.Line, n.Column);

    private void Error(YNode? at, string message) =>
        Errors.Add(new ConfigError(at is null ? null : Span(at), OneLine(message)));

    private const int MaxMessageLength = 600;

    /// <summary>
    /// Messages quote user values, which may hold line breaks or run to kilobytes; one problem
    /// must stay one readable line, so escape control characters and cut the tail.
    /// </summary>
    internal static string OneLine(string message)
    {
        var sb = new System.Text.StringBuilder(message.Length);
        foreach (var c in message)
        {
            if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c == '\t') sb.Append("\\t");
            else if (char.IsControl(c)) sb.Append($"\\u{(int)c:x4}");
            else sb.Append(c);
        }
        return sb.Length <= MaxMessageLength ? sb.ToString() : sb.ToString(0, MaxMessageLength) + "...";
    }

    private static string F(double v) => TrialIds.Canonical(v);

    private static string Where(string path) => path.Length == 0 ? "the top level" : $"'{path}'";

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>Reports each key outside <paramref name="allowed"/>, with the nearest valid one.</summary>
    private void CheckKeys(YMapping map, string path, IReadOnlyList<string> allowed, Func<string, string?>? explain = null)
    {
        foreach (var (key, _) in map.Entries)
        {
            if (allowed.Contains(key.Value)) continue;
            var hint = explain?.Invoke(key.Value) ?? Suggest.DidYouMean(key.Value, allowed);
            Error(key, $"unknown key '{key.Value}' in {Where(path)}{hint}; valid keys: {string.Join(", ", allowed)}");
        }
    }

    private YMapping? AsMapping(YNode node, string path, string example)
    {
        if (node is YMapping m) return m;
        Error(node, $"{path}: expected a mapping such as {example}, got {node.Describe()}");
        return null;
    }

    private YSequence? AsList(YNode node, string path, string example)
    {
        if (node is YSequence s) return s;
        Error(node, $"{path}: expected a list such as {example}, got {node.Describe()}");
        return null;
    }

    /// <summary>A single non-empty scalar read as text (quoted or not).</summary>
    private string? ReadString(YNode node, string path)
    {
        if (node is YScalar s && !s.IsNull) return s.Value;
        Error(node, node is YScalar
            ? $"{path}: expected a value, got an empty value"
            : $"{path}: expected a single value, got {node.Describe()}");
        return null;
    }

    /// <summary>One of a fixed set of names; the message lists them all and the nearest.</summary>
    private string? ReadChoice(YNode node, string path, string what, IReadOnlyList<string> valid)
    {
        var s = ReadString(node, path);
        if (s is null) return null;
        if (valid.Contains(s)) return s;
        Error(node, $"{path}: unknown {what} '{s}'{Suggest.DidYouMean(s, valid)}; valid {what}s: {string.Join(", ", valid)}");
        return null;
    }

    private double? ReadNumber(YNode node, string path, NumRange range) => ReadNumeric(node, path, false, range);

    private int? ReadInt(YNode node, string path, NumRange range) => (int?)ReadNumeric(node, path, true, range);

    private double? ReadNumeric(YNode node, string path, bool integer, NumRange range)
    {
        string kind = integer ? "an integer" : "a number";
        if (node is not YScalar s)
        {
            Error(node, $"{path}: expected {kind}, got {node.Describe()}");
            return null;
        }
        if (s.IsNull)
        {
            Error(node, $"{path}: expected {kind}, got an empty value");
            return null;
        }
        var text = s.Value.Trim();
        bool parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v);
        if (!s.IsPlain)
        {
            Error(node, parsed
                ? $"{path}: expected {kind}, got the quoted string '{s.Value}'; remove the quotes"
                : $"{path}: expected {kind}, got the string '{s.Value}'");
            return null;
        }
        if (IsYamlNonFinite(text) || (parsed && !double.IsFinite(v)))
        {
            Error(node, $"{path} must be a finite number, got '{s.Value}'");
            return null;
        }
        if (!parsed)
        {
            Error(node, $"{path}: expected {kind}, got '{s.Value}'");
            return null;
        }
        if (integer && (Math.Floor(v) != v || v < int.MinValue || v > int.MaxValue))
        {
            Error(node, Math.Floor(v) != v
                ? $"{path}: expected an integer, got '{s.Value}'"
                : $"{path}: {s.Value} is too large; the limit is {int.MaxValue}");
            return null;
        }
        if (!range.Contains(v))
        {
            Error(node, $"{path} must be {(integer ? "an integer " : "")}{range}, got {s.Value}");
            return null;
        }
        if (!integer && !Float32.Represents(v))
        {
            Error(node, $"{path}: {s.Value} {Float32.Problem(v)}");
            return null;
        }
        // −0.0 equals 0 and trains the same trial; one spelling keeps ids, labels and duplicate checks in step.
        return v == 0 ? 0.0 : v;
    }

    private static bool IsYamlNonFinite(string text) =>
        text.TrimStart('+', '-').ToLowerInvariant() is ".nan" or ".inf" or "nan" or "inf" or "infinity";

    /// <summary>
    /// A scalar, or a list of them that expands as a sweep. An empty list and a repeated value
    /// are errors: the first runs nothing, the second runs the same trials twice.
    /// </summary>
    private List<(double Value, YNode Node)>? ReadSweep(YNode node, string path, bool integer, NumRange range)
    {
        if (node is YSequence seq)
        {
            if (seq.Items.Count == 0)
            {
                Error(node, $"{path} is an empty sweep; give at least one value, e.g. {path.Split('.')[^1]}: [{(integer ? "1" : "0.1")}], or remove the key");
                return null;
            }
            var values = new List<(double, YNode)>();
            var seen = new Dictionary<double, YNode>();
            bool ok = true;
            foreach (var item in seq.Items)
            {
                if (item is YSequence or YMapping)
                {
                    Error(item, $"{path}: expected {(integer ? "an integer" : "a number")} in the sweep list, got {item.Describe()}");
                    ok = false;
                    continue;
                }
                var v = ReadNumeric(item, path, integer, range);
                if (v is null) { ok = false; continue; }
                if (seen.TryGetValue(v.Value, out var first))
                {
                    Error(item, $"{path}: value {F(v.Value)} is listed twice in the sweep (first at line {first.Line}); remove one");
                    ok = false;
                    continue;
                }
                seen[v.Value] = item;
                values.Add((v.Value, item));
            }
            return ok ? values : null;
        }
        var single = ReadNumeric(node, path, integer, range);
        return single is null ? null : [(single.Value, node)];
    }
}
