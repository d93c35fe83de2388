using GanBench.Core.Fields;

namespace GanBench.Core.Datasets.Kinds;

/// <summary>Any isotropic Gaussian mixture: the means written out, one std for all, in any dimension.</summary>
public sealed class Mixture : GaussianMixtureKind
{
    public override string Type => "mixture";
    public override int ListOrder => 30;
    public override string Description => "isotropic Gaussian modes at the means written";

    public override IReadOnlyList<Field> Fields { get; } =
    [
        Field.Points("means", "the modes' means, points of equal length"),
        Field.Number("std", null, Positive, "standard deviation of every mode"),
        Field.Number("scale", 1.0, Positive, "every coordinate is divided by this"),
    ];

    public override DatasetSpec Build(FieldValues values, string? name)
    {
        var means = values.Points("means");
        double std = values.Number("std"), scale = values.Number("scale");
        return new DatasetSpec
        {
            Name = name ?? Derived($"mixture{means.Count}", ("scale", scale, 1.0)),
            Type = Type,
            Means = means.Select(m => m.Select(x => x / scale).ToArray()).ToList(),
            Std = std / scale,
            Scale = 1.0,
            Parameters = Written(("std", std), ("scale", scale)),
        };
    }
}
