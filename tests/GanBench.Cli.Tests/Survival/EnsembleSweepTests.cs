using GanBench.Core.Results;

namespace GanBench.Cli.Tests.Survival;

/// <summary>
/// Sweeps with train.ensemble on, end to end: a mixed sweep (ensembles of 4, a group's remainder
/// trained alone, another arm as its own ensemble) records every row a sweep of lone trials records,
/// with the same ids, statuses and steps and metrics equal to float32 rounding; worker processes give
/// the bits one process gives; and a sweep begun with ensembles off resumes with them on.
/// </summary>
[Collection(CliProcessCollection.Name)]
[Trait("Category", "Slow")]
public sealed class EnsembleSweepTests : IDisposable
{
    /// <summary>After 12 steps of 2 critic steps: float32 rounding of batched against single matmuls, grown a little by training.</summary>
    private const double Rtol = 1e-3, Atol = 1e-5;

    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-ensemble-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string Experiment(string name, string ensemble, string seeds = "[0, 1, 2]")
    {
        var path = Path.Combine(_dir, name + ".yaml");
        File.WriteAllText(path, $$"""
            name: mixed
            seeds: {{seeds}}
            datasets: [ring8]
            model:
              generator: { type: mlp, hidden: 16, layers: 2 }
              critic:    { type: mlp, hidden: 16, layers: 2 }
            train: { iterations: 12, batch_size: 64, critic_steps: 2, ensemble: {{ensemble}} }
            eval: { every: 6, samples: 150 }
            losses:
              - { loss: wgan_gp, gp_weight: [0.5, 5, 50] }
              - { loss: wgan, clip: [0.01], optimizer: { type: rmsprop, lr: 5.0e-5 } }
            """);
        return path;
    }

    private static void Run(string experiment, string outDir, int jobs, params string[] more)
    {
        var run = InProcessCli.Run([experiment, "--out", outDir, "--jobs", jobs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--device", "cpu", .. more]);
        Assert.True(run.Code == 0, run.Out + run.Err);
    }

    private static void AssertSameRowsToRounding(SweepResults alone, SweepResults batched)
    {
        Assert.Equal(alone.TrialIds.Order(), batched.TrialIds.Order());
        var byId = batched.Runs.ToDictionary(r => r.Trial.TrialId);
        foreach (var e in alone.Runs)
        {
            var a = byId[e.Trial.TrialId];
            Assert.Equal((e.Trial.Arm, e.Trial.Seed, e.Trial.Status, e.Steps, e.Implementation), (a.Trial.Arm, a.Trial.Seed, a.Trial.Status, a.Steps, a.Implementation));
            Assert.Equal(e.Trial.Metrics.Keys.Order(), a.Trial.Metrics.Keys.Order());
            foreach (var (metric, value) in e.Trial.Metrics)
            {
                double x = value ?? double.NaN, y = a.Trial.Metrics[metric] ?? double.NaN;
                Assert.True(double.IsNaN(x) == double.IsNaN(y) && (double.IsNaN(x) || Math.Abs(x - y) <= Atol + Rtol * Math.Abs(x)),
                    $"{e.Trial.TrialId} ({e.Trial.Arm}, seed {e.Trial.Seed}) {metric}: alone {x:R}, as a member {y:R}");
            }
        }
        Assert.Equal(alone.Curves.Count, batched.Curves.Count);
        Assert.Equal(alone.Layers.Count, batched.Layers.Count);
        Assert.Equal(alone.TrialFiles.Keys, batched.TrialFiles.Keys);
    }

    [Fact]
    public void A_mixed_sweep_records_every_row_a_sweep_of_lone_trials_records()
    {
        string alone = Path.Combine(_dir, "alone"), batched = Path.Combine(_dir, "batched"), pooled = Path.Combine(_dir, "pooled");
        Run(Experiment("off", "off"), alone, jobs: 1);
        // gp: 9 trials → four ensembles of 2 and one trial alone; clip: 3 trials → an ensemble of 2 and one alone.
        var two = Experiment("two", "2");
        Run(two, batched, jobs: 1);
        var rows = SweepResults.Read(batched).Runs;
        Assert.Equal(10, rows.Count(r => r.Message.Contains("trained in an ensemble of 2", StringComparison.Ordinal)));
        Assert.Equal(2, rows.Count(r => r.Message.Length == 0));
        AssertSameRowsToRounding(SweepResults.Read(alone), SweepResults.Read(batched));
        // The units depend on the pending trials only, so two worker processes give the same bits.
        Run(two, pooled, jobs: 2);
        SweepResults.AssertBitIdentical(SweepResults.Read(batched), SweepResults.Read(pooled));
    }

    /// <summary>
    /// A sweep killed while an ensemble trained has recorded none of that unit; the resume re-forms
    /// exactly the units it had not finished, so it ends bit-identical to an uninterrupted run.
    /// </summary>
    [Fact]
    public void A_sweep_killed_between_units_resumes_bit_identical()
    {
        string whole = Path.Combine(_dir, "whole"), killed = Path.Combine(_dir, "killed");
        var four = Experiment("four", "4");
        Run(four, whole, jobs: 1);
        Run(four, killed, jobs: 1);
        // gp's 9 trials are three units of 3 (at most 4, cut evenly); the middle one (gp_weight 5, seeds 0-2)
        // had not finished when the sweep died.
        var runs = Path.Combine(killed, ResultsDirectory.RunsFile);
        var unfinished = new HashSet<(string, string)> { ("wgan_gp gp_weight=5", "0"), ("wgan_gp gp_weight=5", "1"), ("wgan_gp gp_weight=5", "2") };
        var lines = File.ReadAllLines(runs);
        Assert.All(lines.Where(l => unfinished.Contains((l.Split(',')[2], l.Split(',')[4]))), l => Assert.Contains("trained in an ensemble of 3", l));
        var kept = lines.Where((line, i) => i == 0 || !unfinished.Contains((line.Split(',')[2], line.Split(',')[4]))).ToList();
        Assert.Equal(lines.Length - 3, kept.Count);
        File.WriteAllLines(runs, kept);
        Run(four, killed, jobs: 1);
        SweepResults.AssertBitIdentical(SweepResults.Read(whole), SweepResults.Read(killed));
    }

    /// <summary>Shards plan ensembles from their own trials; merged, they hold every row a lone sweep holds.</summary>
    [Fact]
    public void Sharded_ensembles_merge_to_every_row_of_a_lone_sweep()
    {
        string sharded = Path.Combine(_dir, "sharded"), alone = Path.Combine(_dir, "alone");
        var four = Experiment("four", "4");
        foreach (var shard in new[] { "0/2", "1/2" })
            Run(four, sharded, jobs: 1, "--shard", shard);
        var merge = InProcessCli.Run("merge", sharded);
        Assert.True(merge.Code == 0, merge.Out + merge.Err);
        Run(Experiment("off", "off"), alone, jobs: 1);
        AssertSameRowsToRounding(SweepResults.Read(alone), SweepResults.Read(sharded));
    }

    /// <summary>A worker that dies mid-ensemble costs that ensemble's trials, each recorded as failed with why; the rest of the sweep goes on.</summary>
    [Fact]
    public void A_worker_that_dies_costs_its_ensemble_and_the_sweep_goes_on()
    {
        var path = Path.Combine(_dir, "crash.yaml");
        File.WriteAllText(path, $$"""
            name: crash
            seeds: [0, 1]
            datasets: [ring8]
            plugins: ["{{SamplePlugin.TestPluginsPath}}"]
            model:
              generator: { type: mlp, hidden: 16, layers: 2 }
              critic:    { type: mlp, hidden: 16, layers: 2 }
            train: { iterations: 12, batch_size: 64, critic_steps: 2 }
            eval: { every: 6, samples: 150 }
            losses:
              - { loss: crashing_loss, crash_batch: 64 }
              - { loss: non_saturating }
            """);
        var outDir = Path.Combine(_dir, "crash");
        Run(path, outDir, jobs: 2);
        var runs = RunsCsv.ReadRuns(Path.Combine(outDir, ResultsDirectory.RunsFile));
        Assert.Equal(4, runs.Count);
        Assert.All(runs.Where(r => r.Setup.Loss == "crashing_loss"), r =>
        {
            Assert.Equal(TrialStatus.Failed, r.Trial.Status);
            Assert.Contains("while training this trial", r.Message);
        });
        Assert.All(runs.Where(r => r.Setup.Loss == "non_saturating"), r =>
        {
            Assert.Equal(TrialStatus.Ok, r.Trial.Status);
            Assert.Contains("trained in an ensemble of 2", r.Message);
        });
    }

    [Fact]
    public void A_sweep_begun_with_ensembles_off_resumes_with_them_on()
    {
        string resumed = Path.Combine(_dir, "resumed"), alone = Path.Combine(_dir, "alone");
        Run(Experiment("first", "off", seeds: "[0, 1]"), resumed, jobs: 1);
        var first = SweepResults.Read(resumed);
        Run(Experiment("then", "auto"), resumed, jobs: 1);
        var whole = SweepResults.Read(resumed);
        Assert.Equal(12, whole.Runs.Count);
        // Finished rows are kept as they were; the new seed trained as ensembles and reads like lone trials.
        var kept = whole.Runs.ToDictionary(r => r.Trial.TrialId);
        foreach (var row in first.Runs)
            Assert.Equal(row.Trial.Metrics.Select(m => m.Value), kept[row.Trial.TrialId].Trial.Metrics.Select(m => m.Value));
        Run(Experiment("off", "off"), alone, jobs: 1);
        AssertSameRowsToRounding(SweepResults.Read(alone), whole);
    }
}
