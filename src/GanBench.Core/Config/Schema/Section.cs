using System.Globalization;
using GanBench.Core.Fields;

namespace GanBench.Core.Config.Schema;

/// <summary>One numeric key of a section bound to the property of its record that holds it.</summary>
public sealed record Key<T>(string Name, FieldKind Kind, NumRange Range, string Description, Func<T, double?> Get, Func<T, double, T> Set)
{
    public bool Optional { get; init; }
    /// <summary>When the key means something for this value (a network type's own keys); null: always.</summary>
    public Func<T, bool>? AppliesTo { get; init; }

    public static Key<T> Integer(string name, NumRange range, string description, Func<T, int?> get, Func<T, int, T> set) =>
        new(name, FieldKind.Integer, range, description, t => get(t), (t, v) => set(t, (int)v));

    public static Key<T> Number(string name, NumRange range, string description, Func<T, double?> get, Func<T, double, T> set) =>
        new(name, FieldKind.Number, range, description, get, set);
}

/// <summary>
/// The numeric keys of one configuration section, declared once: the reader reads and range-checks
/// them, the resolved writer writes them, and the README tables are generated from them. Defaults
/// are those of a new <typeparamref name="T"/>, so the record stays the one place a default lives.
/// Keys that hold names or nested mappings (types, optimizers, betas) are read by the section's
/// reader around these.
/// </summary>
public sealed class Section<T>(string path, IReadOnlyList<Key<T>> keys) where T : new()
{
    public string Path => path;
    /// <summary>A correct value of the whole section, shown when something else is written in its place.</summary>
    public string Example { get; init; } = "";
    public IReadOnlyList<Key<T>> Keys => keys;

    /// <summary>The keys as documentation fields, with the defaults of a new <typeparamref name="T"/>.</summary>
    public IReadOnlyList<Field> Fields { get; } = keys.Select(k => new Field(k.Name, k.Kind, k.Description)
    {
        Range = k.Range,
        Optional = k.Optional,
        Default = k.Optional ? null : k.Get(new T()),
    }).ToList();

    public IEnumerable<string> Names => keys.Select(k => k.Name);

    /// <summary>The key names with a word or mapping key placed right after <paramref name="after"/>, in the order the resolved file writes them.</summary>
    public string[] NamesWith(string key, string after)
    {
        var names = Names.ToList();
        names.Insert(names.IndexOf(after) + 1, key);
        return [.. names];
    }

    /// <summary>Sets every value read over <paramref name="baseline"/>; keys not written keep its values.</summary>
    public T Apply(IReadOnlyDictionary<string, double> written, T baseline)
    {
        var value = baseline;
        foreach (var key in keys)
            if (written.TryGetValue(key.Name, out var v)) value = key.Set(value, v);
        return value;
    }

    /// <summary>"key: value" for every key that applies and holds a value, in declaration order (optional keys left out are omitted).</summary>
    public List<(string Key, string Text)> Write(T value)
    {
        var lines = new List<(string, string)>();
        foreach (var key in keys)
            if ((key.AppliesTo?.Invoke(value) ?? true) && key.Get(value) is double v)
                lines.Add((key.Name, key.Kind == FieldKind.Integer ? ((int)v).ToString(CultureInfo.InvariantCulture) : TrialIds.Canonical(v)));
        return lines;
    }

    /// <summary>The written keys as a flow mapping's inner text: "a: 1, b: 2".</summary>
    public static string Flow(IEnumerable<(string Key, string Text)> lines) => string.Join(", ", lines.Select(l => $"{l.Key}: {l.Text}"));
}
