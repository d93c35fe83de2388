using GanBench.Core.Compare;
using GanBench.Core.Datasets;
using GanBench.Core.Datasets.Kinds;
using GanBench.Core.Results;
using GanBench.Core.Statistics;

namespace GanBench.Reports;

/// <summary>One headline metric's arm-against-arm view: the P(improvement) matrix and the profile scores.</summary>
public sealed record ArmMetricComparison(ImprovementMatrix Matrix, ProfileScores Scores)
{
    public MetricInfo Metric => Matrix.Metric;
}

/// <summary>
/// The report's "Arms against each other" part, computed once so that report.md and its figures show
/// the same numbers: per headline metric with a direction, every arm against every other (average
/// probability of improvement) and each arm's performance profile, on the final values of ok trials,
/// the population of the summaries.
/// </summary>
public sealed class ArmComparison
{
    /// <summary>Thresholds the profiles are drawn at: fine enough that steps between runs show.</summary>
    public static readonly IReadOnlyList<double> Taus = PerformanceProfile.UnitGrid(201);
    /// <summary>Bootstrap resamples of the matrix's intervals and the profiles' bands: enough for two
    /// printed decimals, and a tenth of the regression gate's count, so a wide sweep's report stays quick.</summary>
    public const int Resamples = 2_000, ProfileSeed = 0;

    public IReadOnlyList<string> Arms { get; }
    public IReadOnlyList<ArmMetricComparison> Metrics { get; }

    private ArmComparison(IReadOnlyList<string> arms, IReadOnlyList<ArmMetricComparison> metrics)
    {
        Arms = arms;
        Metrics = metrics;
    }

    /// <summary>Null with fewer than two arms, or when no headline metric has a value: nothing to compare.</summary>
    public static ArmComparison? For(ResultsData data, int matrixResamples = Resamples)
    {
        var samples = MetricSamples.FromTrials(data.Runs.Select(r => r.Trial));
        if (samples.Arms.Count < 2) return null;
        var metrics = MetricCatalog.Headline.Where(samples.Metrics.Contains).Select(MetricCatalog.Get)
            .Where(m => m.Direction != MetricDirection.Neutral)
            .Select(m => new ArmMetricComparison(ImprovementMatrix.Build(samples, m, matrixResamples), ProfileScores.Build(samples, m, d => ModeCount(data, d))))
            .ToList();
        return metrics.Count == 0 ? null : new ArmComparison(samples.Arms, metrics);
    }

    /// <summary>The arm's profile with its band, or null when it has no scored run on this metric.</summary>
    public static ProfileCurve? Profile(ProfileScores scores, string arm) =>
        scores.HasScores(arm) ? PerformanceProfile.Compute(scores.Scores(arm), Taus, ProfileSeed, Resamples) : null;

    /// <summary>Modes that modes_covered counts on the dataset: a mixture's means, the stacked images' class triples.</summary>
    private static int? ModeCount(ResultsData data, string dataset) => data.Dataset(dataset) switch
    {
        { Means.Count: > 0 } mixture => mixture.Means.Count,
        { IsImage: true } images when DatasetKinds.Of(images) is ImageKind kind => kind.Modes,
        _ => null,
    };
}
