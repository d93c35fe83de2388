using GanBench.Core.Results;

namespace GanBench.Core.Compare;

/// <summary>The speed of one arm on one dataset, candidate against reference.</summary>
/// <param name="CandidateTrials">Trials of the cell on the candidate side, whatever their status;
/// minus the rates counted, the trials that gave none (diverged, failed, no time recorded).</param>
public sealed record ThroughputCell(string Arm, string Dataset, int CandidateTrials, int ReferenceTrials, SpeedComparison Speed);

/// <param name="Notes">Cells left out and why, one line each.</param>
public sealed record ThroughputResult(ThroughputOptions Options, IReadOnlyList<ThroughputCell> Cells, IReadOnlyList<string> Notes)
{
    public IReadOnlyList<ThroughputCell> Regressions => Cells.Where(c => c.Speed.Verdict == CellVerdict.Regression).ToList();

    public int Count(CellVerdict verdict) => Cells.Count(c => c.Speed.Verdict == verdict);
}

/// <summary>
/// The throughput half of the nightly gate: per arm × dataset, the trial-steps per second of the
/// candidate's trials against the reference's, by <see cref="ThroughputRule"/>.
/// </summary>
/// <remarks>
/// <para>It takes rows, not folders, so the reference can come from a results folder or from a store
/// of past nights alike; nothing here knows where they were read.</para>
/// <para>One trial is one sample: its steps over its wall seconds, evaluations included, because a
/// slower evaluation costs a nightly as much as a slower training step. Trials trained together as
/// one ensemble share one clock (their wall seconds are shares of it), so they are one sample: the
/// mean rate of the unit's trials in the cell (<see cref="EnsembleNote"/> names the unit).</para>
/// <para>Which trials count: <c>ok</c> trials, and <c>timeout</c> trials, which ran at the speed of
/// the code until the clock stopped them; leaving those out would drop exactly the slowest trials
/// and hide the slowdown that pushed them past the budget. A <c>diverged</c> trial does not count:
/// it stopped at a step chosen by its numbers, not by the code's speed, so its fixed costs (setup,
/// the evaluation at step 0, an image evaluation's real side) are spread over however few steps it
/// made, its arithmetic on NaN and infinity does not run at the speed of finite numbers, and a change
/// that makes more seeds diverge would move the median rate without anything having become slower.
/// The metric gate already reports those seeds. A <c>failed</c> trial (a crash, a dead worker) does
/// not count either, nor a row without steps or wall time.</para>
/// </remarks>
public static class ThroughputGate
{
    /// <summary>Whether a trial's rate is a sample of the code's speed (see the remarks above).</summary>
    public static bool Counts(RunRecord run) =>
        run.Trial.Status is TrialStatus.Ok or TrialStatus.Timeout
        && run.Steps > 0 && double.IsFinite(run.WallSeconds) && run.WallSeconds > 0.0;

    public static double StepsPerSecond(RunRecord run) => run.Steps / run.WallSeconds;

    /// <summary>Each (arm, dataset) of the candidate rows against the same cell of the reference rows.</summary>
    public static ThroughputResult Compare(IReadOnlyList<RunRecord> candidate, IReadOnlyList<RunRecord> reference, ThroughputOptions options)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        var (candidateRates, candidateTrials) = Rates(candidate);
        var (referenceRates, referenceTrials) = Rates(reference);
        var cells = new List<ThroughputCell>();
        var notes = new List<string>();
        foreach (var key in candidateTrials.Keys.Concat(referenceTrials.Keys).Distinct())
        {
            var (c, r) = (candidateRates.GetValueOrDefault(key, []), referenceRates.GetValueOrDefault(key, []));
            if (c.Count > 0 && r.Count > 0)
                cells.Add(new ThroughputCell(key.Arm, key.Dataset, candidateTrials.GetValueOrDefault(key), referenceTrials.GetValueOrDefault(key),
                    ThroughputRule.Compare(c, r, SpeedUnit.Rate, options)));
            else if (Missing(key, c.Count, r.Count, candidateTrials, referenceTrials) is { } why)
                notes.Add($"throughput of {key.Arm} on {key.Dataset} not compared: {why}");
        }
        if (cells.Count == 0 && notes.Count == 0)
            notes.Add("throughput not compared: no trial on either side records its steps and wall time");
        return new ThroughputResult(options, cells, notes);
    }

    /// <summary>The rates that count per cell, and every trial per cell, in the rows' order.</summary>
    private static (Dictionary<(string Arm, string Dataset), List<double>> Rates, Dictionary<(string Arm, string Dataset), int> Trials) Rates(IReadOnlyList<RunRecord> runs)
    {
        var rates = new Dictionary<(string, string), List<double>>();
        var trials = new Dictionary<(string, string), int>();
        var units = new Dictionary<((string, string) Cell, string Unit), List<double>>();
        foreach (var run in runs)
        {
            var key = (run.Trial.Arm, run.Trial.Dataset);
            trials[key] = trials.GetValueOrDefault(key) + 1;
            if (!Counts(run)) continue;
            if (!rates.TryGetValue(key, out var list)) rates[key] = list = [];
            if (EnsembleNote.UnitOf(run.Message) is { } unit)
            {
                if (!units.TryGetValue((key, unit), out var members)) units[(key, unit)] = members = [];
                members.Add(StepsPerSecond(run));
            }
            else list.Add(StepsPerSecond(run));
        }
        foreach (var ((cell, _), members) in units)
            rates[cell].Add(members.Average());
        return (rates, trials);
    }

    /// <summary>Why a cell has rates on one side only; null when neither side has any (nothing to say
    /// beyond the metric gate's own notes, e.g. rows written without timings).</summary>
    private static string? Missing((string Arm, string Dataset) key, int candidateRates, int referenceRates,
        Dictionary<(string, string), int> candidateTrials, Dictionary<(string, string), int> referenceTrials)
    {
        if (candidateRates == 0 && referenceRates == 0) return null;
        return candidateRates == 0
            ? candidateTrials.ContainsKey(key) ? "no candidate trial ended ok or timed out" : "not in the candidate"
            : referenceTrials.ContainsKey(key) ? "no reference trial ended ok or timed out" : "not in the reference";
    }
}
