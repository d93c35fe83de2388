using GanBench.Core.Results;
using GanBench.Core.Statistics;

namespace GanBench.Core.Compare;

/// <summary>What a cell concluded; metric cells by <see cref="RegressionGate"/>, speed cells by <see cref="ThroughputRule"/>.</summary>
public enum CellVerdict
{
    /// <summary>Significantly worse after correction, and worse by at least the minimum effect (for
    /// speed: slower by the factor at p below the threshold).</summary>
    Regression,
    /// <summary>The mirror image of a regression; reported, never fails the gate.</summary>
    Improvement,
    NoChange,
    /// <summary>Too few seeds for the test to reach alpha after correction, even with the two samples
    /// completely separated: silence here is not evidence of no change.</summary>
    Underpowered,
}

/// <summary>What one cell of the comparison measured and concluded. Differences are candidate − reference.</summary>
/// <param name="IqmDifference">IQM(candidate) − IQM(reference), with its stratified-bootstrap interval.</param>
/// <param name="RelativeChange">(IQM(candidate) − IQM(reference)) / |IQM(reference)|, signed as the
/// values move (not as the metric prefers); ±∞ when the reference IQM is 0 and the candidate's is not.</param>
/// <param name="ProbabilityBetter">P(a candidate seed beats a reference seed), ties half, oriented by
/// the metric's direction: 0.5 is no difference, 0 the candidate always worse.</param>
/// <param name="PWorse">One-sided Mann–Whitney p for "the candidate is worse".</param>
/// <param name="PWorseAdjusted">The same after the correction across every cell of the comparison.</param>
/// <param name="PBetter">One-sided p for "the candidate is better"; its own family, corrected the same way.</param>
/// <param name="Test">Exact or normal approximation, as <see cref="MannWhitney.Test"/> chose for these samples.</param>
/// <param name="SeedsNeeded">For an underpowered cell: the fewest seeds per side at which completely
/// separated samples could pass the correction. Detecting a real shift needs more (see the README's power table).</param>
public sealed record CellComparison(
    CellKey Key, string ReferenceArm, MetricDirection Direction,
    int CandidateN, int ReferenceN, int CandidateTrials, int ReferenceTrials,
    double CandidateIqm, double ReferenceIqm, ConfidenceInterval IqmDifference, double RelativeChange,
    double MinimumEffect, double ProbabilityBetter,
    double PWorse, double PWorseAdjusted, double PBetter, double PBetterAdjusted, MannWhitneyMethod Test,
    int? SeedsNeeded, CellVerdict Verdict)
{
    /// <summary><see cref="RelativeChange"/> turned so that positive is better for the metric.</summary>
    public double RelativeImprovement => Direction == MetricDirection.LowerIsBetter ? -RelativeChange : RelativeChange;
}

/// <param name="Candidate">What was compared, as the report names it (a folder, or an arm).</param>
/// <param name="Reference">What it was compared with.</param>
/// <param name="BaselineArm">Set when arms of one run were compared with its baseline arm.</param>
public sealed record ComparisonSubject(string Candidate, string Reference, string? BaselineArm = null);

/// <summary>A finished comparison: every cell, the options it ran with and what was left out.</summary>
public sealed record ComparisonResult(ComparisonSubject Subject, CompareOptions Options, IReadOnlyList<CellComparison> Cells, IReadOnlyList<string> Notes)
{
    /// <summary>Cells in the correction's family: every tested cell.</summary>
    public int FamilySize => Cells.Count;

    public IReadOnlyList<CellComparison> Regressions => Cells.Where(c => c.Verdict == CellVerdict.Regression).ToList();

    /// <summary>The speed of each arm and dataset against the reference run; null when not compared
    /// (against a baseline arm, whose arms differ in cost by design, or when switched off).</summary>
    public ThroughputResult? Throughput { get; init; }

    /// <summary>The gate fires iff a metric cell or a throughput cell regressed and regressions count
    /// as failures for this comparison.</summary>
    public bool GateFires => Options.RegressionsFail && (Cells.Any(c => c.Verdict == CellVerdict.Regression) || Throughput?.Regressions.Count > 0);

    public int Count(CellVerdict verdict) => Cells.Count(c => c.Verdict == verdict);
}
