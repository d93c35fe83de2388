namespace GanBench.Core.Fields;

/// <summary>What a configuration key holds.</summary>
public enum FieldKind { Integer, Number, Points }

/// <summary>
/// One key of a configuration section: its name, what it holds, its range and default, and the
/// line the README and `list` print for it. Sections are lists of fields, so reading, range checks,
/// defaults, the resolved writer and the documentation all come from one declaration.
/// </summary>
public sealed record Field(string Key, FieldKind Kind, string Description)
{
    public NumRange Range { get; init; } = new(double.NegativeInfinity, false, double.PositiveInfinity, false);
    /// <summary>The value when the key is not written; null when the key is required.</summary>
    public double? Default { get; init; }
    /// <summary>A key that may be left out, with no value then (train.max_minutes); never required.</summary>
    public bool Optional { get; init; }
    public bool Required => Default is null && Kind != FieldKind.Points && !Optional;

    public static Field Integer(string key, int @default, NumRange range, string description) => new(key, FieldKind.Integer, description) { Default = @default, Range = range };
    public static Field Number(string key, double? @default, NumRange range, string description) => new(key, FieldKind.Number, description) { Default = @default, Range = range };
    public static Field Points(string key, string description) => new(key, FieldKind.Points, description);

    /// <summary>"integer 1..10000, default 8" and the like, for documentation.</summary>
    public string Summary => Kind switch
    {
        FieldKind.Points => "required list of points of equal length",
        _ => $"{(Kind == FieldKind.Integer ? "integer" : "number")} {Range}{(Default is double d ? $", default {CanonicalNumber.Format(d)}" : Optional ? ", optional" : ", required")}",
    };
}

/// <summary>The values read for a section's fields: the written value, or the default.</summary>
public sealed class FieldValues
{
    private readonly Dictionary<string, double> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<double[]>> _points = new(StringComparer.Ordinal);

    public FieldValues Set(string key, double value) { _numbers[key] = value; return this; }
    public FieldValues Set(string key, IReadOnlyList<double[]> points) { _points[key] = points; return this; }

    public double Number(string key) => _numbers.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"no value for '{key}'");
    public int Integer(string key) => (int)Number(key);
    public IReadOnlyList<double[]> Points(string key) => _points.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"no points for '{key}'");

    /// <summary>Defaults for every field with one, overridden by <paramref name="written"/>.</summary>
    public static FieldValues Defaults(IEnumerable<Field> fields, IReadOnlyDictionary<string, double>? written = null)
    {
        var values = new FieldValues();
        foreach (var f in fields)
            if (f.Default is double d) values.Set(f.Key, d);
        if (written is not null)
            foreach (var (k, v) in written) values.Set(k, v);
        return values;
    }
}
