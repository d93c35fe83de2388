using System.Text.Json;
using GanBench.Core.Results;
using MathNet.Numerics.Distributions;

namespace GanBench.Cli.Tests;

/// <summary>`compare` through the command line, in process, on runs.csv files written here: exit codes, files, messages.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-compare-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    private static readonly string[] Metrics = ["w1_exact", "hq_fraction", "g_loss"];

    /// <summary>A results folder with a runs.csv: every arm on ring8, ten seeds, values at the normal
    /// quantiles (the same sample every time), moved by <paramref name="worseBy"/> SD towards worse.</summary>
    private string Folder(string name, string[] arms, Func<string, string, double>? worseBy = null)
    {
        var root = Path.Combine(_dir, name);
        Directory.CreateDirectory(root);
        var writer = new RunsCsvWriter(Path.Combine(root, ResultsDirectory.RunsFile), [], Metrics);
        foreach (var arm in arms)
        for (int seed = 0; seed < 10; seed++)
        {
            double z = Normal.InvCDF(0, 1, (seed + 0.5) / 10);
            var values = Metrics.ToDictionary(m => m, m => (double?)Value(m, z, worseBy?.Invoke(arm, m) ?? 0.0));
            writer.Append(new RunRecord { Trial = new TrialRecord($"{arm}-ring8-s{seed}", arm, "ring8", seed, TrialStatus.Ok, values) });
        }
        return root;
    }

    private static double Value(string metric, double z, double worseBy) => metric switch
    {
        "w1_exact" => 0.5 + 0.05 * (z + worseBy),
        "hq_fraction" => 0.8 + 0.04 * (z - worseBy),
        _ => 0.7 + 0.05 * z,
    };

    private static JsonElement Json(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "compare.json"))).RootElement;

    [Fact]
    public void Compare_two_equal_folders_exits_0_and_writes_both_files()
    {
        var reference = Folder("reference", ["wgan_gp", "minimax"]);
        var tonight = Folder("tonight", ["wgan_gp", "minimax"]);

        var (code, stdout, stderr) = Cli("compare", tonight, "--against", reference);

        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        Assert.EndsWith("gate: pass; 4 cell(s): 0 regression, 0 improvement, 4 no change, 0 underpowered", stdout.TrimEnd());
        Assert.True(File.Exists(Path.Combine(tonight, "compare.md")));
        Assert.Equal("pass", Json(tonight).GetProperty("gate").GetString());
    }

    [Fact]
    public void Compare_a_planted_regression_exits_3_and_names_the_cell()
    {
        var reference = Folder("reference", ["wgan_gp", "minimax"]);
        var tonight = Folder("tonight", ["wgan_gp", "minimax"], (arm, metric) => arm == "minimax" && metric == "w1_exact" ? 3.0 : 0.0);

        var (code, stdout, stderr) = Cli("compare", tonight, "--against", reference);

        Assert.Equal(3, code);
        Assert.Equal("", stderr);
        Assert.Contains("gate: FAIL", stdout);
        var json = Json(tonight);
        Assert.Equal("fail", json.GetProperty("gate").GetString());
        var regressions = json.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("verdict").GetString() == "regression").ToList();
        var only = Assert.Single(regressions);
        Assert.Equal(("minimax", "w1_exact"), (only.GetProperty("arm").GetString(), only.GetProperty("metric").GetString()));
        var markdown = File.ReadAllText(Path.Combine(tonight, "compare.md"));
        Assert.Contains("| ring8 | minimax | w1_exact ↓ |", markdown);
        Assert.Contains("g_loss", markdown); // named under "Not compared": a diagnostic has no worse
    }

    [Fact]
    public void Compare_with_a_missing_folder_is_one_line_and_exit_2()
    {
        var reference = Folder("reference", ["wgan_gp"]);
        var missing = Path.Combine(_dir, "nope");

        foreach (var args in new string[][] { ["compare", missing, "--against", reference], ["compare", reference, "--against", missing] })
        {
            var (code, stdout, stderr) = Cli(args);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Equal($"error: compare: {missing}: no such results folder", stderr.TrimEnd());
        }
    }

    [Theory]
    [InlineData("--alpha", "2", "error: compare: --alpha '2' must be a number between 0 and 1, e.g. 0.01")]
    [InlineData("--correction", "bonferroni", "error: compare: --correction 'bonferroni' is not one of holm, bh")]
    [InlineData("--min-effect", "w1_exact", "error: compare: --min-effect 'w1_exact': 'w1_exact' must be a fraction ≥ 0 such as 0.05")]
    [InlineData("--min-effect", "w1_exakt=0.1", "error: compare: --min-effect names 'w1_exakt', which is not a compared metric (did you mean 'w1_exact'?); compared: hq_fraction, w1_exact")]
    [InlineData("--seed", "x", "error: compare: --seed 'x' must be a whole number ≥ 0")]
    [InlineData("--direction", "w1_exact=higher", "error: compare: --direction w1_exact: the metric catalog already says lower is better; --direction is for metrics it does not rank")]
    public void Compare_with_a_bad_option_is_one_line_and_exit_2(string option, string value, string line)
    {
        var reference = Folder("reference", ["wgan_gp"]);
        var tonight = Folder("tonight", ["wgan_gp"]);

        var (code, stdout, stderr) = Cli("compare", tonight, "--against", reference, option, value);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(line, stderr.TrimEnd());
        Assert.False(File.Exists(Path.Combine(tonight, "compare.json")), "bad input writes nothing");
    }

    [Fact]
    public void Compare_with_an_unknown_baseline_arm_or_without_a_reference_is_exit_2()
    {
        var run = Folder("run", ["wgan_gp", "minimax"]);

        var unknown = Cli("compare", run, "--baseline", "wgan-gp");
        var neither = Cli("compare", run);

        Assert.Equal((2, $"error: compare: --baseline 'wgan-gp' is not an arm of {run} (did you mean 'wgan_gp'?); arms: 'wgan_gp', 'minimax'"), (unknown.Code, unknown.Err.TrimEnd()));
        Assert.Equal(2, neither.Code);
        Assert.StartsWith("error: compare: say what to compare with", neither.Err);
    }

    [Fact]
    public void Compare_arms_with_a_baseline_exits_3_on_a_worse_arm_only_with_fail_on_regression()
    {
        var run = Folder("run", ["wgan_gp", "minimax"], (arm, metric) => arm == "minimax" && metric == "w1_exact" ? 3.0 : 0.0);

        var informative = Cli("compare", run, "--baseline", "wgan_gp");
        var failing = Cli("compare", run, "--baseline", "wgan_gp", "--fail-on-regression");

        Assert.True(informative.Code == 0, informative.Err);
        Assert.Contains("gate: pass (arms worse than the baseline do not fail without --fail-on-regression)", informative.Out);
        Assert.Equal(3, failing.Code);
        Assert.Equal("wgan_gp", Json(run).GetProperty("baseline_arm").GetString());
    }

    [Fact]
    public void Compare_help_lists_its_options_and_the_exit_code_of_a_regression()
    {
        var (code, stdout, _) = Cli("compare", "--help");

        Assert.Equal(0, code);
        foreach (var text in new[] { "<results>", "--against <REFERENCE>", "--history <FILE>", "--pass-without-history", "--baseline <ARM>", "--alpha", "--correction", "--min-effect", "--direction", "--seed", "--fail-on-regression", "--throughput-factor", "--throughput-p", "--no-throughput" })
            Assert.Contains(text, stdout);
        // The footer wraps at the console's width.
        Assert.Contains("3 compare or compare-bench found a regression", string.Join(' ', stdout.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Compare_hands_every_option_to_the_gate()
    {
        var reference = Folder("reference", ["wgan_gp"]);
        var tonight = Folder("tonight", ["wgan_gp"]);

        var (code, _, stderr) = Cli("compare", tonight, "--against", reference, "--alpha", "0.05", "--correction", "bh",
            "--min-effect", "w1_exact=0.1", "--min-effect", "0.02", "--seed", "7");

        Assert.True(code == 0, stderr);
        var options = Json(tonight).GetProperty("options");
        Assert.Equal(0.05, options.GetProperty("alpha").GetDouble());
        Assert.Equal("bh", options.GetProperty("correction").GetString());
        Assert.Equal(0.02, options.GetProperty("min_effect").GetDouble());
        Assert.Equal(0.1, options.GetProperty("min_effect_per_metric").GetProperty("w1_exact").GetDouble());
        Assert.Equal(7, options.GetProperty("seed").GetInt32());
        Assert.True(options.GetProperty("regressions_fail").GetBoolean());
    }
}
