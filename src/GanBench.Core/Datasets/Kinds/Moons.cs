using GanBench.Core.Fields;

namespace GanBench.Core.Datasets.Kinds;

/// <summary>
/// Two interleaved half circles, as scikit-learn's make_moons draws them: the upper moon
/// (cos θ, sin θ) and the lower one (1 − cos θ, 1/2 − sin θ), θ in [0, π], plus N(0, noise²), then
/// divided by the scale. make_moons spaces θ evenly over a fixed count; as a distribution each
/// sample picks a moon with probability 1/2 and θ uniformly. It has no modes.
/// </summary>
public sealed class Moons : DatasetKind
{
    public override string Type => "moons";
    public override int ListOrder => 45;
    public override string Description => "scikit-learn's two moons";

    public override IReadOnlyList<Field> Fields { get; } =
    [
        Field.Number("noise", 0.1, NonNegative, "standard deviation of the noise added before scaling"),
        Field.Number("scale", 1.0, Positive, "every coordinate is divided by this"),
    ];

    public override IReadOnlyList<DatasetPreset> Presets { get; } = [new("moons", new Dictionary<string, double>())];

    public override DatasetSpec Build(FieldValues values, string? name)
    {
        double noise = values.Number("noise"), scale = values.Number("scale");
        return new DatasetSpec
        {
            Name = name ?? Derived("moons", ("noise", noise, 0.1), ("scale", scale, 1.0)),
            Type = Type,
            Noise = noise,
            Scale = scale,
            Parameters = Written(("noise", noise), ("scale", scale)),
        };
    }

    public override T Sample<T>(DatasetSpec spec, ISampleMath<T> math, int count)
    {
        var lower = math.Integers(count, 2);
        var theta = math.Scale(math.Uniform(count), Math.PI);
        var noise = math.Scale(math.Normal(count, 2), spec.Noise);
        // With b ∈ {0, 1}: x = cos θ + b(1 − 2 cos θ), y = sin θ + b(1/2 − 2 sin θ) gives either moon.
        var cos = math.Cos(theta);
        var sin = math.Sin(theta);
        var x = math.Add(cos, math.Multiply(lower, math.Shift(math.Scale(cos, -2), 1)));
        var y = math.Add(sin, math.Multiply(lower, math.Shift(math.Scale(sin, -2), 0.5)));
        var points = math.Add(math.Columns(x, y), noise);
        return spec.Scale == 1.0 ? points : math.Divide(points, spec.Scale);
    }

    /// <summary>x spans [−1, 2] and y [−1/2, 1] before noise: a square around their centre.</summary>
    public override PlotBounds Bounds(DatasetSpec spec)
    {
        double half = (1.5 + 3 * spec.Noise) / spec.Scale * 1.1, cx = 0.5 / spec.Scale, cy = 0.25 / spec.Scale;
        return new PlotBounds(cx - half, cx + half, cy - half, cy + half);
    }

    public override double Reach(DatasetSpec spec) => (2 + 6 * spec.Noise) / spec.Scale;
}
