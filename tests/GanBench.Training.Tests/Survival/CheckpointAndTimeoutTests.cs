using GanBench.Training.Schedules;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Sweep;
using GanBench.Training.Torch;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Training.Tests.Survival;

/// <summary>Bit-identical comparisons of in-process trials: module initialisation draws from torch's
/// process-wide generator, so these run alone, after the parallel tests (other tests draw from it too).</summary>
[CollectionDefinition(nameof(GlobalTorchSeed), DisableParallelization = true)]
public sealed class GlobalTorchSeed;

[Collection(nameof(GlobalTorchSeed))]
public class CheckpointAndTimeoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-ckpt-").FullName;

    // One intra-op thread, as `run` uses on the CPU: tiny networks only lose time to thread hand-offs,
    // badly so on a loaded machine. These tests run alone, so the process-wide setting disturbs nobody.
    public CheckpointAndTimeoutTests() => torch.set_num_threads(SweepRunner.TorchThreads);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static readonly LossSetup WganGp = new() { Written = "wgan_gp", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 1 };

    private static TrialSpec Trial(int? checkpointEvery = null, double? maxMinutes = null)
    {
        var t = TestTrials.Tiny(WganGp, iterations: 30, seed: 5);
        return t with { Train = t.Train with { CheckpointEvery = checkpointEvery, MaxMinutes = maxMinutes } };
    }

    private static TrialOutcome Run(TrialSpec trial, string? folder = null, IProgress<TrialProgress>? progress = null, CancellationToken cancel = default) =>
        new TrialTrainer(ComponentRegistry.CreateBuiltin()).Run(trial, torch.CPU, progress, cancel, snapshotEveryEvaluation: true, checkpointFolder: folder);

    [Fact]
    public void A_trial_stopped_mid_way_resumes_from_its_checkpoint_bit_identical_to_an_uninterrupted_run()
    {
        var uninterrupted = Run(Trial());
        var folder = Path.Combine(_dir, "checkpoints", "t");

        // Stopped at step 25: the checkpoint of step 20 is the latest.
        using (var cancel = new CancellationTokenSource())
            Assert.ThrowsAny<OperationCanceledException>(() => Run(Trial(checkpointEvery: 10), folder, new CancelAt(25, cancel), cancel.Token));
        Assert.Equal(["step-00000020"], Directory.GetDirectories(folder).Select(Path.GetFileName));

        // A half-written newer checkpoint (a kill during the save) is ignored.
        Directory.CreateDirectory(Path.Combine(folder, "step-00000030.partial-1"));
        var first = new FirstStep();
        var resumed = Run(Trial(checkpointEvery: 10), folder, first);
        Assert.Equal(21, first.Step);
        OutcomeAssert.BitIdentical(uninterrupted, resumed);
    }

    [Fact]
    public void A_resumed_trial_continues_its_linear_noise_schedule_where_it_stopped()
    {
        // The linear schedule reads the generator-step count; a resume that restarted it would train
        // steps 21..30 with the noise of steps 1..10 again.
        var noisy = TestTrials.Tiny(new LossSetup { Written = "non_saturating", Objective = "non_saturating", InstanceNoise = 0.5, InstanceNoiseSchedule = "linear" }, iterations: 30, seed: 5);
        var uninterrupted = Run(noisy);
        var folder = Path.Combine(_dir, "noisy");
        var checkpointed = noisy with { Train = noisy.Train with { CheckpointEvery = 10 } };
        using (var cancel = new CancellationTokenSource())
            Assert.ThrowsAny<OperationCanceledException>(() => Run(checkpointed, folder, new CancelAt(25, cancel), cancel.Token));
        OutcomeAssert.BitIdentical(uninterrupted, Run(checkpointed, folder));
    }

    [Fact]
    public void An_unreadable_checkpoint_restarts_the_trial_instead_of_failing_it()
    {
        var uninterrupted = Run(Trial());
        var folder = Path.Combine(_dir, "broken");
        var step = Directory.CreateDirectory(Path.Combine(folder, "step-00000010")).FullName;
        File.WriteAllText(Path.Combine(step, "trainer.json"), "{not json");
        OutcomeAssert.BitIdentical(uninterrupted, Run(Trial(checkpointEvery: 10), folder));
    }

    [Fact]
    public void A_trial_over_max_minutes_is_a_timeout_with_its_curve_so_far()
    {
        // Six microseconds run out during the first evaluation or the first critic step, never later.
        var outcome = Run(Trial(maxMinutes: 1e-7));
        Assert.Equal(TrialStatus.Timeout, outcome.Status);
        Assert.Equal(0, outcome.Steps);
        Assert.Contains("train.max_minutes", outcome.Message);
        Assert.Empty(outcome.FinalMetrics);
        Assert.All(outcome.Curve, e => Assert.Equal(0, e.Step));

        Assert.Equal(TrialStatus.Ok, Run(Trial(maxMinutes: 60)).Status);
    }

    [Fact]
    public void A_sweep_records_timeouts_and_goes_on_to_the_next_trial()
    {
        var (loaded, results, components) = TinySweep.Open(_dir, yaml => yaml.Replace("  critic_steps: 2\n", "  critic_steps: 2\n  max_minutes: 1.0e-7\n"));
        var summary = new SweepRunner().Run(loaded.Config!, loaded.Trials, results, new InProcessExecutor(components, torch.CPU), new NullSweepObserver(), components.ImplementationOf, TorchPlatform.Describe(torch.CPU))!;

        var runs = RunsCsv.ReadRuns(results.RunsPath);
        Assert.Equal(loaded.Trials.Select(t => t.TrialId), runs.Select(r => r.Trial.TrialId));
        Assert.All(runs, r => Assert.Equal((TrialStatus.Timeout, 0), (r.Trial.Status, r.Steps)));
        Assert.Equal(6, summary.Final.Sum(t => t.Rows.Sum(r => r.Counts.Timeout)));
        Assert.True(File.Exists(Path.Combine(results.Root, "summary.md")));
    }
}
