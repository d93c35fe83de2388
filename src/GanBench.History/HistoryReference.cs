using System.Globalization;
using GanBench.Core.Results;

namespace GanBench.History;

/// <summary>
/// Which past runs a comparison takes its reference from: <c>history</c> (the last run),
/// <c>history:last N</c> (the last N runs) or <c>history:LABEL</c> (one labelled run), always of the
/// candidate's experiment.
/// </summary>
/// <param name="Label">The one run asked for by label, or null.</param>
/// <param name="Last">How many of the latest runs, when <see cref="Label"/> is null.</param>
public sealed record HistoryReference(string? Label, int Last)
{
    public const string Prefix = "history";

    /// <summary>Whether an --against value names the history rather than a results folder.</summary>
    public static bool Names(string against) =>
        against == Prefix || against.StartsWith(Prefix + ":", StringComparison.Ordinal);

    /// <exception cref="HistoryException">The text after "history:" is empty or "last" without a positive count.</exception>
    public static HistoryReference Parse(string against)
    {
        if (against == Prefix) return new HistoryReference(null, 1);
        string rest = against[(Prefix.Length + 1)..].Trim();
        if (rest.Length == 0) throw new HistoryException($"--against '{against}': say which runs, e.g. history:last 7 or history:LABEL");
        if (rest.StartsWith("last", StringComparison.Ordinal) && (rest.Length == 4 || char.IsWhiteSpace(rest[4])))
        {
            string count = rest[4..].Trim();
            return int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1
                ? new HistoryReference(null, n)
                : throw new HistoryException($"--against '{against}': 'last' needs a whole number ≥ 1, e.g. history:last 7");
        }
        return new HistoryReference(rest, 0);
    }

    /// <summary>How a report names it, e.g. "history:last 7 (3 runs: a, b, c)".</summary>
    public override string ToString() => Label is null ? Last == 1 ? $"{Prefix}:last 1" : $"{Prefix}:last {Last}" : $"{Prefix}:{Label}";

    /// <summary>
    /// The reference rows: each trial id once, from the latest of the chosen runs that holds it. A trial
    /// id is a configuration and a seed, and GanBench is deterministic per seed, so an unchanged night
    /// repeats last night's values exactly; pooling the copies would count one seed N times and make
    /// the rank test far surer than the data allow. Nights that ran other seeds add their trials.
    /// </summary>
    /// <param name="candidateFingerprint">The candidate's runs.csv fingerprint: when the candidate is itself in the
    /// history (the nightly adds before it compares) it is left out, or it would be compared with itself.</param>
    /// <exception cref="NoEarlierRunException">No run of the experiment is left to compare with.</exception>
    /// <exception cref="HistoryException">The label is unknown.</exception>
    public (IReadOnlyList<RunRecord> Runs, IReadOnlyList<HistoryEntry> Entries, string? Note) Resolve(HistoryStore store, string experiment, string candidateFingerprint)
    {
        var all = store.Entries(experiment);
        var candidate = all.FirstOrDefault(e => e.Fingerprint == candidateFingerprint);
        var others = all.Where(e => e != candidate).ToList();
        string? note = candidate is null ? null : $"the candidate itself is in the history as '{candidate.Label}' and is left out of the reference";
        if (others.Count == 0)
            throw new NoEarlierRunException($"{store.Path} holds no earlier run of experiment '{experiment}'" +
                (candidate is not null ? " besides the candidate itself" : "") + " to compare with" +
                (store.Entries().Select(e => e.Experiment).Distinct().ToList() is { Count: > 0 } names && !names.Contains(experiment) ? $" (it holds: {string.Join(", ", names)})" : "") +
                "; on the first night there is nothing to compare with: " +
                (candidate is not null ? "the gate compares from the next run on" : "add the run with `history add`, and the gate compares from the second night on"));
        List<HistoryEntry> chosen;
        if (Label is not null)
        {
            var match = others.FirstOrDefault(e => e.Label == Label)
                ?? throw new HistoryException($"{store.Path} has no run labelled '{Label}' for experiment '{experiment}'{Core.Config.Suggest.DidYouMean(Label, others.Select(e => e.Label).ToList())}; latest: {string.Join(", ", others.TakeLast(5).Select(e => e.Label))}");
            chosen = [match];
        }
        else
        {
            chosen = others.TakeLast(Last).ToList();
            if (chosen.Count < Last) note = Join(note, $"asked for the last {Last} runs, the history holds {chosen.Count}");
        }
        var latest = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var entry in chosen)
            foreach (var run in store.Runs(entry))
            {
                if (!latest.ContainsKey(run.Trial.TrialId)) order.Add(run.Trial.TrialId);
                latest[run.Trial.TrialId] = run;
            }
        return (order.Select(id => latest[id]).ToList(), chosen, note);
    }

    private static string Join(string? a, string b) => a is null ? b : $"{a}; {b}";
}
