using GanBench.Core.Fields;

namespace GanBench.Core.Datasets.Kinds;

/// <summary>
/// The image datasets: 28×28 grey Fashion-MNIST scaled to [−1, 1], and its stacked variant, three
/// independently drawn images as the three channels (10³ = 1000 class triples are its modes). Their
/// images come from the IDX files (GanBench.Training samples them on the trial's device), so the
/// kind only describes them.
/// </summary>
public abstract class ImageKind : DatasetKind
{
    public const int Side = DatasetSpec.ImageSide;
    public override bool IsImage => true;
    public override int ListOrder => 60 + Channels;
    public abstract int Channels { get; }
    /// <summary>Modes its metrics count: 10 classes, or 1000 class triples when stacked.</summary>
    public int Modes => Channels == 3 ? 1000 : 10;

    public override IReadOnlyList<DatasetPreset> Presets => [new(Type, new Dictionary<string, double>())];

    public override DatasetSpec Build(FieldValues values, string? name) => new() { Name = name ?? Type, Type = Type, ImageChannels = Channels };

    public override T Sample<T>(DatasetSpec spec, ISampleMath<T> math, int count) =>
        throw new NotSupportedException($"{Type} images are drawn from the IDX files, not from a formula");

    /// <summary>Pixels are in [−1, 1].</summary>
    public override PlotBounds Bounds(DatasetSpec spec) => new(-1, 1, -1, 1);
    public override double Reach(DatasetSpec spec) => 1;
}

public sealed class FashionMnist : ImageKind
{
    public const string TypeName = "fashion_mnist";
    public override string Type => TypeName;
    public override string Description => "28×28 grey Fashion-MNIST images in [-1, 1], 10 classes";
    public override int Channels => 1;
}

public sealed class StackedFashionMnist : ImageKind
{
    public const string TypeName = "stacked_fashion_mnist";
    public override string Type => TypeName;
    public override string Description => "three Fashion-MNIST images as the channels of one, 1000 class triples";
    public override int Channels => 3;
}
