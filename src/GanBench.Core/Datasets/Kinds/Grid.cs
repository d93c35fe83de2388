using GanBench.Core.Fields;

namespace GanBench.Core.Datasets.Kinds;

/// <summary>
/// A side×side grid of Gaussian modes centred on the origin: (spacing·i, spacing·j),
/// i, j ∈ {−(side−1)/2 … (side−1)/2}. grid25 is gan_toy's; pacgan_grid25 is PacGAN's (spacing 2,
/// std 0.05, no scaling).
/// </summary>
public sealed class Grid : GaussianMixtureKind
{
    public const int MaxSide = 100;
    public override string Type => "grid";
    public override int ListOrder => 20;
    public override string Description => "Gaussian modes on a square grid";

    public override IReadOnlyList<Field> Fields { get; } =
    [
        Field.Integer("side", 5, new NumRange(1, false, MaxSide, false), "modes per side (side² modes)"),
        Field.Number("spacing", 2.0, Positive, "distance between neighbouring means"),
        Field.Number("std", 0.05, Positive, "standard deviation of every mode"),
        Field.Number("scale", 2.828, Positive, "every coordinate is divided by this (gan_toy's 2.828)"),
    ];

    public override IReadOnlyList<DatasetPreset> Presets { get; } =
    [
        new("grid25", new Dictionary<string, double>()),
        new("pacgan_grid25", new Dictionary<string, double> { ["scale"] = 1 }),
    ];

    public override DatasetSpec Build(FieldValues values, string? name)
    {
        int side = values.Integer("side");
        double spacing = values.Number("spacing"), std = values.Number("std"), scale = values.Number("scale");
        var means = new List<double[]>(side * side);
        double half = (side - 1) / 2.0;
        for (int i = 0; i < side; i++)
        for (int j = 0; j < side; j++)
            means.Add([spacing * (i - half) / scale, spacing * (j - half) / scale]);
        return new DatasetSpec
        {
            Name = name ?? Derived($"grid{side * side}", ("sp", spacing, 2.0), ("std", std, 0.05), ("scale", scale, 2.828)),
            Type = Type,
            Means = means,
            Std = std / scale,
            Scale = 1.0,
            Parameters = Written(("side", side), ("spacing", spacing), ("std", std), ("scale", scale)),
        };
    }
}
