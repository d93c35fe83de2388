using GanBench.Core.Compare;
using GanBench.Core.Results;
using GanBench.History;
using static GanBench.Core.Tests.History.HistoryStoreTests;

namespace GanBench.Core.Tests.History;

public sealed class HistoryImportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ganbench-history-" + Guid.NewGuid().ToString("N"));
    private readonly HistoryStore _store;

    public HistoryImportTests() => _store = HistoryStore.Open(Path.Combine(_dir, "history.sqlite"), create: true);

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A results folder whose runs.csv holds <paramref name="runs"/>.</summary>
    private string Folder(string name, IReadOnlyList<RunRecord> runs)
    {
        string folder = Path.Combine(_dir, name);
        Directory.CreateDirectory(folder);
        var writer = new RunsCsvWriter(Path.Combine(folder, ResultsDirectory.RunsFile), [], ["w1_exact", "modes_covered"]);
        foreach (var run in runs) writer.Append(run);
        return folder;
    }

    private static List<RunRecord> Seeds(string arm, double w1, params int[] seeds) =>
        seeds.Select(s => Run($"{arm}{s}", arm, s, TrialStatus.Ok, ("w1_exact", w1 + 0.01 * s), ("modes_covered", 8.0))).ToList();

    [Fact]
    public void An_unfinished_sweep_is_refused_and_a_finished_one_leaves_a_marker()
    {
        var runs = Seeds("a", 1.0, 0, 1);
        string folder = Folder("n1", runs);
        var unfinished = Assert.Throws<HistoryException>(() => HistoryImport.Add(_store, folder, "nightly", runs, ["a0", "a1", "a2"], "n1", DateTimeOffset.UnixEpoch));
        Assert.Contains("unfinished (2 of 3 trial(s) done, e.g. a2 is missing)", unfinished.Message);
        Assert.Empty(_store.Entries());
        Assert.Null(HistoryImport.ReadMarker(folder));

        var entry = HistoryImport.Add(_store, folder, "nightly", runs, ["a0", "a1"], null, new DateTimeOffset(2026, 12, 1, 2, 17, 5, TimeSpan.Zero));
        Assert.Equal("2026-12-01T02:17:05Z", entry.Label);
        Assert.Equal(HistoryImport.Fingerprint(folder), entry.Fingerprint);
        var marker = HistoryImport.ReadMarker(folder)!;
        Assert.Equal(("2026-12-01T02:17:05Z", "nightly"), (marker.Label, marker.Experiment));
        Assert.Empty(marker.Marks);
    }

    [Fact]
    public void Verdicts_recorded_in_the_marker_come_back_with_a_rebuilt_entry()
    {
        var runs = Seeds("a", 1.0, 0);
        string folder = Folder("n1", runs);
        var entry = HistoryImport.Add(_store, folder, "nightly", runs, ["a0"], "n1", DateTimeOffset.UnixEpoch);
        var mark = new GateMark(entry.Id, "history:last 7", "a", "ring8", "w1_exact", nameof(CellVerdict.Regression), 0.002, -0.3);
        HistoryImport.RecordMarks(folder, "history:last 7", [mark]);
        HistoryImport.RecordMarks(folder, "history:last 7", [mark with { Verdict = nameof(CellVerdict.Regression), AdjustedP = 0.001 }]);
        var marker = HistoryImport.ReadMarker(folder)!;
        Assert.Equal(0.001, Assert.Single(marker.Marks).AdjustedP);

        using var rebuilt = HistoryStore.Open(Path.Combine(_dir, "rebuilt.sqlite"), create: true);
        var again = HistoryImport.Add(rebuilt, folder, marker.Experiment, runs, ["a0"], marker.Label, marker.AddedUtc, marker.Marks);
        Assert.Equal(("n1", DateTimeOffset.UnixEpoch), (again.Label, again.AddedUtc));
        Assert.Equal(again.Id, Assert.Single(rebuilt.Marks("nightly")).EntryId);
    }

    [Fact]
    public void Trends_give_the_iqm_and_quartiles_per_run_and_mark_where_the_gate_fired()
    {
        var n1 = HistoryImport.Add(_store, Folder("n1", Seeds("a", 1.0, 0, 1, 2, 3)), "nightly", Seeds("a", 1.0, 0, 1, 2, 3), ["a0", "a1", "a2", "a3"], "n1", DateTimeOffset.UnixEpoch);
        var tonight = Seeds("a", 2.0, 0, 1, 2, 3);
        tonight[3] = Run("a3", "a", 3, TrialStatus.Diverged, ("w1_exact", 99.0), ("modes_covered", 8.0));
        var n2 = HistoryImport.Add(_store, Folder("n2", tonight), "nightly", tonight, ["a0", "a1", "a2", "a3"], "n2", DateTimeOffset.UnixEpoch.AddDays(1));
        _store.Mark(n2, "history", [new GateMark(n2.Id, "history", "a", "ring8", "w1_exact", nameof(CellVerdict.Regression), 0.001, 1.0)]);

        var table = HistoryTrends.Build(_store, "nightly", last: 10, metric: null);
        Assert.Equal(["n1", "n2"], table.Entries.Select(e => e.Label));
        var w1 = table.Rows.Single(r => r.Key.Metric == "w1_exact");
        Assert.Equal(MetricDirection.LowerIsBetter, w1.Direction);
        // n1: 1.00, 1.01, 1.02, 1.03 → IQM of the middle two; n2: the diverged seed gives no value.
        Assert.Equal(1.015, w1.Points[0].Iqm!.Value, 12);
        Assert.Equal(1.0075, w1.Points[0].LowerQuartile!.Value, 12);
        Assert.Equal((3, true), (w1.Points[1].Seeds, w1.Points[1].GateFired));
        Assert.False(w1.Points[0].GateFired);
        Assert.False(table.Rows.Single(r => r.Key.Metric == "modes_covered").Points[1].GateFired);

        Assert.Equal(["w1_exact"], HistoryTrends.Build(_store, "nightly", 10, "w1_exact").Rows.Select(r => r.Key.Metric));
        Assert.Equal(["n2"], HistoryTrends.Build(_store, "nightly", 1, null).Entries.Select(e => e.Label));
        Assert.NotEqual(n1.Id, n2.Id);
    }

    [Fact]
    public void The_export_has_one_row_per_trial_of_every_run_and_keeps_nan()
    {
        var runs = Seeds("=a", 1.0, 0, 1);
        runs[1] = Run("=a1", "=a", 1, TrialStatus.Diverged, ("w1_exact", double.NaN));
        HistoryImport.Add(_store, Folder("n1", runs), "nightly", runs, ["=a0", "=a1"], "n1", DateTimeOffset.UnixEpoch);
        string csv = Path.Combine(_dir, "export", "history.csv");

        Assert.Equal(2, HistoryExport.Write(_store, csv));
        var lines = File.ReadAllLines(csv);
        Assert.Equal(string.Join(",", [.. HistoryExport.LeadingColumns, "modes_covered", "w1_exact"]), lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("n1,1970-01-01T00:00:00Z,nightly,", lines[1]);
        // Text that a spreadsheet would run as a formula is escaped, as in runs.csv.
        Assert.Contains(",\"'=a0\",\"'=a\",ring8,0,ok,2000,12.5,1.25,,cuda:0,", lines[1]);
        Assert.EndsWith(",diverged,2000,12.5,1.25,diverged at step 3,cuda:0,libtorch=2.10.0; build=cuda; cuda=12.8; gpu=NVIDIA H200,ganbench=0.9.0+src.0123456789ab; smoothed_ns=MyLosses.dll#abcdefabcdef,,NaN", lines[2]);
    }
}
