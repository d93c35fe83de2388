using GanBench.Core.Fields;

namespace GanBench.Core.Datasets;

/// <summary>A preset name (ring8) and the field values it stands for.</summary>
public sealed record DatasetPreset(string Name, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// One kind of dataset (<c>type:</c> in YAML) in one class: its keys with ranges and defaults, its
/// presets, how its geometry is built from the keys, how it is sampled (once, for host and
/// device), its plot window and how far its points reach. The configuration, the trainer, the
/// reports and `metrics` all ask the kind, so adding a dataset is adding its file.
/// </summary>
public abstract class DatasetKind
{
    /// <summary>The <c>type:</c> value.</summary>
    public abstract string Type { get; }
    public abstract string Description { get; }
    /// <summary>Its keys besides <c>type</c> and <c>name</c>.</summary>
    public virtual IReadOnlyList<Field> Fields => [];
    public virtual IReadOnlyList<DatasetPreset> Presets => [];
    public virtual bool IsImage => false;
    /// <summary>Where list and messages name it: gan_toy's kinds first, images last.</summary>
    public virtual int ListOrder => 50;

    /// <summary>The distribution for these values; <paramref name="name"/> null derives one (ring6, grid9-std0.1).</summary>
    public abstract DatasetSpec Build(FieldValues values, string? name);

    /// <summary>[count, dimension] samples, drawn with <paramref name="math"/> in a fixed order.</summary>
    public abstract T Sample<T>(DatasetSpec spec, ISampleMath<T> math, int count);

    /// <summary>The square window in which samples and the critic surface are recorded and drawn: the same for every trial of the dataset.</summary>
    public abstract PlotBounds Bounds(DatasetSpec spec);

    /// <summary>How far from the origin its points go (in the data's final units), with six std of noise.</summary>
    public abstract double Reach(DatasetSpec spec);

    /// <summary>The smallest spread that must survive float32 (a std that rounds to 0 collapses every mode to a point); null when it does not apply.</summary>
    public virtual double? SmallestSpread(DatasetSpec spec) => null;

    /// <summary>A name such as grid9-std0.1: the stem, then every value that differs from its default.</summary>
    protected static string Derived(string stem, params (string Key, double Value, double Default)[] parts)
    {
        var s = stem;
        foreach (var (key, value, def) in parts)
            if (value != def) s += $"-{key}{CanonicalNumber.Format(value)}";
        return s.ToLowerInvariant();
    }

    protected static SortedDictionary<string, double> Written(params (string Key, double Value)[] values)
    {
        var d = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, v) in values) d[k] = v;
        return d;
    }

    protected static readonly NumRange Positive = NumRange.Above(0), NonNegative = NumRange.AtLeast(0);
}

/// <summary>
/// Isotropic Gaussian mixtures (ring, grid, mixture): means and std are stored in final units, so
/// sampling is N(mean, std²) around a uniformly chosen mean, and the modes are the means.
/// </summary>
public abstract class GaussianMixtureKind : DatasetKind
{
    public override T Sample<T>(DatasetSpec spec, ISampleMath<T> math, int count)
    {
        var component = math.Integers(count, spec.Means.Count);
        var noise = math.Normal(count, spec.Dimension);
        var points = math.Add(math.Rows(math.Table(spec.Means), component), math.Scale(noise, spec.Std));
        return spec.Scale == 1.0 ? points : math.Divide(points, spec.Scale);
    }

    /// <summary>The means' bounding box plus a quarter of its span and four component std.</summary>
    public override PlotBounds Bounds(DatasetSpec spec)
    {
        double xMin = spec.Means.Min(m => m[0]), xMax = spec.Means.Max(m => m[0]);
        double yMin = spec.Means.Min(m => m.Length > 1 ? m[1] : 0), yMax = spec.Means.Max(m => m.Length > 1 ? m[1] : 0);
        double span = Math.Max(Math.Max(xMax - xMin, yMax - yMin), 1e-3);
        double margin = 0.25 * span + 4 * spec.Std / spec.Scale;
        double cx = (xMin + xMax) / 2, cy = (yMin + yMax) / 2, r = span / 2 + margin;
        return new PlotBounds(cx - r, cx + r, cy - r, cy + r);
    }

    public override double Reach(DatasetSpec spec) => spec.Means.Max(m => m.Max(Math.Abs)) / spec.Scale + 6 * spec.Std / spec.Scale;

    public override double? SmallestSpread(DatasetSpec spec) => spec.Std / spec.Scale;
}
