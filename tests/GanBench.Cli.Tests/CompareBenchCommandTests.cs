using System.Text.Json.Nodes;

namespace GanBench.Cli.Tests;

/// <summary>`compare-bench` on the real BenchmarkDotNet report that Core's tests read (WassersteinExact,
/// 3 cases, 8–10 iterations each) and on copies of it: exit codes, the table, one-line errors.</summary>
public sealed class CompareBenchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-compare-bench-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "benchmarkdotnet",
        "GanBench.Benchmarks.WassersteinExactBenchmarks-report-full.json");

    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    /// <summary>A copy of the fixture, changed by <paramref name="edit"/>.</summary>
    private string Copy(string name, Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(Fixture))!;
        edit(root);
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private static void Slow(JsonNode root, string parameters, double factor)
    {
        var benchmark = root["Benchmarks"]!.AsArray().Single(b => (string)b!["Parameters"]! == parameters)!;
        var values = benchmark["Statistics"]!["OriginalValues"]!.AsArray();
        for (int i = 0; i < values.Count; i++) values[i] = (double)values[i]! * factor;
    }

    [Fact]
    public void A_slower_case_exits_3_and_is_the_only_regression_in_the_table()
    {
        var tonight = Copy("new.json", root => Slow(root, "N=2048", 1.25));

        var (code, stdout, stderr) = Cli("compare-bench", tonight, "--against", Fixture);

        Assert.Equal(3, code);
        Assert.Equal("", stderr);
        Assert.EndsWith("gate: FAIL, slower benchmark found; 3 cell(s): 1 regression, 0 improvement, 2 no change, 0 underpowered", stdout.TrimEnd());
        var regression = Assert.Single(stdout.Split('\n'), l => l.TrimEnd().EndsWith(" regression", StringComparison.Ordinal));
        Assert.Contains("Exact(N: 2048)", regression);
        Assert.Contains("1.25×", regression);
        Assert.Contains("machine: AMD EPYC, 2 logical cores, X64", stdout);
    }

    [Fact]
    public void A_report_against_itself_passes()
    {
        var (code, stdout, stderr) = Cli("compare-bench", Fixture, "--against", Fixture);

        Assert.True(code == 0, stderr);
        Assert.EndsWith("gate: pass; 3 cell(s): 0 regression, 0 improvement, 3 no change, 0 underpowered", stdout.TrimEnd());
    }

    [Fact]
    public void Reports_from_different_machines_are_refused_unless_asked()
    {
        var other = Copy("other.json", root => root["HostEnvironmentInfo"]!["ProcessorName"] = "Intel Xeon");

        var refused = Cli("compare-bench", other, "--against", Fixture);
        var asked = Cli("compare-bench", other, "--against", Fixture, "--any-machine");

        Assert.Equal((2, $"error: compare-bench: {other} ran on Intel Xeon, 2 logical cores, X64, {Fixture} on AMD EPYC, 2 logical cores, X64: " +
                         "times from different machines do not compare (--any-machine compares them anyway)"), (refused.Code, refused.Err.TrimEnd()));
        Assert.True(asked.Code == 0, asked.Err);
        Assert.Contains("the reference ran on AMD EPYC", asked.Out);
    }

    [Fact]
    public void A_missing_or_foreign_file_is_one_line_naming_it_and_exit_2()
    {
        var missing = Path.Combine(_dir, "nope.json");
        var csv = Path.Combine(_dir, "report.csv");
        File.WriteAllText(csv, "Method,N,Mean\nExact,1024,85 ms\n");

        var absent = Cli("compare-bench", missing, "--against", Fixture);
        var foreign = Cli("compare-bench", Fixture, "--against", csv);

        Assert.Equal((2, "", $"error: compare-bench: {missing}: no such file"), (absent.Code, absent.Out, absent.Err.TrimEnd()));
        Assert.Equal(2, foreign.Code);
        Assert.StartsWith($"error: compare-bench: {csv}: not JSON (", foreign.Err);
        Assert.Single(foreign.Err.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("", "error: compare-bench: say what to compare with: --against OLD.json (the reference run's BenchmarkDotNet report)")]
    [InlineData("--against REF --throughput-factor 0.5", "error: compare-bench: --throughput-factor '0.5' must be a number ≥ 1, e.g. 1.1 (10% slower)")]
    [InlineData("--against REF --throughput-p -1", "error: compare-bench: --throughput-p '-1' must be a number between 0 and 1, e.g. 0.002")]
    public void A_bad_option_is_one_line_and_exit_2(string options, string line)
    {
        var args = options.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a == "REF" ? Fixture : a);

        var (code, stdout, stderr) = Cli(["compare-bench", Fixture, .. args]);

        Assert.Equal((2, "", line), (code, stdout, stderr.TrimEnd()));
    }
}
