using System.Runtime.InteropServices;
using GanBench.Abstractions;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Schedules;
using GanBench.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Tests;

/// <summary>
/// A libtorch error that a rerun does not repeat (TorchSharp freeing an implicit Scalar under libtorch)
/// costs one rerun, not the trial; one that repeats is the trial's own and is recorded as failed.
/// </summary>
public class NativeFailureRerunTests
{
    /// <summary>The non-saturating loss, except that its critic loss throws the way libtorch errors surface, on chosen calls.</summary>
    private sealed class NativeErrorOn(Func<int, bool> failsOnCall) : IObjective
    {
        private readonly NonSaturatingObjective _inner = new();
        private int _calls;
        public string Name => "native_error";
        public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) =>
            failsOnCall(++_calls) ? throw new ExternalException("Expected false to be true, but got false.") : _inner.CriticLoss(realLogits, fakeLogits);
        public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => _inner.GeneratorLoss(realLogits, fakeLogits);
    }

    private static TrialOutcome Run(IObjective objective, out TrialOutcome undisturbed)
    {
        var registry = ComponentRegistry.CreateBuiltin();
        registry.Add(objective);
        var loss = new LossSetup { Written = "ns", Objective = objective.Name };
        undisturbed = new TrialTrainer(ComponentRegistry.CreateBuiltin()).Run(TestTrials.Tiny(loss with { Objective = "non_saturating" }), torch.CPU);
        return new TrialTrainer(registry).Run(TestTrials.Tiny(loss), torch.CPU);
    }

    [Fact]
    public void An_error_that_does_not_repeat_costs_one_rerun_and_gives_the_undisturbed_numbers()
    {
        // The component instance is shared by both runs: call 15 falls in the first run, at step 6.
        var outcome = Run(new NativeErrorOn(call => call == 15), out var undisturbed);
        Assert.Equal(TrialStatus.Ok, outcome.Status);
        Assert.Equal(undisturbed.FinalMetrics, outcome.FinalMetrics);
        Assert.Equal("rerun once: the first run stopped at step 6 on a libtorch error (ExternalException: Expected false to be true, but got false.)", outcome.Message);
    }

    [Fact]
    public void An_error_that_repeats_is_the_trials_own_and_fails_it()
    {
        var outcome = Run(new NativeErrorOn(_ => true), out _);
        Assert.Equal(TrialStatus.Failed, outcome.Status);
        Assert.StartsWith("ExternalException: Expected false to be true", outcome.Message);
        Assert.Contains("; rerun once: the first run stopped at step 0", outcome.Message);
    }

    [Fact]
    public void Other_failures_are_not_rerun()
    {
        int calls = 0;
        var registry = ComponentRegistry.CreateBuiltin();
        registry.Add(new ThrowingObjective(() => calls++));
        var outcome = new TrialTrainer(registry).Run(TestTrials.Tiny(new LossSetup { Written = "t", Objective = "throws" }), torch.CPU);
        Assert.Equal(TrialStatus.Failed, outcome.Status);
        Assert.Equal(1, calls);
        Assert.DoesNotContain("rerun", outcome.Message);
    }

    private sealed class ThrowingObjective(Action onCall) : IObjective
    {
        public string Name => "throws";
        public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) { onCall(); throw new InvalidOperationException("a bug in a plugin"); }
        public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => fakeLogits.mean();
    }
}
