using GanBench.Core.Results;
using GanBench.History;
using Microsoft.Data.Sqlite;

namespace GanBench.Core.Tests.History;

public sealed class HistoryStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ganbench-history-" + Guid.NewGuid().ToString("N"));
    private string StorePath => Path.Combine(_dir, "h", "history.sqlite");
    private static readonly DateTimeOffset Night = new(2026, 11, 30, 2, 17, 0, TimeSpan.Zero);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    internal static RunRecord Run(string id, string arm, int seed, TrialStatus status, params (string Name, double? Value)[] metrics) => new()
    {
        Trial = new TrialRecord(id, arm, "ring8", seed, status, metrics.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal)),
        Experiment = "nightly",
        Steps = 2000,
        WallSeconds = 12.5,
        EvalSeconds = 1.25,
        Message = status == TrialStatus.Ok ? "" : "diverged at step 3",
        Platform = new RunPlatform("cuda:0", "libtorch=2.10.0; build=cuda; cuda=12.8; gpu=NVIDIA H200"),
        Implementation = "ganbench=0.9.0+src.0123456789ab; smoothed_ns=MyLosses.dll#abcdefabcdef",
    };

    [Fact]
    public void A_run_reads_back_as_it_was_added_with_nan_null_and_infinity_kept_apart()
    {
        var runs = new[]
        {
            Run("t1", "wgan_gp", 0, TrialStatus.Ok, ("w1_exact", 0.25), ("reverse_kl", null), ("g_grad_norm", double.PositiveInfinity)),
            Run("t2", "wgan_gp", 1, TrialStatus.Diverged, ("w1_exact", double.NaN), ("reverse_kl", -0.0)),
        };
        HistoryEntry added;
        using (var store = HistoryStore.Open(StorePath, create: true))
            added = store.Add("3fa2c91", "nightly", Night, "results/n1", "ci-gpu-1", "fp1", runs);

        using var reopened = HistoryStore.Open(StorePath, create: false);
        var entry = Assert.Single(reopened.Entries());
        Assert.Equal(added, entry);
        Assert.Equal(("3fa2c91", "nightly", Night, "ganbench=0.9.0+src.0123456789ab".Split('=')[1], 2), (entry.Label, entry.Experiment, entry.AddedUtc, entry.GanBench, entry.Trials));
        var back = reopened.Runs(entry);
        Assert.Equal(runs.Select(r => (r.Trial.TrialId, r.Trial.Arm, r.Trial.Dataset, r.Trial.Seed, r.Trial.Status, r.Steps, r.WallSeconds, r.EvalSeconds, r.Message, r.Platform, r.Implementation)),
            back.Select(r => (r.Trial.TrialId, r.Trial.Arm, r.Trial.Dataset, r.Trial.Seed, r.Trial.Status, r.Steps, r.WallSeconds, r.EvalSeconds, r.Message, r.Platform, r.Implementation)));
        Assert.Equal(0.25, back[0].Trial.Metrics["w1_exact"]);
        Assert.Null(back[0].Trial.Metrics["reverse_kl"]);
        Assert.Equal(double.PositiveInfinity, back[0].Trial.Metrics["g_grad_norm"]);
        Assert.True(back[1].Trial.Metrics["w1_exact"] is double nan && double.IsNaN(nan));
        Assert.Equal(0.0, back[1].Trial.Metrics["reverse_kl"]);
    }

    [Fact]
    public void The_same_sweep_is_added_once_and_a_label_once_per_experiment()
    {
        using var store = HistoryStore.Open(StorePath, create: true);
        store.Add("n1", "nightly", Night, "results/n1", "m", "fp1", [Run("t1", "a", 0, TrialStatus.Ok, ("w1_exact", 1.0))]);

        var again = Assert.Throws<HistoryException>(() => store.Add("n2", "nightly", Night, "results/copy", "m", "fp1", [Run("t1", "a", 0, TrialStatus.Ok)]));
        Assert.Contains("already in", again.Message);
        Assert.Contains("'n1'", again.Message);
        var label = Assert.Throws<HistoryException>(() => store.Add("n1", "nightly", Night, "results/n2", "m", "fp2", [Run("t1", "a", 0, TrialStatus.Ok)]));
        Assert.Contains("label 'n1' is already used", label.Message);
        // Another experiment may use the label.
        store.Add("n1", "other", Night, "results/o1", "m", "fp3", [Run("t1", "a", 0, TrialStatus.Ok)]);
        Assert.Equal(2, store.Entries().Count);
        Assert.Single(store.Entries("nightly"));
    }

    [Fact]
    public void A_failed_add_leaves_nothing_behind()
    {
        using var store = HistoryStore.Open(StorePath, create: true);
        // Two rows for one trial break the primary key half-way through the insert.
        Assert.Throws<SqliteException>(() => store.Add("n1", "nightly", Night, "results/n1", "m", "fp1",
            [Run("t1", "a", 0, TrialStatus.Ok, ("w1_exact", 1.0)), Run("t1", "a", 0, TrialStatus.Ok, ("w1_exact", 1.0))]));
        Assert.Empty(store.Entries());
        var entry = store.Add("n1", "nightly", Night, "results/n1", "m", "fp1", [Run("t1", "a", 0, TrialStatus.Ok, ("w1_exact", 1.0))]);
        Assert.Single(store.Runs(entry));
    }

    [Fact]
    public void Files_that_are_not_a_history_are_refused_with_one_line()
    {
        var missing = Assert.Throws<HistoryException>(() => HistoryStore.Open(StorePath, create: false));
        Assert.Contains("no history file yet", missing.Message);
        Assert.False(File.Exists(StorePath));

        Directory.CreateDirectory(_dir);
        string text = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(text, "not a database at all, just some text that is long enough to have a header........");
        var notSqlite = Assert.Throws<HistoryException>(() => HistoryStore.Open(text, create: false));
        Assert.Contains("cannot be used as a GanBench history", notSqlite.Message);
        Assert.DoesNotContain("\n", notSqlite.Message);

        string other = Path.Combine(_dir, "other.sqlite");
        using (var db = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            db.Open();
            using var create = db.CreateCommand();
            create.CommandText = "CREATE TABLE x (a INTEGER)";
            create.ExecuteNonQuery();
        }
        Assert.Contains("not a GanBench history", Assert.Throws<HistoryException>(() => HistoryStore.Open(other, create: true)).Message);

        using (HistoryStore.Open(StorePath, create: true)) { }
        using (var db = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            db.Open();
            using var bump = db.CreateCommand();
            bump.CommandText = "UPDATE meta SET value = '99' WHERE key = 'schema_version'";
            bump.ExecuteNonQuery();
        }
        Assert.Contains("schema version 99", Assert.Throws<HistoryException>(() => HistoryStore.Open(StorePath, create: false)).Message);
        Assert.Contains("is a folder", Assert.Throws<HistoryException>(() => HistoryStore.Open(_dir, create: true)).Message);
    }

    [Fact]
    public void Gate_marks_replace_those_of_the_same_reference_and_keep_others()
    {
        using var store = HistoryStore.Open(StorePath, create: true);
        var entry = store.Add("n1", "nightly", Night, "results/n1", "m", "fp1", [Run("t1", "a", 0, TrialStatus.Ok, ("w1_exact", 1.0))]);
        store.Mark(entry, "history:last 7", [new GateMark(entry.Id, "history:last 7", "a", "ring8", "w1_exact", "Regression", 0.001, -0.4)]);
        store.Mark(entry, "history:base", [new GateMark(entry.Id, "history:base", "a", "ring8", "w1_exact", "NoChange", 0.5, double.NaN)]);
        store.Mark(entry, "history:last 7", [new GateMark(entry.Id, "history:last 7", "a", "ring8", "w1_exact", "NoChange", 0.2, 0.01)]);

        var marks = store.Marks("nightly");
        Assert.Equal(2, marks.Count);
        Assert.Equal("NoChange", marks.Single(m => m.Reference == "history:last 7").Verdict);
        Assert.Null(marks.Single(m => m.Reference == "history:base").RelativeChange);
        Assert.Empty(store.Marks("other"));
    }
}
