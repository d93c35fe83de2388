using System.Diagnostics;
using System.Globalization;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Sweep;
using GanBench.Training.Training;

namespace GanBench.Cli.Output;

/// <summary>Plain progress lines: one when a trial starts, one when it ends, with an ETA; fits CI logs.</summary>
public sealed class LineObserver(CliConsole console) : ISweepObserver
{
    private readonly Stopwatch _clock = new();
    private int _done, _toRun;

    private static string F(double? v) => v is double d ? d.ToString("G4", CultureInfo.InvariantCulture) : "-";

    public void SweepStarted(int total, int alreadyDone, string resultsDirectory, string device, int parallelism)
    {
        _toRun = total - alreadyDone;
        _clock.Start();
        string where = parallelism > 1 ? $"{device}, {parallelism} worker processes" : device;
        console.Line($"{total} trial(s) on {where}; {(alreadyDone > 0 ? $"{alreadyDone} already done, resuming; " : "")}results in {resultsDirectory}");
    }

    public void TrialStarted(int index, int total, TrialSpec trial)
    {
        lock (_clock) console.Line($"[{index}/{total}] {trial.Arm} | {trial.Dataset.Name} | seed {trial.Seed} | {trial.TrialId}");
    }

    public void TrialProgress(TrialSpec trial, TrialProgress progress) { }

    // Counted per unit: an ensemble's members end together, and each of their lines gets the same estimate.
    public void UnitFinished(int trials) => _done += trials;

    public void TrialFinished(int index, int total, TrialSpec trial, TrialOutcome outcome)
    {
        // Finished trials per second of the whole sweep, so parallel workers shorten the estimate.
        double perTrial = _clock.Elapsed.TotalSeconds / _done;
        var eta = TimeSpan.FromSeconds(perTrial * (_toRun - _done));
        var m = outcome.FinalMetrics;
        string metrics = outcome.Status != TrialStatus.Ok ? outcome.Message ?? ""
            : trial.Dataset.IsImage
                ? $"{(trial.Dataset.ImageChannels == 3 ? $"modes {F(m.GetValueOrDefault("modes_covered"))}" : $"classes {F(m.GetValueOrDefault("classes_covered"))}")} fcd {F(m.GetValueOrDefault("fcd"))} coverage {F(m.GetValueOrDefault("coverage"))}"
                : $"modes {F(m.GetValueOrDefault("modes_covered"))} hq {F(m.GetValueOrDefault("hq_fraction"))} w1 {F(m.GetValueOrDefault("w1_exact"))}";
        console.Line($"[{index}/{total}] {RunsCsv.StatusText(outcome.Status)} after {outcome.Steps} steps in {outcome.WallSeconds:F1}s: {metrics} (eta {eta:hh\\:mm\\:ss})");
    }

    public void SweepFinished(SummaryModel summary, string resultsDirectory)
    {
        SummaryRenderer.WritePlain(summary, console.Out);
        console.Line($"{(_clock.IsRunning ? $"done in {_clock.Elapsed.TotalSeconds:F0}s; " : "")}results in {resultsDirectory} (report.md, plots/, summary.md, summary.csv, runs.csv, curves.csv, layer_grads.csv, config.resolved.yaml)");
    }
}
