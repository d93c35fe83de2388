using GanBench.Training.Components;
using System.Diagnostics;
using GanBench.Cli;
using GanBench.Core.Results;
using Xunit.Abstractions;

namespace GanBench.Cli.Tests.Survival;

[Collection(CliProcessCollection.Name)]
[Trait("Category", "Slow")]
public class ShardAndKillTests(TinySweepFixture fixture, ITestOutputHelper log)
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    [Fact]
    public void Shards_run_as_concurrent_processes_merge_to_exactly_the_single_process_result()
    {
        var merged = fixture.CopyOfSharded("merge-ok");
        var (code, output, errors) = Cli("merge", merged);
        Assert.True(code == 0, output + errors);
        Assert.Contains($"merged {TinySweepFixture.ShardCount} shard(s), 6 trial(s)", output);

        var single = SweepResults.Read(fixture.SingleAlone);
        var fromShards = SweepResults.Read(merged);
        Assert.Equal(6, single.Runs.Count);
        SweepResults.AssertBitIdentical(single, fromShards);
        // Merged rows follow the configuration's trial order, as a single process leaves them, so
        // the files are byte-identical except for wall_seconds and eval_seconds in runs.csv.
        var loaded = GanBench.Core.Config.ExperimentLoader.Load(fixture.TinyAlone, GanBench.Training.Components.BuiltinComponents.Catalog());
        Assert.Equal(loaded.Trials.Select(t => t.TrialId), fromShards.TrialIds);
        Assert.Equal(single.TrialIds, fromShards.TrialIds);
        foreach (var file in new[] { ResultsDirectory.CurvesFile, ResultsDirectory.LayerGradientsFile, ResultsDirectory.ResolvedConfigFile, "summary.csv" })
            Assert.True(File.ReadAllText(Path.Combine(fixture.SingleAlone, file)) == File.ReadAllText(Path.Combine(merged, file)), $"{file} differs");

        // Each shard holds exactly its share, and the shares cover the sweep once.
        var shardIds = Enumerable.Range(0, TinySweepFixture.ShardCount)
            .SelectMany(i => File.Exists(Path.Combine(merged, "shards", $"{i}-of-3", "runs.csv"))
                ? RunsCsv.ReadTrials(Path.Combine(merged, "shards", $"{i}-of-3", "runs.csv")).Select(t => (i, t.TrialId))
                : [])
            .ToList();
        Assert.Equal(single.TrialIds.Order(), shardIds.Select(s => s.TrialId).Order());
        Assert.All(shardIds, s => Assert.Equal(s.i, ShardSpec.ShardOf(s.TrialId, 3)));

        // Merging again (say, after a re-queued shard finished) gives the same files.
        Assert.Equal(0, Cli("merge", merged).Code);
        SweepResults.AssertBitIdentical(single, SweepResults.Read(merged));
    }

    /// <summary>The kill moments' seed: fixed, so that a failure replays; GANBENCH_KILL_SEED=N tries other moments.</summary>
    private static int KillSeed =>
        int.TryParse(Environment.GetEnvironmentVariable("GANBENCH_KILL_SEED"), System.Globalization.CultureInfo.InvariantCulture, out int seed) ? seed : 20_260_101;

    /// <summary>
    /// kill -9 a running sweep at random moments, resume each time: the sweep ends with exactly the
    /// expected trials, each once, files that parse, and the values of an uninterrupted run.
    /// </summary>
    [Fact]
    public void A_sweep_killed_at_random_moments_resumes_to_the_uninterrupted_result()
    {
        const int Kills = 10;
        int seed = KillSeed;
        var random = new Random(seed);
        // Printed with the test's output, which a failure shows: GANBENCH_KILL_SEED=<seed> replays these moments.
        log.WriteLine($"kill seed {seed} (GANBENCH_KILL_SEED={seed} replays it)");
        var dir = Path.Combine(fixture.Root, "killed");
        var clock = Stopwatch.StartNew();
        int kills = 0, attempts = 0;
        while (kills < Kills && attempts < 3 * Kills)
        {
            attempts++;
            // Half the kills at a random time after start (start-up, loading, first trial), half at a
            // random time after a trial has begun (training, writing rows and files, the report).
            bool afterTrialStart = attempts % 2 == 0;
            if (!KillAtRandomMoment(random, afterTrialStart, dir, out string moment))
            {
                log.WriteLine($"attempt {attempts}: finished before the kill ({moment})");
                // The sweep is done: start again from scratch, so later kills hit a running sweep.
                AssertUninterruptedResultThenStartOver(dir);
                continue;
            }
            kills++;
            log.WriteLine($"kill {kills}: {moment}; {CompletedTrials(dir)} trial(s) recorded");
            AssertNoDuplicates(dir);
            if (CompletedTrials(dir) == 6)
            {
                // Killed while writing the report of a finished sweep: check it, then start over so
                // that the next kills land in training again.
                var (code0, out0, err0) = CliProcess.Run(TinySweepFixture.ProcessTimeout, SweepFixtures.Tiny, "--out", dir);
                Assert.True(code0 == 0, out0 + err0);
                AssertUninterruptedResultThenStartOver(dir);
            }
        }
        Assert.True(kills >= Kills, $"only {kills} kills in {attempts} attempts (kill seed {seed})");

        var (code, output, errors) = CliProcess.Run(TinySweepFixture.ProcessTimeout, SweepFixtures.Tiny, "--out", dir);
        Assert.True(code == 0, output + errors);
        log.WriteLine($"{kills} kills and the final resume took {clock.Elapsed.TotalSeconds:F0}s");

        AssertParses(dir);
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp-*", SearchOption.AllDirectories));
        // Checkpoints (tiny.yaml saves one every 10 steps) go once their trial is recorded.
        var checkpoints = Path.Combine(dir, ResultsDirectory.CheckpointsFolder);
        Assert.True(!Directory.Exists(checkpoints) || !Directory.EnumerateFileSystemEntries(checkpoints).Any());
        SweepResults.AssertBitIdentical(SweepResults.Read(fixture.Single), SweepResults.Read(dir));
    }

    /// <summary>Starts the sweep and SIGKILLs it after a random delay, counted from its start or from its k-th trial start.</summary>
    /// <returns>False when the sweep finished before the kill; it must then have succeeded.</returns>
    private static bool KillAtRandomMoment(Random random, bool afterTrialStart, string dir, out string moment)
    {
        // The k-th trial start of this process, so that kills also land late in the sweep.
        int k = random.Next(1, 4), seen = 0;
        using var started = new ManualResetEventSlim();
        using var p = CliProcess.Start([SweepFixtures.Tiny, "--out", dir], onLine: line =>
        {
            if (line.StartsWith('[') && Interlocked.Increment(ref seen) == k) started.Set();
        });
        int delayMs;
        if (afterTrialStart)
        {
            started.Wait(TimeSpan.FromSeconds(60));
            delayMs = random.Next(0, 1200);
        }
        else delayMs = random.Next(100, 4000);
        Thread.Sleep(delayMs);
        moment = $"{(afterTrialStart ? $"after trial start #{k} +" : "after start +")}{delayMs} ms";
        if (p.HasExited)
        {
            Assert.Equal(0, p.WaitForExit(TimeSpan.FromSeconds(10)).Code);
            return false;
        }
        p.Kill();
        return true;
    }

    private void AssertUninterruptedResultThenStartOver(string dir)
    {
        AssertParses(dir);
        SweepResults.AssertBitIdentical(SweepResults.Read(fixture.Single), SweepResults.Read(dir));
        Directory.Delete(dir, recursive: true);
    }

    private static int CompletedTrials(string dir)
    {
        var runs = Path.Combine(dir, ResultsDirectory.RunsFile);
        return File.Exists(runs) ? File.ReadAllLines(runs).Count(l => l.Length > 0 && !l.StartsWith("trial_id", StringComparison.Ordinal)) : 0;
    }

    /// <summary>Right after a kill: no trial twice, whatever the moment.</summary>
    private static void AssertNoDuplicates(string dir)
    {
        var runs = Path.Combine(dir, ResultsDirectory.RunsFile);
        if (!File.Exists(runs)) return;
        var ids = File.ReadAllLines(runs).Skip(1).Where(l => l.Contains(',')).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static void AssertParses(string dir)
    {
        var results = SweepResults.Read(dir);
        Assert.Equal(results.TrialIds.Count, results.TrialIds.Distinct().Count());
        var ids = results.TrialIds.ToHashSet();
        Assert.All(results.Curves, c => Assert.Contains(c.TrialId, ids));
        Assert.All(results.Layers, l => Assert.Contains(l.TrialId, ids));
        // One curve point per evaluation (steps 0, 20, 40) and trial, written once.
        Assert.All(results.Curves.GroupBy(c => c.TrialId), g => Assert.Equal([0, 20, 40], g.Select(c => c.Step)));
        foreach (var id in ids)
            Assert.NotEmpty(TrialArtifacts.ReadSnapshots(dir, id));
        Assert.True(File.Exists(Path.Combine(dir, "summary.md")));
    }
}
