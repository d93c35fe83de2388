using GanBench.Core.Results;
using GanBench.Core.Statistics;

namespace GanBench.Core.Compare;

/// <summary>How the p-values of all compared cells are adjusted for being many tests at once.</summary>
public enum CorrectionMethod
{
    /// <summary>Holm–Bonferroni: controls the family-wise error rate, the chance that a gate run with
    /// no real change flags anything at all. That is the error a nightly gate that pages someone must
    /// bound, so it is the default.</summary>
    Holm,
    /// <summary>Benjamini–Hochberg: controls the expected share of false flags among the flags. More
    /// flags for exploring many arms; a page on a quiet night becomes more likely.</summary>
    BenjaminiHochberg,
}

/// <summary>Everything a user can set about a comparison; the defaults are the nightly gate's.</summary>
public sealed record CompareOptions
{
    /// <summary>1%: a gate that runs every night at 5% would cry wolf about every three weeks.</summary>
    public const double DefaultAlpha = 0.01;
    /// <summary>5% of the reference IQM: smaller moves of a GAN metric are within what a library
    /// update or a different CPU produce, and nobody acts on them.</summary>
    public const double DefaultMinimumEffect = 0.05;

    public double Alpha { get; init; } = DefaultAlpha;
    public CorrectionMethod Correction { get; init; } = CorrectionMethod.Holm;
    /// <summary>Relative to the reference IQM, for metrics without an entry in <see cref="MinimumEffects"/>.</summary>
    public double DefaultMinimumEffectSize { get; init; } = DefaultMinimumEffect;
    /// <summary>Per-metric minimum effects (relative to the reference IQM), e.g. w1_exact = 0.1.</summary>
    public IReadOnlyDictionary<string, double> MinimumEffects { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);
    /// <summary>Directions for metrics the catalog does not rank (a plugin's metric); they win over the catalog.</summary>
    public IReadOnlyDictionary<string, MetricDirection> Directions { get; init; } = new Dictionary<string, MetricDirection>(StringComparer.Ordinal);
    /// <summary>Seed of every cell's bootstrap; the same for each cell, so a cell's interval does not
    /// depend on which other cells are in the comparison.</summary>
    public int Seed { get; init; }
    public int Resamples { get; init; } = Bootstrap.DefaultResamples;
    /// <summary>Whether a regression makes the gate fire. Always for a comparison with a reference
    /// run; for arms against a baseline arm only when asked (--fail-on-regression).</summary>
    public bool RegressionsFail { get; init; } = true;

    public double MinimumEffect(string metric) =>
        MinimumEffects.TryGetValue(metric, out double value) ? value : DefaultMinimumEffectSize;

    public MetricDirection DirectionOf(string metric) =>
        Directions.TryGetValue(metric, out var direction) ? direction : MetricCatalog.Get(metric).Direction;

    /// <summary>Every value the gate cannot work with, one line each.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(Alpha > 0.0 && Alpha < 1.0)) problems.Add($"alpha {Alpha} must lie strictly between 0 and 1");
        if (!Enum.IsDefined(Correction)) problems.Add($"correction {Correction} is not a correction method");
        if (!IsEffect(DefaultMinimumEffectSize)) problems.Add($"the default minimum effect {DefaultMinimumEffectSize} must be a finite number ≥ 0");
        problems.AddRange(MinimumEffects.Where(e => !IsEffect(e.Value)).Select(e => $"minimum effect {e.Key}={e.Value} must be a finite number ≥ 0"));
        problems.AddRange(Directions.Where(d => d.Value == MetricDirection.Neutral).Select(d => $"direction of {d.Key} must be higher or lower"));
        if (Resamples < 1) problems.Add($"resamples {Resamples} must be at least 1");
        return problems;
    }

    private static bool IsEffect(double value) => double.IsFinite(value) && value >= 0.0;
}
