using GanBench.Core.Compare;
using GanBench.Core.Results;
using GanBench.History;

namespace GanBench.Cli.Application;

/// <summary>
/// `compare DIR --against history[:last N | :LABEL]`: the reference side taken from the results history,
/// and the gate's verdicts written back to it when the candidate is in it (so that `history show` can
/// mark where the gate fired).
/// </summary>
public sealed class HistoryComparison
{
    private readonly string _historyPath, _candidate;
    private readonly HistoryReference _reference;
    private readonly HistoryEntry? _self;
    private readonly IReadOnlyList<HistoryEntry> _entries;

    public IReadOnlyList<RunRecord> ReferenceRuns { get; }
    public IReadOnlyList<string> Notes { get; }
    /// <summary>Why there is nothing to compare with (the first night), or null.</summary>
    public string? NothingEarlier { get; private init; }

    private HistoryComparison(string historyPath, string candidate, HistoryReference reference, HistoryEntry? self,
        IReadOnlyList<HistoryEntry> entries, IReadOnlyList<RunRecord> runs, IReadOnlyList<string> notes)
    {
        (_historyPath, _candidate, _reference, _self, _entries) = (historyPath, candidate, reference, self, entries);
        ReferenceRuns = runs;
        Notes = notes;
    }

    /// <exception cref="UsageException">The history is missing or unreadable, or holds nothing to compare with.</exception>
    public static HistoryComparison Open(CompareRequest request, IReadOnlyList<RunRecord> candidateRuns)
    {
        string path = request.HistoryPath ?? ResultsHistory.DefaultPath;
        try
        {
            var reference = HistoryReference.Parse(request.Against!);
            using var store = HistoryStore.Open(path, create: false);
            string fingerprint = HistoryImport.Fingerprint(request.Results);
            var self = store.FindByFingerprint(fingerprint);
            string experiment = self?.Experiment ?? ExperimentOf(candidateRuns, request.Results);
            try
            {
                var (runs, entries, note) = reference.Resolve(store, experiment, fingerprint);
                return new HistoryComparison(path, request.Results, reference, self, entries, runs, note is null ? [] : [note]);
            }
            catch (NoEarlierRunException e)
            {
                return new HistoryComparison(path, request.Results, reference, self, [], [], []) { NothingEarlier = e.Message };
            }
        }
        catch (HistoryException e)
        {
            throw new UsageException($"error: compare: {e.Message}");
        }
    }

    /// <summary>How compare.md names the reference: "history:last 3 (runs a, b, c)".</summary>
    public string Describe() => $"{_reference} ({(_entries.Count == 1 ? "run" : "runs")} {string.Join(", ", _entries.Select(e => $"'{e.Label}'"))} of {_historyPath})";

    /// <summary>Keeps the verdicts with the candidate's history entry and its results folder; returns the line to print.</summary>
    public string Record(ComparisonResult result)
    {
        if (_self is null)
            return $"note: {_candidate} is not in {_historyPath}, so this verdict is not kept for `history show`; add it first with `history add {_candidate}`";
        var marks = result.Cells.Select(c => new GateMark(_self.Id, _reference.ToString(), c.Key.Arm, c.Key.Dataset, c.Key.Metric, c.Verdict.ToString(),
            double.IsFinite(c.PWorseAdjusted) ? c.PWorseAdjusted : null, double.IsFinite(c.RelativeChange) ? c.RelativeChange : null)).ToList();
        using (var store = HistoryStore.Open(_historyPath, create: false))
            store.Mark(_self, _reference.ToString(), marks);
        HistoryImport.RecordMarks(_candidate, _reference.ToString(), marks);
        return $"recorded the verdicts on '{_self.Label}' in {_historyPath}";
    }

    /// <summary>The experiment a results folder belongs to, as runs.csv names it; a folder whose rows name several is ambiguous.</summary>
    private static string ExperimentOf(IReadOnlyList<RunRecord> runs, string folder)
    {
        var names = runs.Select(r => r.Experiment).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 1 ? names[0]
            : throw new HistoryException(names.Count == 0
                ? $"{folder}: runs.csv names no experiment, so its runs in the history are unknown"
                : $"{folder}: runs.csv names several experiments ({string.Join(", ", names)}); add it to the history with `history add`, which takes the name from config.resolved.yaml, then compare");
    }
}
