using GanBench.Core.Statistics;

namespace GanBench.Core.Compare;

/// <summary>The two numbers of asv's rule for "slower"; the defaults are asv's.</summary>
public sealed record ThroughputOptions
{
    /// <summary>asv's default: a change under 10% is within what a busy machine, another kernel or a
    /// JIT decision produce from one night to the next, and nobody acts on it.</summary>
    public const double DefaultFactor = 1.10;
    /// <summary>asv's default, strict because timings are many and cheap: at 0.002 a quiet night
    /// with 20 cells flags one by chance at most 4% of the time, before the factor has had its say.</summary>
    public const double DefaultPThreshold = 0.002;

    /// <summary>How many times longer per step (per operation) the candidate must take, at the
    /// median, to count as slower: 1.10 is a rate at most 1/1.10 = 0.909 of the reference's.</summary>
    public double Factor { get; init; } = DefaultFactor;
    /// <summary>The one-sided Mann–Whitney p must be strictly below this (asv compares with &lt;).</summary>
    public double PThreshold { get; init; } = DefaultPThreshold;

    /// <summary>Every value the rule cannot work with, one line each.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(double.IsFinite(Factor) && Factor >= 1.0)) problems.Add($"throughput factor {Factor} must be a finite number ≥ 1");
        if (!(PThreshold > 0.0 && PThreshold < 1.0)) problems.Add($"throughput p threshold {PThreshold} must lie strictly between 0 and 1");
        return problems;
    }
}

/// <summary>What the samples measure, which decides which way is faster.</summary>
public enum SpeedUnit
{
    /// <summary>Work per second (trial-steps per second): higher is faster.</summary>
    Rate,
    /// <summary>Seconds or nanoseconds per operation (BenchmarkDotNet): lower is faster.</summary>
    Time,
}

/// <summary>One speed comparison: the candidate's timings against the reference's.</summary>
/// <param name="Ratio">median(candidate) / median(reference) in the samples' own unit: below 1 is
/// slower for a rate, above 1 slower for a time.</param>
/// <param name="Slowdown">How many times longer the candidate takes per unit of work, at the median
/// (the reference's rate over the candidate's, or the candidate's time over the reference's): the
/// number the factor is compared with; below 1 is faster.</param>
/// <param name="PSlower">One-sided Mann–Whitney p for "the candidate is slower".</param>
/// <param name="PFaster">The mirror test, for improvements.</param>
/// <param name="TrialsNeeded">For an underpowered comparison: the fewest equal samples per side at
/// which completely separated timings could pass the threshold.</param>
public sealed record SpeedComparison(SpeedUnit Unit, int CandidateN, int ReferenceN, double CandidateMedian, double ReferenceMedian,
    double Ratio, double Slowdown, double PSlower, double PFaster, int? TrialsNeeded, CellVerdict Verdict);

/// <summary>
/// asv's rule for a benchmark that got slower, on two samples of timings: the median is at least
/// <see cref="ThroughputOptions.Factor"/> times slower and a Mann–Whitney test says p &lt;
/// <see cref="ThroughputOptions.PThreshold"/>. Both, because timings of many repetitions make tiny
/// differences significant, and a single noisy median makes large ones look real.
/// </summary>
/// <remarks>
/// <para>asv tests two-sided and then reads the direction off the medians; this rule tests one-sided
/// in the direction it asks about, the same choice as the metric gate's. At equal thresholds a
/// one-sided p is half the two-sided one in that direction, so it flags a true slowdown a little
/// sooner and never flags a speed-up as a regression.</para>
/// <para>Where asv falls back to comparing 99% intervals because the sample is too small for the
/// test to reach the threshold, this rule says so instead: the verdict is underpowered, with the
/// sample size that could decide, so that silence is not read as "no change".</para>
/// <para>No correction across cells, as in asv: the factor, not the p-value, is what keeps a quiet
/// night quiet, and what moves timings on a quiet night (another job on the machine, a cold cache)
/// moves every cell at once, which no multiplicity correction accounts for. A correction would
/// only raise the sample size every cell needs to be decidable.</para>
/// </remarks>
public static class ThroughputRule
{
    public static SpeedComparison Compare(IReadOnlyList<double> candidate, IReadOnlyList<double> reference, SpeedUnit unit, ThroughputOptions options)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        RequirePositive(candidate, nameof(candidate));
        RequirePositive(reference, nameof(reference));
        var (slower, faster) = unit == SpeedUnit.Rate ? (Alternative.Less, Alternative.Greater) : (Alternative.Greater, Alternative.Less);
        double candidateMedian = RobustStatistics.Median(candidate), referenceMedian = RobustStatistics.Median(reference);
        double ratio = candidateMedian / referenceMedian;
        double slowdown = unit == SpeedUnit.Rate ? 1.0 / ratio : ratio;
        double pSlower = MannWhitney.Test(candidate, reference, slower).PValue;
        double pFaster = MannWhitney.Test(candidate, reference, faster).PValue;
        bool regression = slowdown >= options.Factor && pSlower < options.PThreshold;
        bool improvement = 1.0 / slowdown >= options.Factor && pFaster < options.PThreshold;
        bool underpowered = MannWhitney.SmallestAttainableP(candidate.Count, reference.Count, slower) >= options.PThreshold;
        var verdict = regression ? CellVerdict.Regression
            : improvement ? CellVerdict.Improvement
            : underpowered ? CellVerdict.Underpowered
            : CellVerdict.NoChange;
        return new SpeedComparison(unit, candidate.Count, reference.Count, candidateMedian, referenceMedian, ratio, slowdown,
            pSlower, pFaster, underpowered ? SamplesToReach(options.PThreshold) : null, verdict);
    }

    /// <summary>Largest sample size searched; the normal tail reaches any threshold anyone would use long before.</summary>
    private const int MaxSamplesSearched = 1_000;

    /// <summary>The fewest equal samples per side whose best possible one-sided p is below <paramref name="threshold"/>.</summary>
    public static int? SamplesToReach(double threshold)
    {
        for (int n = 1; n <= MaxSamplesSearched; n++)
            if (MannWhitney.SmallestAttainableP(n, n, Alternative.Less) < threshold) return n;
        return null;
    }

    private static void RequirePositive(IReadOnlyList<double> values, string name)
    {
        SampleGuard.RequireFiniteNonEmpty(values, name);
        if (values.Any(v => v <= 0.0)) throw new ArgumentException("timings must be > 0", name);
    }
}
