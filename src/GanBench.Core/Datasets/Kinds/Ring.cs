using GanBench.Core.Fields;

namespace GanBench.Core.Datasets.Kinds;

/// <summary>
/// Means at radius·(cos 2πk/n, sin 2πk/n), k = 0..n−1, as in gan_toy.py (not linspace(0, 2π, n),
/// which repeats an angle: a bug in several public copies). ring8 is gan_toy's ring; pacgan_ring8
/// is PacGAN's (radius 1, std 0.01, no scaling), so published numbers compare like with like.
/// </summary>
public sealed class Ring : GaussianMixtureKind
{
    public const int MaxModes = 10_000;
    public override string Type => "ring";
    public override int ListOrder => 10;
    public override string Description => "Gaussian modes evenly spaced on a circle";

    public override IReadOnlyList<Field> Fields { get; } =
    [
        Field.Integer("modes", 8, new NumRange(1, false, MaxModes, false), "number of modes"),
        Field.Number("radius", 2.0, Positive, "radius of the circle of means"),
        Field.Number("std", 0.02, Positive, "standard deviation of every mode"),
        Field.Number("scale", 1.414, Positive, "every coordinate is divided by this (gan_toy's 1.414)"),
    ];

    public override IReadOnlyList<DatasetPreset> Presets { get; } =
    [
        new("ring8", new Dictionary<string, double>()),
        new("pacgan_ring8", new Dictionary<string, double> { ["radius"] = 1, ["std"] = 0.01, ["scale"] = 1 }),
    ];

    public override DatasetSpec Build(FieldValues values, string? name)
    {
        int modes = values.Integer("modes");
        double radius = values.Number("radius"), std = values.Number("std"), scale = values.Number("scale");
        var means = new List<double[]>(modes);
        for (int k = 0; k < modes; k++)
        {
            double a = 2 * Math.PI * k / modes;
            means.Add([radius * Math.Cos(a) / scale, radius * Math.Sin(a) / scale]);
        }
        return new DatasetSpec
        {
            Name = name ?? Derived($"ring{modes}", ("r", radius, 2.0), ("std", std, 0.02), ("scale", scale, 1.414)),
            Type = Type,
            Means = means,
            Std = std / scale,
            Scale = 1.0,
            Parameters = Written(("modes", modes), ("radius", radius), ("std", std), ("scale", scale)),
        };
    }
}
