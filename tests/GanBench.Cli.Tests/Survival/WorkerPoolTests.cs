using GanBench.Core.Results;

namespace GanBench.Cli.Tests.Survival;

/// <summary>
/// --jobs N: worker processes pull trials from one queue and this process records them. Small
/// sweeps (a 2- or 3-trial experiment on 2 cores, where hash shards could leave a worker empty)
/// work every time and give the numbers a single process gives; a worker that dies costs its own
/// trial only. Trials train alone here (train.ensemble: off); EnsembleSweepTests covers ensembles in workers.
/// </summary>
[Collection(CliProcessCollection.Name)]
[Trait("Category", "Slow")]
public sealed class WorkerPoolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-pool-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    private string Experiment(string name, string seeds, string losses, string extra = "")
    {
        var path = Path.Combine(_dir, name + ".yaml");
        File.WriteAllText(path, $"""
            name: {name}
            seeds: {seeds}
            datasets: [ring8]
            model:
              generator: {"{"} type: mlp, hidden: 16, layers: 2 {"}"}
              critic:    {"{"} type: mlp, hidden: 16, layers: 2 {"}"}
            train: {"{"} iterations: 12, batch_size: 64, critic_steps: 2, ensemble: off {"}"}
            eval: {"{"} every: 6, samples: 150 {"}"}
            {extra}
            losses:
            {losses}
            """);
        return path;
    }

    [Theory]
    [InlineData("[0]", "  - { loss: non_saturating }\n  - { loss: wgan_gp, gp_weight: 1 }")]
    [InlineData("[0, 1, 2]", "  - { loss: wgan_gp, gp_weight: 1 }")]
    [InlineData("[5]", "  - { loss: minimax }\n  - { loss: non_saturating }\n  - { loss: hinge }")]
    public void Small_sweeps_in_worker_processes_succeed_and_equal_a_single_process(string seeds, string losses)
    {
        var experiment = Experiment("small", seeds, losses);
        var pooled = Path.Combine(_dir, "pooled");
        var single = Path.Combine(_dir, "single");

        var run = Cli(experiment, "--out", pooled, "--jobs", "2", "--device", "cpu");
        Assert.True(run.Code == 0, run.Out + run.Err);
        Assert.Contains("2 worker processes", run.Out);
        Assert.Equal(0, Cli(experiment, "--out", single, "--jobs", "1", "--device", "cpu").Code);

        SweepResults.AssertBitIdentical(SweepResults.Read(single), SweepResults.Read(pooled));
        // Same rows in the same order, whichever worker finished first; only the timings differ.
        static IEnumerable<string> Rows(string dir) => RunsCsv.ReadRuns(Path.Combine(dir, ResultsDirectory.RunsFile))
            .Select(r => $"{r.Trial.TrialId} {r.Trial.Status} {r.Implementation}");
        Assert.Equal(Rows(single), Rows(pooled));
        Assert.Equal(File.ReadAllText(Path.Combine(single, ResultsDirectory.CurvesFile)), File.ReadAllText(Path.Combine(pooled, ResultsDirectory.CurvesFile)));
        Assert.DoesNotContain("[shard", run.Out);

        var again = Cli(experiment, "--out", pooled, "--jobs", "2", "--device", "cpu");
        Assert.Equal(0, again.Code);
        Assert.Contains("already done", again.Out);
    }

    [Fact]
    public void A_worker_that_dies_costs_its_trial_and_the_sweep_goes_on()
    {
        var experiment = Experiment("crash", "[0, 1]",
            "  - { loss: crashing_loss, crash_batch: 64 }\n  - { loss: non_saturating }",
            $"plugins: [\"{SamplePlugin.TestPluginsPath}\"]");
        var outDir = Path.Combine(_dir, "out");

        var run = Cli(experiment, "--out", outDir, "--jobs", "2", "--device", "cpu");
        Assert.True(run.Code == 0, run.Out + run.Err);
        var runs = RunsCsv.ReadRuns(Path.Combine(outDir, ResultsDirectory.RunsFile));
        Assert.Equal(4, runs.Count);
        Assert.All(runs.Where(r => r.Setup.Loss == "crashing_loss"), r =>
        {
            Assert.Equal(TrialStatus.Failed, r.Trial.Status);
            Assert.Contains("worker process", r.Message);
            Assert.Contains("while training this trial", r.Message);
        });
        Assert.All(runs.Where(r => r.Setup.Loss == "non_saturating"), r => Assert.Equal(TrialStatus.Ok, r.Trial.Status));
    }

    [Fact]
    public void A_shard_without_trials_succeeds_and_says_so()
    {
        var experiment = Experiment("lonely", "[0]", "  - { loss: non_saturating }");
        var outDir = Path.Combine(_dir, "sharded");
        int shards = 4;
        var codes = Enumerable.Range(0, shards).Select(i => Cli(experiment, "--out", outDir, "--shard", $"{i}/{shards}", "--device", "cpu", "--jobs", "1")).ToList();
        Assert.All(codes, c => Assert.True(c.Code == 0, c.Out + c.Err));
        Assert.Equal(shards - 1, codes.Count(c => c.Out.Contains("none of the 1 trial(s) falls in this shard", StringComparison.Ordinal)));

        var merge = Cli("merge", outDir);
        Assert.True(merge.Code == 0, merge.Out + merge.Err);
        Assert.Single(RunsCsv.ReadRuns(Path.Combine(outDir, ResultsDirectory.RunsFile)));
    }
}
