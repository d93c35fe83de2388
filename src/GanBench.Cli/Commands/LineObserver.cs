using System.Diagnostics;
using System.Globalization;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Sweep;
using GanBench.Training.Training;

namespace GanBench.Cli.Commands;

/// <summary>Plain progress lines: one when a trial starts, one when it ends, with an ETA; fits CI logs.</summary>
public sealed class LineObserver(CliConsole console) : ISweepObserver
{
    private readonly Stopwatch _clock = new();
    private int _done, _toRun;

    private static string Cell(SampleStatistics s) => s.N == 0 ? "-"
        : s.Ci95HalfWidth is double ci ? $"{F(s.Mean)} ± {F(ci)} ({s.N})" : $"{F(s.Mean)} ({s.N})";

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

    public void TrialFinished(int index, int total, TrialSpec trial, TrialOutcome outcome)
    {
        _done++;
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

    /// <summary>The headline metrics only; summary.md has every metric, CI and comparison.
    /// Each table shows those its dataset has: the first six for points, the image ones (and modes_covered on the stacked set) for images.</summary>
    public static readonly IReadOnlyList<string> ConsoleMetrics = ["modes_covered", "hq_fraction", "reverse_kl", "w1_exact", "classes_covered", "mode_kl", "fcd", "precision", "recall", "coverage", "critic_w_estimate", "g_grad_norm"];

    public void SweepFinished(SummaryModel summary, string resultsDirectory)
    {
        foreach (var table in summary.Final)
        {
            var metrics = ConsoleMetrics.Where(table.Measured).ToList();
            console.Line("");
            console.Line($"{table.Dataset}: mean ± 95% CI over seeds (n)");
            int armWidth = Math.Max(12, table.Rows.Max(r => r.Arm.Length));
            console.Line($"{"arm".PadRight(armWidth)}  ok/div/fail  " + string.Join("  ", metrics.Select(m => m.PadLeft(22))));
            foreach (var row in table.Rows)
            {
                var cells = metrics.Select(m => row.Cell(m) is { } c ? Cell(c.Stats) : "-");
                console.Line($"{row.Arm.PadRight(armWidth)}  {$"{row.Counts.Ok}/{row.Counts.Diverged}/{row.Counts.Failed + row.Counts.Timeout}",11}  " + string.Join("  ", cells.Select(c => c.PadLeft(22))));
            }
        }
        console.Line($"{(_clock.IsRunning ? $"done in {_clock.Elapsed.TotalSeconds:F0}s; " : "")}results in {resultsDirectory} (report.md, plots/, summary.md, summary.csv, runs.csv, curves.csv, layer_grads.csv, config.resolved.yaml)");
    }
}
