using System.Diagnostics;
using System.Globalization;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Sweep;
using GanBench.Training.Training;
using Spectre.Console;

namespace GanBench.Cli.Output;

/// <summary>
/// Live progress in a terminal (Spectre.Console): overall trials done/total with ETA, and one line
/// per trial training now (several with worker processes) with its step and losses, then one summary
/// table. Trials report every generator step; the display is updated at most every
/// <see cref="RefreshInterval"/> per trial so it never slows training.
/// </summary>
public sealed class LiveObserver(CliConsole console) : ISweepObserver
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(150);

    private ProgressContext? _context;
    private ProgressTask? _overall;
    private readonly Dictionary<string, (ProgressTask Task, System.Diagnostics.Stopwatch Since)> _running = new(StringComparer.Ordinal);
    private int _total, _done, _notOk;

    /// <summary>Live output only on a real terminal: not when redirected (CI logs, pipes), not in tests
    /// that pass their own writer, not when the user asks for plain lines or the terminal cannot redraw.</summary>
    public static bool ShouldUse(CliConsole console, bool plainRequested) =>
        !plainRequested
        && console.IsInteractiveTerminal
        && Environment.GetEnvironmentVariable("CI") is null;

    /// <summary>Runs <paramref name="sweep"/> with the live display on screen.</summary>
    public void Show(Action sweep) => console.Terminal.Progress()
        .AutoClear(false)
        .HideCompleted(true)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                 new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
        .Start(context =>
        {
            _context = context;
            sweep();
        });

    public void SweepStarted(int total, int alreadyDone, string resultsDirectory, string device, int parallelism)
    {
        _total = total;
        _done = alreadyDone;
        _overall = _context!.AddTask(OverallText(), maxValue: Math.Max(1, total - alreadyDone));
        if (total == alreadyDone) _overall.Value = _overall.MaxValue;
    }

    public void TrialStarted(int index, int total, TrialSpec trial) =>
        _running[trial.TrialId] = (_context!.AddTask(CurrentText(trial, null), maxValue: Math.Max(1, trial.Train.Iterations)), System.Diagnostics.Stopwatch.StartNew());

    public void TrialProgress(TrialSpec trial, TrialProgress progress)
    {
        if (!_running.TryGetValue(trial.TrialId, out var current)) return;
        if (progress.Step < progress.TotalSteps && current.Since.Elapsed < RefreshInterval) return;
        current.Since.Restart();
        current.Task.MaxValue = Math.Max(1, progress.TotalSteps);
        current.Task.Value = progress.Step;
        current.Task.Description = CurrentText(trial, progress);
    }

    public void UnitFinished(int trials) { }

    public void TrialFinished(int index, int total, TrialSpec trial, TrialOutcome outcome)
    {
        _done++;
        if (outcome.Status != TrialStatus.Ok)
        {
            _notOk++;
            console.Terminal.MarkupLine($"[red]{Markup.Escape(Label(trial))}: {RunsCsv.StatusText(outcome.Status)} after {outcome.Steps} steps[/] {Markup.Escape(outcome.Message ?? "")}");
        }
        if (_running.Remove(trial.TrialId, out var current))
        {
            current.Task.Value = current.Task.MaxValue;
            current.Task.StopTask();
        }
        if (_overall is not null)
        {
            _overall.Increment(1);
            _overall.Description = OverallText();
        }
    }

    public void SweepFinished(SummaryModel summary, string resultsDirectory) { }

    private string OverallText() =>
        $"[bold]trials {_done}/{_total}[/]" + (_notOk > 0 ? $" [red]({_notOk} not ok)[/]" : "");

    private static string Label(TrialSpec trial) => $"{trial.Arm} | {trial.Dataset.Name} | seed {trial.Seed}";

    private static string CurrentText(TrialSpec trial, TrialProgress? p)
    {
        string text = Markup.Escape(Label(trial));
        if (p is not null)
            text += $" step {p.Step}/{p.TotalSteps} D {F(p.CriticLoss)} G {F(p.GeneratorLoss)}";
        return text;
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>The final metrics per dataset as tables, then where the report is.</summary>
    public void WriteSummary(SummaryModel summary, string resultsDirectory)
    {
        SummaryRenderer.WriteTables(summary, console.Terminal);
        console.Terminal.MarkupLine($"report: [link]{Markup.Escape(Path.Combine(resultsDirectory, "report.md"))}[/] (summary.md, summary.csv, plots/)");
    }
}
