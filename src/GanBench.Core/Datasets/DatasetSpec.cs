namespace GanBench.Core.Datasets;

/// <summary>
/// A 2-D (or image) data distribution. Type decides which fields are meaningful.
/// For the Gaussian-mixture types (ring, grid, mixture) <see cref="Means"/> and <see cref="Std"/>
/// are stored in final units, already divided by the written <c>scale</c>, and
/// <see cref="Scale"/> is 1: the sampler just draws N(mean, Std²). A swiss roll has no means, so
/// it keeps its raw <see cref="Noise"/> and <see cref="Scale"/>: sample, add noise, divide.
/// <para>YAML forms: a preset name (ring8, grid25, swissroll) or a mapping with <c>type:</c> and an
/// optional <c>name:</c> (same rules as the experiment name; derived when absent, e.g. ring6,
/// grid9-std0.1, mixture2, swissroll-noise0.5):
/// ring {modes: integer 1..10000 = 8, radius: &gt; 0 = 2, std: &gt; 0 = 0.02, scale: &gt; 0 = 1.414};
/// grid {side: integer 1..100 = 5, spacing: &gt; 0 = 2, std: &gt; 0 = 0.05, scale: &gt; 0 = 2.828};
/// mixture {means: required non-empty list of equal-length points, std: required &gt; 0, scale: &gt; 0 = 1};
/// swissroll {noise: ≥ 0 = 0.25, scale: &gt; 0 = 7.5}.
/// The defaults reproduce the presets, so {type: ring} is ring8. Two datasets with the same name,
/// or the same distribution under two names, are errors.</para>
/// </summary>
public sealed record DatasetSpec
{
    /// <summary>Name used in results (the preset name, or the `name:` key of a mapping).</summary>
    public required string Name { get; init; }
    /// <summary>ring | grid | mixture | swissroll.</summary>
    public required string Type { get; init; }
    /// <summary>Mixture component means; empty for swissroll.</summary>
    public IReadOnlyList<double[]> Means { get; init; } = [];
    /// <summary>Standard deviation of every mixture component (isotropic).</summary>
    public double Std { get; init; }
    /// <summary>Swiss roll noise before scaling.</summary>
    public double Noise { get; init; }
    /// <summary>Every coordinate is divided by this after sampling (the gan_toy convention); 1 for mixtures, see above.</summary>
    public double Scale { get; init; } = 1.0;
    /// <summary>
    /// The generating parameters as written, defaults filled (ring: modes, radius, std, scale;
    /// grid: side, spacing, std, scale; mixture: std, scale; swissroll: noise, scale). Used to
    /// write the resolved config back in its readable form; not part of the trial id, because
    /// Means/Std/Noise/Scale already determine the numbers.
    /// </summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);
    /// <summary>Channels of an image dataset (1 for fashion_mnist, 3 for stacked_fashion_mnist); 0 for point data.</summary>
    public int ImageChannels { get; init; }
    public bool IsImage => ImageChannels > 0;
    /// <summary>Images are square, ImageSide × ImageSide pixels per channel.</summary>
    public const int ImageSide = 28;
    /// <summary>Values per sample: the point's coordinates, or channels × 28 × 28 pixels.</summary>
    public int Dimension => IsImage ? ImageChannels * ImageSide * ImageSide : Means.Count > 0 ? Means[0].Length : 2;
}
