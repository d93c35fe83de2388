using GanBench.Core.Results;

namespace GanBench.Cli.Tests.History;

/// <summary>`history add | show | export | rebuild` and `compare --against history…` through the command line, in process.</summary>
public sealed class HistoryCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-history-cli-").FullName;
    private string History => Path.Combine(_dir, "history.sqlite");
    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    private static void AssertOneLineError((int Code, string Out, string Err) result, string expected)
    {
        Assert.True(result.Code == 2, $"exit {result.Code}: {result.Out}{result.Err}");
        Assert.Contains(expected, result.Err);
        Assert.All(result.Err.TrimEnd().Split('\n'), line => Assert.StartsWith("error: ", line));
        Assert.DoesNotContain("   at ", result.Err);
    }

    /// <summary>The tiny sweep, and a copy whose timings differ: another night of the same code.</summary>
    private (string First, string Second) TwoNights()
    {
        string first = Path.Combine(_dir, "night1");
        var run = Cli("run", SweepFixtures.Tiny, "--out", first, "--jobs", "1", "--plain");
        Assert.True(run.Code == 0, run.Err);
        string second = Path.Combine(_dir, "night2");
        Directory.CreateDirectory(second);
        File.Copy(Path.Combine(first, ResultsDirectory.ResolvedConfigFile), Path.Combine(second, ResultsDirectory.ResolvedConfigFile));
        var lines = File.ReadAllLines(Path.Combine(first, ResultsDirectory.RunsFile));
        var wall = Array.IndexOf(lines[0].Split(','), "wall_seconds");
        File.WriteAllLines(Path.Combine(second, ResultsDirectory.RunsFile), lines.Select((line, i) =>
        {
            if (i == 0) return line;
            var cells = line.Split(',');
            cells[wall] = "9.5";
            return string.Join(",", cells);
        }));
        return (first, second);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Added_nights_show_export_and_rebuild_into_the_same_history()
    {
        var (first, second) = TwoNights();
        var add1 = Cli("history", "add", first, "--label", "night1", "--history", History);
        Assert.True(add1.Code == 0, add1.Err);
        Assert.Contains("as 'night1': experiment tiny, 6 trial(s)", add1.Out);
        Assert.True(Cli("history", "add", second, "--label", "night2", "--history", History).Code == 0);
        AssertOneLineError(Cli("history", "add", second, "--label", "night3", "--history", History), "already in");

        var gate = Cli("compare", second, "--against", "history", "--history", History);
        Assert.True(gate.Code == 0, gate.Err);
        Assert.Contains("reference: history:last 1 (run 'night1'", gate.Out);
        Assert.Contains("recorded the verdicts on 'night2'", gate.Out);

        var show = Cli("history", "show", "--history", History, "--plots", Path.Combine(_dir, "plots"));
        Assert.True(show.Code == 0, show.Err);
        Assert.Contains("tiny: the last 2 run(s), oldest first", show.Out);
        Assert.Matches(@"non_saturating\s+ring8\s+w1_exact ↓\s+[0-9.]+\s+[0-9.]+", show.Out);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_dir, "plots"), "history_*.png"));

        string csv = Path.Combine(_dir, "history.csv");
        var export = Cli("history", "export", csv, "--history", History);
        Assert.True(export.Code == 0, export.Err);
        Assert.Equal(13, File.ReadAllLines(csv).Length);
        Assert.Equal(6, File.ReadAllLines(csv).Count(l => l.Contains(",9.5,", StringComparison.Ordinal)));

        // Rebuilt from the folders (given newest first), the history has the same runs in the same order, verdicts included.
        AssertOneLineError(Cli("history", "rebuild", second, first, "--history", History), "exists");
        string rebuilt = Path.Combine(_dir, "rebuilt.sqlite");
        var rebuild = Cli("history", "rebuild", second, first, "--history", rebuilt);
        Assert.True(rebuild.Code == 0, rebuild.Err);
        Assert.Contains("oldest first: 'night1', 'night2'", rebuild.Out);
        string again = Path.Combine(_dir, "again.csv");
        Assert.True(Cli("history", "export", again, "--history", rebuilt).Code == 0);
        Assert.Equal(File.ReadAllText(csv), File.ReadAllText(again));
        var showRebuilt = Cli("history", "show", "--history", rebuilt, "--plots", Path.Combine(_dir, "plots2"));
        Assert.Equal(show.Out.Split('\n').SkipLast(2), showRebuilt.Out.Split('\n').SkipLast(2));
    }

    [Fact]
    public void Bad_history_input_is_one_line_and_exit_2()
    {
        AssertOneLineError(Cli("history", "show", "--history", History), "no history file yet");
        Assert.False(File.Exists(History));
        AssertOneLineError(Cli("history", "add", _dir, "--history", History), "has no runs.csv");
        AssertOneLineError(Cli("history", "add", _dir, "--label", "last 3", "--history", History), "would read as 'last N'");
        AssertOneLineError(Cli("history", "add", _dir, "--label", " x", "--history", History), "without leading or trailing spaces");
        AssertOneLineError(Cli("history", "show", "--last", "0", "--history", History), "--last '0' must be a whole number ≥ 1");
        AssertOneLineError(Cli("history", "export", _dir, "--history", History), "is a folder");
        AssertOneLineError(Cli("history"), "expected 'add' or 'show' or 'export' or 'rebuild'");
        AssertOneLineError(Cli("history", "shw"), "did you mean");
        AssertOneLineError(Cli("compare", _dir, "--against", _dir, "--history", History), "--history goes with --against history");
        AssertOneLineError(Cli("compare", _dir, "--baseline", "a", "--pass-without-history"), "--pass-without-history goes with --against history");
        AssertOneLineError(Cli("compare", _dir, "--against", "history:last 0", "--history", History), "'last' needs a whole number ≥ 1");
        File.WriteAllText(History, "not a database");
        AssertOneLineError(Cli("history", "show", "--history", History), "cannot be used as a GanBench history");
        Assert.Equal("not a database", File.ReadAllText(History));
    }
}
