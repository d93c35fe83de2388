using System.Globalization;

namespace GanBench.Core.Config;

/// <summary>
/// The toy distributions of the WGAN-GP authors' gan_toy.py, and the generators behind the
/// mapping forms. Mixture means and std come out already divided by the scale (see
/// <see cref="DatasetSpec"/>).
/// </summary>
public static class DatasetPresets
{
    public const int RingDefaultModes = 8;
    public const double RingDefaultRadius = 2.0, RingDefaultStd = 0.02, RingDefaultScale = 1.414;
    public const int GridDefaultSide = 5;
    public const double GridDefaultSpacing = 2.0, GridDefaultStd = 0.05, GridDefaultScale = 2.828;
    public const double SwissrollDefaultNoise = 0.25, SwissrollDefaultScale = 7.5;
    public const double MixtureDefaultScale = 1.0;

    /// <summary>Upper bounds that keep a typo (modes: 80000000) from allocating gigabytes.</summary>
    public const int MaxModes = 10_000, MaxGridSide = 100;

    public const string FashionMnistType = "fashion_mnist", StackedFashionMnistType = "stacked_fashion_mnist";

    public static IReadOnlyList<string> Names { get; } = ["ring8", "grid25", "swissroll", FashionMnistType, StackedFashionMnistType];

    public static DatasetSpec? Get(string name) => name switch
    {
        FashionMnistType => Image(FashionMnistType),
        StackedFashionMnistType => Image(StackedFashionMnistType),
        "ring8" => Ring(RingDefaultModes, RingDefaultRadius, RingDefaultStd, RingDefaultScale, "ring8"),
        "grid25" => Grid(GridDefaultSide, GridDefaultSpacing, GridDefaultStd, GridDefaultScale, "grid25"),
        "swissroll" => Swissroll(SwissrollDefaultNoise, SwissrollDefaultScale, "swissroll"),
        _ => null,
    };

    /// <summary>
    /// Means at radius·(cos 2πk/n, sin 2πk/n), k = 0..n−1. Not linspace(0, 2π, n), which repeats
    /// an angle (a bug in several public copies).
    /// </summary>
    public static DatasetSpec Ring(int modes, double radius, double std, double scale, string? name = null)
    {
        var means = new List<double[]>(modes);
        for (int k = 0; k < modes; k++)
        {
            double a = 2 * Math.PI * k / modes;
            means.Add([radius * Math.Cos(a) / scale, radius * Math.Sin(a) / scale]);
        }
        bool defaults = radius == RingDefaultRadius && std == RingDefaultStd && scale == RingDefaultScale;
        return new DatasetSpec
        {
            Name = name ?? (defaults ? $"ring{modes}" : Derived($"ring{modes}", ("r", radius, RingDefaultRadius), ("std", std, RingDefaultStd), ("scale", scale, RingDefaultScale))),
            Type = "ring",
            Means = means,
            Std = std / scale,
            Scale = 1.0,
            Parameters = Params(("modes", modes), ("radius", radius), ("std", std), ("scale", scale)),
        };
    }

    /// <summary>A side×side grid centred on the origin: (spacing·i, spacing·j), i, j ∈ {−(side−1)/2 … (side−1)/2}.</summary>
    public static DatasetSpec Grid(int side, double spacing, double std, double scale, string? name = null)
    {
        var means = new List<double[]>(side * side);
        double half = (side - 1) / 2.0;
        for (int i = 0; i < side; i++)
        for (int j = 0; j < side; j++)
            means.Add([spacing * (i - half) / scale, spacing * (j - half) / scale]);
        bool defaults = spacing == GridDefaultSpacing && std == GridDefaultStd && scale == GridDefaultScale;
        return new DatasetSpec
        {
            Name = name ?? (defaults ? $"grid{side * side}" : Derived($"grid{side * side}", ("sp", spacing, GridDefaultSpacing), ("std", std, GridDefaultStd), ("scale", scale, GridDefaultScale))),
            Type = "grid",
            Means = means,
            Std = std / scale,
            Scale = 1.0,
            Parameters = Params(("side", side), ("spacing", spacing), ("std", std), ("scale", scale)),
        };
    }

    public static DatasetSpec Mixture(IReadOnlyList<double[]> means, double std, double scale, string? name = null) => new()
    {
        Name = name ?? (scale == MixtureDefaultScale ? $"mixture{means.Count}" : Derived($"mixture{means.Count}", ("scale", scale, MixtureDefaultScale))),
        Type = "mixture",
        Means = means.Select(m => m.Select(x => x / scale).ToArray()).ToList(),
        Std = std / scale,
        Scale = 1.0,
        Parameters = Params(("std", std), ("scale", scale)),
    };

    /// <summary>The swiss roll keeps its raw noise and scale: the sampler divides after adding noise.</summary>
    public static DatasetSpec Swissroll(double noise, double scale, string? name = null) => new()
    {
        Name = name ?? Derived("swissroll", ("noise", noise, SwissrollDefaultNoise), ("scale", scale, SwissrollDefaultScale)),
        Type = "swissroll",
        Noise = noise,
        Scale = scale,
        Parameters = Params(("noise", noise), ("scale", scale)),
    };

    /// <summary>
    /// fashion_mnist: 28×28 grey images scaled to [−1, 1]. stacked_fashion_mnist: three independently drawn
    /// images as the three channels, so 10³ = 1000 class triples are its modes.
    /// </summary>
    public static DatasetSpec Image(string type, string? name = null) => new()
    {
        Name = name ?? type,
        Type = type,
        ImageChannels = type == StackedFashionMnistType ? 3 : 1,
    };

    /// <summary>Modes an image dataset's metrics count: 10 classes, or 1000 class triples when stacked.</summary>
    public static int ImageModes(DatasetSpec d) => d.ImageChannels == 3 ? 1000 : 10;

    private static string Derived(string stem, params (string Key, double Value, double Default)[] parts)
    {
        var s = stem;
        foreach (var (key, value, def) in parts)
            if (value != def) s += $"-{key}{value.ToString("R", CultureInfo.InvariantCulture)}";
        return s.ToLowerInvariant();
    }

    private static SortedDictionary<string, double> Params(params (string Key, double Value)[] values)
    {
        var d = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, v) in values) d[k] = v;
        return d;
    }
}
