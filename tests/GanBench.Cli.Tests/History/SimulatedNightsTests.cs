using System.Diagnostics;
using System.Globalization;
using GanBench.Cli.Tests.Survival;

namespace GanBench.Cli.Tests.History;

/// <summary>
/// The nightly loop end to end on the CPU, as the workflow runs it: the sweep, then tools/nightly-gate.sh
/// (`history add`, the gate against the last nights, the baseline comparison, the trend, the summary). Three nights with fresh seeds each: two of unchanged code, then one whose
/// wgan_gp arm is broken (a learning rate of 5, as a bug in an optimizer would make it). The gate must
/// pass, pass, then fail on exactly the broken arm, and `history show` must mark where it fired.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SimulatedNightsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-nights-").FullName;
    private string History => Path.Combine(_dir, "history.sqlite");
    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    /// <summary>Seven seeds per arm and night: with two nights of reference (14 seeds) a separated cell reaches
    /// p ≈ 1e-5, far below alpha = 0.01 after Holm over the 8 cells, while seven fresh seeds of unchanged code stay quiet.</summary>
    private string Night(int night, double gpLearningRate)
    {
        var seeds = Enumerable.Range(7 * (night - 1), 7).Select(s => s.ToString(CultureInfo.InvariantCulture));
        string file = Path.Combine(_dir, $"night{night}.yaml");
        File.WriteAllText(file, $$"""
            name: nightly
            device: cpu
            baseline: ns
            seeds: [{{string.Join(", ", seeds)}}]
            datasets: [ring8]
            model:
              latent_dim: 2
              generator: { type: mlp, hidden: 16, layers: 2 }
              critic:    { type: mlp, hidden: 16, layers: 2 }
            train:
              iterations: 100
              batch_size: 64
              critic_steps: 1
              optimizer: { lr: 1.0e-3 }
            losses:
              - { loss: non_saturating, name: ns }
              - { loss: wgan_gp, name: gp, gp_weight: 0.1, optimizer: { lr: {{gpLearningRate.ToString("R", CultureInfo.InvariantCulture)}} } }
            eval:
              every: 100
              samples: 200
            """);
        string results = Path.Combine(_dir, $"n{night}");
        var run = Cli("run", file, "--out", results, "--jobs", "1", "--plain");
        Assert.True(run.Code == 0, run.Err);
        return results;
    }

    /// <summary>The workflow's gate step, with the CLI as this build's ganbench.dll instead of run.ps1.</summary>
    private (int Code, string Out) Gate(string results, string label)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(SweepFixtures.RepoRoot, "tools", "nightly-gate.sh"), results, History, label }) start.ArgumentList.Add(arg);
        start.Environment["GANBENCH"] = $"dotnet {CliProcess.Dll}";
        start.Environment["GANBENCH_GATE_NIGHTS"] = "2";
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the gate script did not finish");
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string Summary(string results) => File.ReadAllText(Path.Combine(results, "nightly-gate.md"));

    [Fact]
    public void The_gate_passes_two_unchanged_nights_and_fails_the_night_an_arm_broke()
    {
        string n1 = Night(1, 1.0e-3);
        var first = Gate(n1, "night1");
        Assert.True(first.Code == 0, first.Out);
        Assert.Contains("nothing to compare with yet", Summary(n1));
        // A re-run of the job step adds nothing twice.
        Assert.True(Gate(n1, "night1").Code == 0);

        string n2 = Night(2, 1.0e-3);
        var second = Gate(n2, "night2");
        Assert.True(second.Code == 0, second.Out);
        Assert.StartsWith("## Nightly gate: pass", Summary(n2));
        Assert.Contains("history:last 2 (run 'night1'", Summary(n2));

        string n3 = Night(3, 5.0);
        var third = Gate(n3, "night3");
        Assert.True(third.Code == 3, third.Out);
        string summary = Summary(n3);
        Assert.StartsWith("## Nightly gate: FAIL, regression against the last 2 night(s)", summary);
        Assert.Contains("history:last 2 (runs 'night1', 'night2'", summary);
        var regressions = summary.Split('\n').Where(l => l.StartsWith("| ring8 |", StringComparison.Ordinal) && l.TrimEnd().EndsWith("| regression |", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(regressions);
        Assert.All(regressions, l => Assert.StartsWith("| ring8 | gp |", l));
        // The baseline comparison is there for the record and did not decide the exit code on its own.
        Assert.Contains("Arms against the baseline arm 'ns'", summary);
        Assert.True(File.Exists(Path.Combine(n3, "compare-history.json")));
        Assert.True(File.Exists(Path.Combine(n3, "compare-baseline.json")));

        // The trend marks the night and the cell where the gate fired, and nothing else.
        var trend = summary.Split('\n');
        Assert.Matches(@"gp\s+ring8\s+w1_exact ↓\s+\S+\s+\S+\s+\S+ ▼", trend.Single(r => r.StartsWith("gp ", StringComparison.Ordinal) && r.Contains("w1_exact", StringComparison.Ordinal)));
        Assert.DoesNotContain(trend, r => r.StartsWith("ns ", StringComparison.Ordinal) && r.Contains('▼'));
        Assert.True(File.Exists(Path.Combine(n3, "history-plots", "history_w1_exact.png")));
    }
}
