using GanBench.Core.Results;

namespace GanBench.Cli.Tests;

/// <summary>Every objective with a penalty that suits it, through YAML and the CLI, on ring8 with a tiny budget.</summary>
public class ZooEndToEndTests
{
    private const string Experiment = """
        name: zoo
        seeds: [0]
        datasets: [ring8]
        model: {latent_dim: 2, generator: {hidden: 16, layers: 2}, critic: {hidden: 16, layers: 2}}
        train: {iterations: 10, batch_size: 32, critic_steps: 2, optimizer: {type: adam, lr: 1.0e-3}}
        eval: {every: 5, samples: 200}
        losses:
          - {loss: minimax, instance_noise: 0.1, instance_noise_schedule: linear}
          - {loss: non_saturating, penalty: r1, penalty_weight: 1}
          - {loss: wgan, clip_mode: before}
          - {loss: wgan_gp, gp_weight: 1}
          - {loss: wasserstein, penalty: lp, penalty_weight: 1}
          - {loss: least_squares, penalty: r2, penalty_weight: 1}
          - {loss: hinge, penalty: r1, penalty_weight: [1, 10]}
          - {loss: relativistic, penalty: dragan, penalty_weight: 1}
          - {loss: r3gan, penalty_weight: 1}
          - {loss: rpgan, penalty: gp, penalty_weight: 1, gp_target: 2}
        """;

    [Fact]
    [Trait("Category", "Slow")]
    public void Every_objective_with_a_relevant_penalty_runs_with_finite_metrics()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ganbench-zoo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "zoo.yaml");
        File.WriteAllText(path, Experiment);
        var (code, _, stderr) = InProcessCli.Run("run", path, "--out", Path.Combine(dir, "out"), "--device", "cpu", "--jobs", "1");
        Assert.True(code == 0, stderr);

        var runs = RunsCsv.ReadRuns(Path.Combine(dir, "out", ResultsDirectory.RunsFile));
        Assert.Equal(11, runs.Count);
        foreach (var r in runs)
        {
            Assert.True(r.Trial.Status == TrialStatus.Ok, $"{r.Trial.Arm}: {r.Trial.Status} {r.Message}");
            foreach (var key in new[] { "w1_exact", "modes_covered", "hq_fraction", "d_loss", "g_loss", "g_grad_norm", "d_grad_norm", "critic_lipschitz_max" })
                Assert.True(r.Trial.Metrics[key] is double v && double.IsFinite(v), $"{r.Trial.Arm}: {key} = {r.Trial.Metrics[key]}");
        }
        // The linear schedule has annealed to zero by the end and says so.
        Assert.Equal(0.0, runs.Single(r => r.Trial.Arm.StartsWith("minimax", StringComparison.Ordinal)).Trial.Metrics["noise_sigma"]);
    }
}
