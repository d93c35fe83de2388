using GanBench.Core.Results;
using GanBench.Core.Statistics;

namespace GanBench.Core.Compare;

/// <summary>One cell to test: the candidate's values against the reference's, for one metric.</summary>
/// <param name="ReferenceArm">The arm the reference values come from: the same arm in a reference
/// run, the baseline arm when arms of one run are compared with it.</param>
/// <param name="CandidateTrials">All trials behind the candidate side, ok or not; minus the values
/// counted, the seeds that dropped out (diverged, failed, or no finite value).</param>
/// <param name="Statistic">What summarises each side: the IQM for metric values; the mean for the
/// <see cref="CellPairing.OkFraction"/> cell, whose 0/1 values the IQM would trim away.</param>
public sealed record CellInput(CellKey Key, string ReferenceArm, MetricDirection Direction,
    IReadOnlyList<double> Candidate, IReadOnlyList<double> Reference, int CandidateTrials, int ReferenceTrials,
    BootstrapStatistic Statistic = BootstrapStatistic.InterquartileMean);

/// <param name="Notes">What was left out and why, one line each, for the report.</param>
public sealed record Pairing(IReadOnlyList<CellInput> Cells, IReadOnlyList<string> Notes);

/// <summary>Decides which cells a comparison tests, and says which it leaves out.</summary>
/// <remarks>Only metrics with a direction are tested: a Neutral metric (a diagnostic such as a
/// gradient norm) has no "worse", and a metric the catalog does not know (a plugin's) is left out
/// unless the options give it a direction, because guessing one would make the gate fire on noise
/// or stay silent on a real regression.</remarks>
public static class CellPairing
{
    /// <summary>
    /// The share of an arm's trials that finished ok, compared as a cell of its own. Metric cells only see
    /// the values of ok trials, so without it an arm that started diverging on every seed would drop out
    /// of the comparison instead of failing it. It is tested only where a trial of either side did not
    /// finish ok: a cell of ties everywhere would only make the correction stricter for the others.
    /// </summary>
    public const string OkFraction = "ok_fraction";

    /// <summary>Each (arm, dataset, metric) of the candidate run against the same cell of a reference run.</summary>
    public static Pairing Across(MetricSamples candidate, MetricSamples reference, CompareOptions options)
    {
        var notes = new List<string>();
        var metrics = DirectedMetrics(candidate.Metrics.Union(reference.Metrics, StringComparer.Ordinal), options, notes);
        var cells = new List<CellInput>();
        var missing = new List<CellKey>();
        foreach (var arm in candidate.Arms)
        foreach (var dataset in candidate.Datasets)
        {
            foreach (var metric in metrics)
            {
                var key = new CellKey(arm, dataset, metric);
                var (c, r) = (candidate.Values(key), reference.Values(key));
                if (c.Count > 0 && r.Count > 0)
                    cells.Add(new CellInput(key, arm, options.DirectionOf(metric), c, r, candidate.Trials(arm, dataset), reference.Trials(arm, dataset)));
                else if (c.Count > 0 || r.Count > 0)
                    missing.Add(key);
            }
            if (Survival(candidate, arm, reference, arm, dataset) is { } survival) cells.Add(survival);
        }
        notes.AddRange(Unmatched(missing, candidate, reference, arm => arm, "the reference"));
        var armsOnlyThere = reference.Arms.Except(candidate.Arms, StringComparer.Ordinal).ToList();
        if (armsOnlyThere.Count > 0)
            notes.Add($"arm(s) {Quoted(armsOnlyThere)} are only in the reference: not compared");
        var datasetsOnlyThere = reference.Datasets.Except(candidate.Datasets, StringComparer.Ordinal).ToList();
        if (datasetsOnlyThere.Count > 0)
            notes.Add($"dataset(s) {Quoted(datasetsOnlyThere)} are only in the reference: not compared");
        return new Pairing(cells, notes);
    }

    /// <summary>Every other arm of one run against <paramref name="baselineArm"/>, per dataset and metric.</summary>
    /// <exception cref="ArgumentException">The baseline arm has no trials.</exception>
    public static Pairing AgainstBaseline(MetricSamples samples, string baselineArm, CompareOptions options)
    {
        if (!samples.Arms.Contains(baselineArm, StringComparer.Ordinal))
            throw new ArgumentException($"baseline arm '{baselineArm}' has no trials", nameof(baselineArm));
        var notes = new List<string>();
        var metrics = DirectedMetrics(samples.Metrics, options, notes);
        var cells = new List<CellInput>();
        var missing = new List<CellKey>();
        foreach (var arm in samples.Arms.Where(a => a != baselineArm))
        foreach (var dataset in samples.Datasets)
        {
            foreach (var metric in metrics)
            {
                var key = new CellKey(arm, dataset, metric);
                var (c, r) = (samples.Values(key), samples.Values(key with { Arm = baselineArm }));
                if (c.Count > 0 && r.Count > 0)
                    cells.Add(new CellInput(key, baselineArm, options.DirectionOf(metric), c, r, samples.Trials(arm, dataset), samples.Trials(baselineArm, dataset)));
                else if (c.Count > 0 || r.Count > 0)
                    missing.Add(key);
            }
            if (Survival(samples, arm, samples, baselineArm, dataset) is { } survival) cells.Add(survival);
        }
        notes.AddRange(Unmatched(missing, samples, samples, _ => baselineArm, $"the baseline '{baselineArm}'"));
        return new Pairing(cells, notes);
    }

    /// <summary>The <see cref="OkFraction"/> cell of an arm on a dataset, or null when both sides have trials that all finished ok (or one side has none).</summary>
    private static CellInput? Survival(MetricSamples candidate, string arm, MetricSamples reference, string referenceArm, string dataset)
    {
        var (c, r) = (candidate.Outcomes(arm, dataset), reference.Outcomes(referenceArm, dataset));
        if (c.Count == 0 || r.Count == 0 || (c.All(v => v == 1.0) && r.All(v => v == 1.0))) return null;
        return new CellInput(new CellKey(arm, dataset, OkFraction), referenceArm, MetricDirection.HigherIsBetter, c, r, c.Count, r.Count, BootstrapStatistic.Mean);
    }

    /// <summary>The metrics that have a direction, in catalog order; a note for each left out.</summary>
    private static List<string> DirectedMetrics(IEnumerable<string> names, CompareOptions options, List<string> notes)
    {
        var ordered = MetricCatalog.Order(names).Select(m => m.Name).ToList();
        var neutral = ordered.Where(m => options.DirectionOf(m) == MetricDirection.Neutral).ToList();
        var unknown = neutral.Where(m => !MetricCatalog.IsKnown(m)).ToList();
        var diagnostics = neutral.Except(unknown).ToList();
        if (diagnostics.Count > 0)
            notes.Add($"diagnostic metric(s) without a better direction are not compared: {string.Join(", ", diagnostics)}");
        if (unknown.Count > 0)
            notes.Add($"metric(s) not in the catalog are not compared unless given a direction (--direction NAME=higher|lower): {string.Join(", ", unknown)}");
        return ordered.Except(neutral).ToList();
    }

    /// <summary>Cells that have values on one side only (a metric neither side measures on a dataset is
    /// no news), grouped by arm, dataset and reason, so that a missing arm is one line, not one per metric.</summary>
    private static IEnumerable<string> Unmatched(List<CellKey> missing, MetricSamples candidate, MetricSamples reference,
        Func<string, string> referenceArm, string referenceName)
    {
        string Reason(CellKey k) =>
            candidate.Values(k).Count > 0
                ? reference.Trials(referenceArm(k.Arm), k.Dataset) == 0 ? $"not in {referenceName}" : $"{referenceName} has no ok trial with a value"
                : candidate.Trials(k.Arm, k.Dataset) == 0 ? "not in the candidate"
                : candidate.OkTrials(k.Arm, k.Dataset) == 0 ? $"every candidate trial diverged, failed or timed out (see {OkFraction})"
                : "undefined on every ok candidate trial (e.g. reverse_kl without a high-quality sample)";
        foreach (var group in missing.GroupBy(k => (k.Arm, k.Dataset, Why: Reason(k))))
            yield return $"{group.Key.Arm} on {group.Key.Dataset}: {string.Join(", ", group.Select(k => k.Metric))} not compared: {group.Key.Why}";
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
