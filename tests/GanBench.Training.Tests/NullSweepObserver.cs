using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Sweep;
using GanBench.Training.Training;

namespace GanBench.Training.Tests;

/// <summary>A sweep observer for tests that read the results folder, not the console.</summary>
internal sealed class NullSweepObserver : ISweepObserver
{
    public void SweepStarted(int total, int alreadyDone, string resultsDirectory, string device, int parallelism) { }
    public void TrialStarted(int index, int total, TrialSpec trial) { }
    public void TrialProgress(TrialSpec trial, TrialProgress progress) { }
    public void UnitFinished(int trials) { }
    public void TrialFinished(int index, int total, TrialSpec trial, TrialOutcome outcome) { }
    public void SweepFinished(SummaryModel summary, string resultsDirectory) { }
}
