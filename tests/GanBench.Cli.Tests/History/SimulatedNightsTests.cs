using System.Globalization;

namespace GanBench.Cli.Tests.History;

/// <summary>
/// The nightly loop end to end on the CPU, as the workflow runs it: sweep, `history add`, then the gate
/// against the last nights. Three nights with fresh seeds each: two of unchanged code, then one whose
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

    private (int Code, string Out, string Err) Gate(string results) =>
        Cli("compare", results, "--against", "history:last 2", "--history", History, "--pass-without-history");

    private void Add(string results, string label)
    {
        var add = Cli("history", "add", results, "--label", label, "--history", History);
        Assert.True(add.Code == 0, add.Err);
    }

    [Fact]
    public void The_gate_passes_two_unchanged_nights_and_fails_the_night_an_arm_broke()
    {
        string n1 = Night(1, 1.0e-3);
        Add(n1, "night1");
        var first = Gate(n1);
        Assert.True(first.Code == 0, first.Err);
        Assert.True(first.Out.Contains("holds no earlier run of experiment 'nightly' besides the candidate itself", StringComparison.Ordinal), first.Out);

        string n2 = Night(2, 1.0e-3);
        Add(n2, "night2");
        var second = Gate(n2);
        Assert.True(second.Code == 0, second.Out + second.Err);
        Assert.Contains("gate: pass", second.Out);
        Assert.Contains("reference: history:last 2 (run 'night1'", second.Out);

        string n3 = Night(3, 5.0);
        Add(n3, "night3");
        var third = Gate(n3);
        Assert.True(third.Code == 3, third.Out + third.Err);
        Assert.Contains("gate: FAIL, regression found", third.Out);
        var regressions = third.Out.Split('\n').Where(l => l.TrimEnd().EndsWith("regression", StringComparison.Ordinal) && l.StartsWith("ring8", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(regressions);
        Assert.All(regressions, l => Assert.Matches(@"^ring8\s+gp\s", l));
        Assert.Contains("reference: history:last 2 (runs 'night1', 'night2'", third.Out);
        Assert.True(File.Exists(Path.Combine(n3, "compare.md")));

        var show = Cli("history", "show", "--history", History, "--metric", "w1_exact", "--plots", Path.Combine(_dir, "plots"));
        Assert.True(show.Code == 0, show.Err);
        var rows = show.Out.Split('\n');
        Assert.Matches(@"gp\s+ring8\s+w1_exact ↓\s+\S+\s+\S+\s+\S+ ▼", rows.Single(r => r.StartsWith("gp ", StringComparison.Ordinal)));
        Assert.DoesNotContain("▼", rows.Single(r => r.StartsWith("ns ", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(_dir, "plots", "history_w1_exact.png")));
    }
}
