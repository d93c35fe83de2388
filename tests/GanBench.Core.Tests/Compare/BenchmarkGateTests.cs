using System.Text.Json.Nodes;
using GanBench.Core.Compare;

namespace GanBench.Core.Tests.Compare;

/// <summary>BenchmarkDotNet reports: the real report of one run (WassersteinExact, N = 1024, 2048, 4096,
/// 10 iterations, in process; see Fixtures/benchmarkdotnet/README.md), read and compared with itself
/// and with a copy in which one case was made slower.</summary>
public class BenchmarkGateTests
{
    private const string FixtureName = "GanBench.Benchmarks.WassersteinExactBenchmarks-report-full.json";
    private const string N2048 = "GanBench.Benchmarks.WassersteinExactBenchmarks.Exact(N: 2048)";
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "benchmarkdotnet", FixtureName);

    private static string FixtureText => File.ReadAllText(FixturePath);

    private static BenchmarkReport Read(string text, string source = "report.json") => BenchmarkDotNetJson.Parse(text, source);

    /// <summary>The fixture with every time of one case multiplied, in both places BenchmarkDotNet writes it.</summary>
    private static string Slowed(string benchmark, double factor)
    {
        var root = JsonNode.Parse(FixtureText)!;
        var target = root["Benchmarks"]!.AsArray().Single(b => (string)b!["FullName"]! == benchmark)!;
        var values = target["Statistics"]!["OriginalValues"]!.AsArray();
        for (int i = 0; i < values.Count; i++) values[i] = (double)values[i]! * factor;
        foreach (var m in target["Measurements"]!.AsArray()) m!["Nanoseconds"] = (double)m!["Nanoseconds"]! * factor;
        return root.ToJsonString();
    }

    [Fact]
    public void The_real_report_gives_each_case_its_iteration_times_and_the_machine()
    {
        var report = Read(FixtureText);

        Assert.Equal(["Exact(N: 1024)", "Exact(N: 2048)", "Exact(N: 4096)"], report.Benchmarks.Select(b => b.Name.Split('.').Last()));
        // 10 iterations each; BenchmarkDotNet removed 1 and 2 upper outliers from the smaller sizes.
        Assert.Equal([9, 8, 10], report.Benchmarks.Select(b => b.Nanoseconds.Count));
        Assert.Equal(251011769.49999997, report.Benchmarks[1].Nanoseconds[2]);
        Assert.Equal("AMD EPYC, 2 logical cores, X64", report.Machine);
    }

    [Fact]
    public void Without_statistics_the_workload_result_measurements_give_the_same_times()
    {
        var root = JsonNode.Parse(FixtureText)!;
        foreach (var benchmark in root["Benchmarks"]!.AsArray()) benchmark!.AsObject().Remove("Statistics");

        var fromMeasurements = Read(root.ToJsonString());
        var fromStatistics = Read(FixtureText);

        for (int i = 0; i < 3; i++)
        {
            var expected = fromStatistics.Benchmarks[i].Nanoseconds;
            var actual = fromMeasurements.Benchmarks[i].Nanoseconds;
            Assert.Equal(expected.Count, actual.Count);
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-6));
        }
    }

    [Fact]
    public void A_planted_20_percent_slowdown_of_one_case_fires_and_only_that_case()
    {
        var reference = Read(FixtureText, "old.json");
        var candidate = Read(Slowed(N2048, 1.2), "new.json");

        var result = BenchmarkGate.Compare(candidate, reference, new ThroughputOptions());

        Assert.True(result.GateFires);
        var slower = Assert.Single(result.Cells, c => c.Speed.Verdict == CellVerdict.Regression);
        Assert.Equal(N2048, slower.Name);
        Assert.Equal(1.2, slower.Speed.Ratio, 9);
        // 8 against 8 iterations, completely separated: exact p = 1 / C(16, 8).
        Assert.Equal(1.0 / 12870, slower.Speed.PSlower, 12);
        Assert.All(result.Cells.Where(c => c.Name != N2048), c => Assert.Equal(CellVerdict.NoChange, c.Speed.Verdict));
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void A_report_against_itself_passes_and_a_5_percent_slowdown_stays_below_the_factor()
    {
        var reference = Read(FixtureText);

        var same = BenchmarkGate.Compare(reference, reference, new ThroughputOptions());
        var slightly = BenchmarkGate.Compare(Read(Slowed(N2048, 1.05)), reference, new ThroughputOptions());

        Assert.False(same.GateFires);
        Assert.Equal(3, same.Cells.Count);
        Assert.False(slightly.GateFires);
        Assert.Equal(1.05, slightly.Cells[1].Speed.Slowdown, 9);
        Assert.Equal(CellVerdict.NoChange, slightly.Cells[1].Speed.Verdict);
    }

    [Fact]
    public void Cases_on_one_side_only_are_notes()
    {
        var root = JsonNode.Parse(FixtureText)!;
        root["Benchmarks"]!.AsArray().RemoveAt(0);
        var reference = Read(FixtureText);

        var result = BenchmarkGate.Compare(Read(root.ToJsonString()), reference, new ThroughputOptions());

        Assert.Equal(2, result.Cells.Count);
        Assert.Equal(["GanBench.Benchmarks.WassersteinExactBenchmarks.Exact(N: 1024): only in the reference report"], result.Notes);
    }

    [Theory]
    [InlineData("{ not json", "not JSON")]
    [InlineData("{\"Title\": \"x\"}", "not a BenchmarkDotNet JSON report: it has no \"Benchmarks\" list")]
    [InlineData("{\"Benchmarks\": [{\"Method\": \"M\"}]}", "a benchmark has no \"FullName\"")]
    [InlineData("{\"Benchmarks\": [{\"FullName\": \"A.M\"}, {\"FullName\": \"A.M\"}]}", "benchmark A.M appears 2 times (one per job?)")]
    [InlineData("{\"Benchmarks\": [{\"FullName\": \"A.M\", \"Statistics\": {\"OriginalValues\": [\"x\"]}}]}", "benchmark A.M: \"OriginalValues\" holds String, not a number")]
    public void Text_that_is_not_a_report_says_what_is_wrong(string text, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(text));

        Assert.StartsWith(message, e.Message);
    }
}
