using GanBench.Core.Fields;

namespace GanBench.Core.Datasets.Kinds;

/// <summary>
/// scikit-learn's make_swiss_roll keeping coordinates (x, z), as gan_toy.py does: t = 1.5π(1 + 2u),
/// (t cos t, t sin t) plus N(0, noise²), then divided by the scale. It has no modes.
/// </summary>
public sealed class SwissRoll : DatasetKind
{
    public override string Type => "swissroll";
    public override int ListOrder => 40;
    public override string Description => "scikit-learn's Swiss roll, coordinates (x, z)";

    public override IReadOnlyList<Field> Fields { get; } =
    [
        Field.Number("noise", 0.25, NonNegative, "standard deviation of the noise added before scaling"),
        Field.Number("scale", 7.5, Positive, "every coordinate is divided by this (gan_toy's 7.5)"),
    ];

    public override IReadOnlyList<DatasetPreset> Presets { get; } = [new("swissroll", new Dictionary<string, double>())];

    public override DatasetSpec Build(FieldValues values, string? name)
    {
        double noise = values.Number("noise"), scale = values.Number("scale");
        return new DatasetSpec
        {
            Name = name ?? Derived("swissroll", ("noise", noise, 0.25), ("scale", scale, 7.5)),
            Type = Type,
            Noise = noise,
            Scale = scale,
            Parameters = Written(("noise", noise), ("scale", scale)),
        };
    }

    public override T Sample<T>(DatasetSpec spec, ISampleMath<T> math, int count)
    {
        // The unused height coordinate of make_swiss_roll is not drawn.
        var t = math.Scale(math.Shift(math.Scale(math.Uniform(count), 2), 1), 1.5 * Math.PI);
        var noise = math.Scale(math.Normal(count, 2), spec.Noise);
        var points = math.Add(math.Columns(math.Multiply(t, math.Cos(t)), math.Multiply(t, math.Sin(t))), noise);
        return spec.Scale == 1.0 ? points : math.Divide(points, spec.Scale);
    }

    /// <summary>make_swiss_roll's (x, z) lie within |t| ≤ 4.5π before the division by the scale.</summary>
    public override PlotBounds Bounds(DatasetSpec spec)
    {
        double half = (4.5 * Math.PI + 3 * spec.Noise) / spec.Scale * 1.1;
        return new PlotBounds(-half, half, -half, half);
    }

    public override double Reach(DatasetSpec spec) => (4.5 * Math.PI + 6 * spec.Noise) / spec.Scale;
}
