using System.Text.Json;
using GanBench.Core.Results;
using MathNet.Numerics.Distributions;

namespace GanBench.Cli.Tests;

/// <summary>`compare --against` with the trial-steps per second of runs.csv: the throughput section,
/// exit 3 on a slower arm, the switch that turns it off, and its options' errors.</summary>
public sealed class CompareThroughputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-throughput-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    private const int Steps = 2000;

    /// <summary>A results folder: every arm on ring8, ten seeds, the same metric values everywhere, and
    /// rates at the normal quantiles around 250 steps/s (3% spread), divided by the arm's slowdown.</summary>
    private string Folder(string name, string[] arms, Func<string, double>? slowdown = null, RunPlatform? platform = null)
    {
        var root = Path.Combine(_dir, name);
        Directory.CreateDirectory(root);
        var writer = new RunsCsvWriter(Path.Combine(root, ResultsDirectory.RunsFile), [], ["w1_exact"]);
        foreach (var arm in arms)
        for (int seed = 0; seed < 10; seed++)
        {
            double z = Normal.InvCDF(0, 1, (seed + 0.5) / 10);
            double rate = 250.0 * (1.0 + 0.03 * z) / (slowdown?.Invoke(arm) ?? 1.0);
            writer.Append(new RunRecord
            {
                Trial = new TrialRecord($"{arm}-ring8-s{seed}", arm, "ring8", seed, TrialStatus.Ok, new Dictionary<string, double?> { ["w1_exact"] = 0.5 + 0.05 * z }),
                Steps = Steps,
                WallSeconds = Steps / rate,
                Platform = platform ?? RunPlatform.Unknown,
            });
        }
        return root;
    }

    private (string Tonight, string Reference) MinimaxSlowerBy(double slowdown) =>
        (Folder("tonight", ["wgan_gp", "minimax"], arm => arm == "minimax" ? slowdown : 1.0), Folder("reference", ["wgan_gp", "minimax"]));

    private static JsonElement Json(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "compare.json"))).RootElement;

    [Fact]
    public void Runs_on_different_platforms_are_not_compared_for_speed_and_the_note_says_why()
    {
        var gpu = new RunPlatform("cuda:0", "libtorch=2.10.0; build=cuda; cuda=12.8; gpu=NVIDIA H200");
        var cpu = new RunPlatform("cpu", "libtorch=2.10.0; build=cpu; cuda=none; gpu=none");
        string tonight = Folder("tonight", ["minimax"], _ => 3.0, cpu), reference = Folder("reference", ["minimax"], platform: gpu);

        var (code, stdout, stderr) = Cli("compare", tonight, "--against", reference);

        Assert.True(code == 0, stderr);
        Assert.Contains("throughput: not compared, the candidate ran on cpu (libtorch=2.10.0; build=cpu; cuda=none; gpu=none), the reference on cuda:0", stdout);
        Assert.Equal(JsonValueKind.Null, Json(tonight).GetProperty("throughput").ValueKind);

        // The same platform on both sides: the three times slower arm fails the gate.
        string same = Folder("same", ["minimax"], platform: cpu);
        Assert.Equal(3, Cli("compare", tonight, "--against", same).Code);
    }

    [Fact]
    public void A_20_percent_slower_arm_exits_3_with_every_metric_unchanged()
    {
        var (tonight, reference) = MinimaxSlowerBy(1.25);

        var (code, stdout, stderr) = Cli("compare", tonight, "--against", reference);

        Assert.Equal(3, code);
        Assert.Equal("", stderr);
        Assert.EndsWith("gate: FAIL, regression found; 2 cell(s): 0 regression, 0 improvement, 2 no change, 0 underpowered; " +
                        "throughput: 2 cell(s): 1 regression, 0 improvement, 1 no change, 0 underpowered", stdout.TrimEnd());
        var throughput = Json(tonight).GetProperty("throughput");
        Assert.Equal(1.1, throughput.GetProperty("factor").GetDouble());
        Assert.Equal(0.002, throughput.GetProperty("p_threshold").GetDouble());
        var slower = Assert.Single(throughput.GetProperty("cells").EnumerateArray(), c => c.GetProperty("verdict").GetString() == "regression");
        Assert.Equal("minimax", slower.GetProperty("arm").GetString());
        Assert.Equal(0.8, slower.GetProperty("ratio").GetDouble(), 4);
        var markdown = File.ReadAllText(Path.Combine(tonight, "compare.md"));
        Assert.Contains("## Throughput", markdown);
        Assert.Matches(@"\| ring8 \| minimax \| 10/10 \| 200 \| 250 \| 0\.8 \| 1\.25× \| [0-9.Ee+-]+ \| regression \|", markdown);
    }

    [Fact]
    public void No_throughput_compares_the_metrics_only_and_says_so()
    {
        var (tonight, reference) = MinimaxSlowerBy(1.25);

        var (code, stdout, stderr) = Cli("compare", tonight, "--against", reference, "--no-throughput");

        Assert.True(code == 0, stderr);
        Assert.Contains("note: throughput: not compared (--no-throughput)", stdout);
        Assert.Equal(JsonValueKind.Null, Json(tonight).GetProperty("throughput").ValueKind);
        Assert.DoesNotContain("## Throughput", File.ReadAllText(Path.Combine(tonight, "compare.md")));
    }

    [Fact]
    public void The_factor_and_p_options_reach_the_rule()
    {
        var (tonight, reference) = MinimaxSlowerBy(1.25);

        var wider = Cli("compare", tonight, "--against", reference, "--throughput-factor", "1.3");
        var factor = Json(tonight).GetProperty("throughput").GetProperty("factor").GetDouble();
        var stricter = Cli("compare", tonight, "--against", reference, "--throughput-p", "1e-6");

        Assert.True(wider.Code == 0, wider.Err);
        Assert.Equal(1.3, factor);
        Assert.True(stricter.Code == 0, stricter.Err);
        Assert.Equal(1e-6, Json(tonight).GetProperty("throughput").GetProperty("p_threshold").GetDouble());
    }

    [Fact]
    public void Against_a_baseline_arm_throughput_is_not_compared()
    {
        var run = Folder("run", ["wgan_gp", "minimax"], arm => arm == "minimax" ? 2.0 : 1.0);

        var (code, stdout, stderr) = Cli("compare", run, "--baseline", "wgan_gp", "--fail-on-regression");

        Assert.True(code == 0, stderr);
        Assert.Contains("note: throughput: not compared against a baseline arm, whose arms differ in cost by design", stdout);
        Assert.Equal(JsonValueKind.Null, Json(run).GetProperty("throughput").ValueKind);
    }

    [Theory]
    [InlineData("--throughput-factor 0.9", "error: compare: --throughput-factor '0.9' must be a number ≥ 1, e.g. 1.1 (10% slower)")]
    [InlineData("--throughput-factor fast", "error: compare: --throughput-factor 'fast' must be a number ≥ 1, e.g. 1.1 (10% slower)")]
    [InlineData("--throughput-p 0", "error: compare: --throughput-p '0' must be a number between 0 and 1, e.g. 0.002")]
    [InlineData("--throughput-p 1.5", "error: compare: --throughput-p '1.5' must be a number between 0 and 1, e.g. 0.002")]
    [InlineData("--no-throughput --throughput-p 0.01", "error: compare: --no-throughput and --throughput-p exclude each other")]
    public void A_bad_throughput_option_is_one_line_and_exit_2(string options, string line)
    {
        var (tonight, reference) = MinimaxSlowerBy(1.0);

        var (code, stdout, stderr) = Cli(["compare", tonight, "--against", reference, .. options.Split(' ')]);

        Assert.Equal((2, "", line), (code, stdout, stderr.TrimEnd()));
        Assert.False(File.Exists(Path.Combine(tonight, "compare.json")), "bad input writes nothing");
    }

    [Fact]
    public void A_throughput_option_with_a_baseline_arm_is_exit_2()
    {
        var run = Folder("run", ["wgan_gp", "minimax"]);

        var (code, _, stderr) = Cli("compare", run, "--baseline", "wgan_gp", "--no-throughput");

        Assert.Equal(2, code);
        Assert.Equal("error: compare: --no-throughput goes with --against; arms against a baseline arm are not compared for throughput (they differ in cost by design)", stderr.TrimEnd());
    }
}
