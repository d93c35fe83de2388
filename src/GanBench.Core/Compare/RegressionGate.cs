using GanBench.Core.Results;
using GanBench.Core.Statistics;

namespace GanBench.Core.Compare;

/// <summary>
/// The statistical regression gate: is tonight's run (the candidate) worse than the reference, in
/// which cells (arm × dataset × metric), and with what confidence.
/// </summary>
/// <remarks>
/// <para>Per cell, on the final values of the ok seeds of each side:</para>
/// <list type="bullet">
/// <item>the interquartile mean (IQM) of each side and a stratified-bootstrap 95% interval of their
/// difference: the IQM because one diverged seed cannot drag it around the way it drags a mean, and
/// it is less noisy than the median at the 5–20 seeds a benchmark affords (rliable's choice);</item>
/// <item>the probability that a candidate seed beats a reference seed, oriented by the metric's
/// direction, so that a reader sees the size of a change and not only its significance;</item>
/// <item>a one-sided Mann–Whitney U test of "the candidate is worse". One-sided because the gate asks
/// one question, and a two-sided test would spend half of alpha on improvements it never fails on.
/// Rank-based because GAN metrics are skewed, bounded and often tied (modes covered out of 8),
/// where a t-test's normality does not hold at ten seeds. Improvements get the mirror test, in a
/// family of their own, so looking for them costs the gate nothing.</item>
/// </list>
/// <para>The p-values of all cells are adjusted together, by Holm by default: it bounds the chance
/// that a night with no real change flags anything at all (the family-wise error rate) by alpha,
/// under any dependence between cells. That is the error a gate that pages someone must control.
/// A cell is rejected when its adjusted p ≤ alpha (the convention of <see cref="Correction"/> and
/// statsmodels).</para>
/// <para>A regression also needs the IQM to be worse by at least the minimum effect (relative to the
/// reference IQM): with many seeds a test finds differences too small to act on.</para>
/// <para>A cell is underpowered when even completely separated samples of its sizes could not pass
/// the correction if it were the only cell that moved: <see cref="MannWhitney.SmallestAttainableP"/>
/// × cells &gt; alpha (Holm's first step, and Benjamini–Hochberg's for a single change).</para>
/// </remarks>
public static class RegressionGate
{
    public static ComparisonResult Compare(Pairing pairing, CompareOptions options, ComparisonSubject subject)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        var measured = pairing.Cells.Select(cell => Measure(cell, options)).ToList();
        var worseAdjusted = Adjust(measured.Select(m => m.PWorse).ToList(), options.Correction);
        var betterAdjusted = Adjust(measured.Select(m => m.PBetter).ToList(), options.Correction);
        int cells = measured.Count;
        // The same for every cell of this comparison, and only wanted when one is underpowered.
        var seedsNeeded = new Lazy<int?>(() => SeedsToReach(options.Alpha / cells));
        var cellResults = measured.Select((m, i) =>
            Judge(m with { PWorseAdjusted = worseAdjusted[i], PBetterAdjusted = betterAdjusted[i] }, cells, seedsNeeded, options)).ToList();
        return new ComparisonResult(subject, options, cellResults, pairing.Notes);
    }

    /// <summary>Everything about one cell that does not depend on the other cells.</summary>
    private static CellComparison Measure(CellInput cell, CompareOptions options)
    {
        var (candidate, reference) = (cell.Candidate, cell.Reference);
        bool higherIsBetter = cell.Direction == MetricDirection.HigherIsBetter;
        double candidateIqm = Center(candidate, cell.Statistic);
        double referenceIqm = Center(reference, cell.Statistic);
        var difference = Bootstrap.StratifiedCi(candidate, reference, options.Seed, cell.Statistic, options.Resamples);
        double probabilityBetter = higherIsBetter
            ? ProbabilityOfImprovement.Compute(candidate, reference)
            : ProbabilityOfImprovement.Compute(reference, candidate);
        var worse = MannWhitney.Test(candidate, reference, WorseAlternative(cell.Direction));
        var better = MannWhitney.Test(candidate, reference, higherIsBetter ? Alternative.Greater : Alternative.Less);
        return new CellComparison(cell.Key, cell.ReferenceArm, cell.Direction,
            candidate.Count, reference.Count, cell.CandidateTrials, cell.ReferenceTrials,
            candidateIqm, referenceIqm, difference, RelativeChange(candidateIqm, referenceIqm),
            options.MinimumEffect(cell.Key.Metric), probabilityBetter,
            worse.PValue, double.NaN, better.PValue, double.NaN, worse.Method, SeedsNeeded: null, CellVerdict.NoChange);
    }

    /// <summary>The verdict, once the adjusted p-values are known.</summary>
    /// <remarks>Evidence wins over the power check: under Benjamini–Hochberg a cell that could not
    /// fire alone can fire together with others, and then it is reported as what it is.</remarks>
    private static CellComparison Judge(CellComparison cell, int cells, Lazy<int?> seedsNeeded, CompareOptions options)
    {
        bool regression = cell.PWorseAdjusted <= options.Alpha && cell.RelativeImprovement <= -cell.MinimumEffect && cell.RelativeImprovement < 0;
        bool improvement = cell.PBetterAdjusted <= options.Alpha && cell.RelativeImprovement >= cell.MinimumEffect && cell.RelativeImprovement > 0;
        double bestPossible = MannWhitney.SmallestAttainableP(cell.CandidateN, cell.ReferenceN, WorseAlternative(cell.Direction)) * cells;
        bool underpowered = bestPossible > options.Alpha;
        var verdict = regression ? CellVerdict.Regression
            : improvement ? CellVerdict.Improvement
            : underpowered ? CellVerdict.Underpowered
            : CellVerdict.NoChange;
        return cell with { Verdict = verdict, SeedsNeeded = underpowered ? seedsNeeded.Value : null };
    }

    private static double Center(IReadOnlyList<double> values, BootstrapStatistic statistic) =>
        statistic == BootstrapStatistic.Mean ? values.Average() : RobustStatistics.InterquartileMean(values);

    /// <summary>Higher-is-better metrics get worse downwards, so the candidate is tested for being less.</summary>
    private static Alternative WorseAlternative(MetricDirection direction) =>
        direction == MetricDirection.HigherIsBetter ? Alternative.Less : Alternative.Greater;

    private static double RelativeChange(double candidate, double reference) =>
        reference != 0.0 ? (candidate - reference) / Math.Abs(reference)
        : candidate == reference ? 0.0
        : Math.Sign(candidate - reference) * double.PositiveInfinity;

    private static double[] Adjust(IReadOnlyList<double> pValues, CorrectionMethod method) => method switch
    {
        CorrectionMethod.Holm => Correction.Holm(pValues),
        CorrectionMethod.BenjaminiHochberg => Correction.BenjaminiHochberg(pValues),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>Largest seed count searched; the normal tail reaches any alpha a gate would use long before.</summary>
    private const int MaxSeedsSearched = 1_000;

    /// <summary>The fewest equal seeds per side whose best possible one-sided p is ≤ <paramref name="threshold"/>.</summary>
    internal static int? SeedsToReach(double threshold)
    {
        for (int n = 1; n <= MaxSeedsSearched; n++)
            if (MannWhitney.SmallestAttainableP(n, n, Alternative.Less) <= threshold) return n;
        return null;
    }
}
