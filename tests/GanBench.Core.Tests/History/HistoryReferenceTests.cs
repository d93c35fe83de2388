using GanBench.Core.Results;
using GanBench.History;
using static GanBench.Core.Tests.History.HistoryStoreTests;

namespace GanBench.Core.Tests.History;

public sealed class HistoryReferenceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ganbench-history-" + Guid.NewGuid().ToString("N"));
    private readonly HistoryStore _store;

    public HistoryReferenceTests() => _store = HistoryStore.Open(Path.Combine(_dir, "history.sqlite"), create: true);

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private void Night(string label, string fingerprint, double w1, params int[] seeds) =>
        _store.Add(label, "nightly", DateTimeOffset.UnixEpoch.AddDays(_store.Entries().Count), $"results/{label}", "m", fingerprint,
            seeds.Select(s => Run($"t{s}", "a", s, TrialStatus.Ok, ("w1_exact", w1 + s))).ToList());

    [Theory]
    [InlineData("history", null, 1)]
    [InlineData("history:last 7", null, 7)]
    [InlineData("history:last  12", null, 12)]
    [InlineData("history:3fa2c91", "3fa2c91", 0)]
    [InlineData("history:lastnight", "lastnight", 0)]
    public void References_parse(string text, string? label, int last)
    {
        Assert.True(HistoryReference.Names(text));
        Assert.Equal(new HistoryReference(label, last), HistoryReference.Parse(text));
    }

    [Theory]
    [InlineData("history:")]
    [InlineData("history:last")]
    [InlineData("history:last 0")]
    [InlineData("history:last -2")]
    [InlineData("history:last 2x")]
    public void Bad_references_are_refused(string text) => Assert.Throws<HistoryException>(() => HistoryReference.Parse(text));

    [Fact]
    public void Folders_are_not_history_references()
    {
        Assert.False(HistoryReference.Names("results/history"));
        Assert.False(HistoryReference.Names("historyfolder"));
    }

    [Fact]
    public void Last_n_takes_each_trial_once_from_the_latest_run_that_holds_it()
    {
        Night("n1", "f1", 10.0, 0, 1);
        Night("n2", "f2", 20.0, 0, 1, 2);
        Night("n3", "f3", 30.0, 1);
        var (runs, entries, note) = HistoryReference.Parse("history:last 2").Resolve(_store, "nightly", "candidate");
        Assert.Equal(["n2", "n3"], entries.Select(e => e.Label));
        Assert.Null(note);
        // t1 from n3 (latest), t0 and t2 from n2; nothing from n1, and no trial twice.
        Assert.Equal([("t0", 20.0), ("t1", 31.0), ("t2", 22.0)],
            runs.Select(r => (r.Trial.TrialId, r.Trial.Metrics["w1_exact"]!.Value)).OrderBy(p => p.TrialId));
    }

    [Fact]
    public void The_candidate_is_never_its_own_reference()
    {
        Night("n1", "f1", 10.0, 0);
        Night("n2", "tonight", 20.0, 0);
        var (runs, entries, note) = HistoryReference.Parse("history").Resolve(_store, "nightly", "tonight");
        Assert.Equal("n1", Assert.Single(entries).Label);
        Assert.Equal(10.0, Assert.Single(runs).Trial.Metrics["w1_exact"]);
        Assert.Contains("left out of the reference", note);

        var alone = Assert.Throws<HistoryException>(() => HistoryReference.Parse("history:n2").Resolve(_store, "nightly", "tonight"));
        Assert.Contains("no run labelled 'n2'", alone.Message);
    }

    [Fact]
    public void Labels_are_found_with_suggestions_and_an_empty_history_says_what_to_do()
    {
        Assert.Contains("on the first night there is nothing to compare with",
            Assert.Throws<NoEarlierRunException>(() => HistoryReference.Parse("history").Resolve(_store, "nightly", "x")).Message);
        Night("3fa2c91", "f1", 10.0, 0);
        Night("9bc1d2e", "f2", 20.0, 0);
        var (runs, _, _) = HistoryReference.Parse("history:3fa2c91").Resolve(_store, "nightly", "x");
        Assert.Equal(10.0, Assert.Single(runs).Trial.Metrics["w1_exact"]);
        Assert.Contains("did you mean '3fa2c91'", Assert.Throws<HistoryException>(() => HistoryReference.Parse("history:3fa2c9").Resolve(_store, "nightly", "x")).Message);
        Assert.Contains("holds no earlier run of experiment 'other'", Assert.Throws<NoEarlierRunException>(() => HistoryReference.Parse("history").Resolve(_store, "other", "x")).Message);
    }

    [Fact]
    public void Asking_for_more_runs_than_there_are_says_so()
    {
        Night("n1", "f1", 10.0, 0);
        var (_, entries, note) = HistoryReference.Parse("history:last 5").Resolve(_store, "nightly", "x");
        Assert.Single(entries);
        Assert.Contains("asked for the last 5 runs, the history holds 1", note);
    }
}
