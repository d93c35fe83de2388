using System.Diagnostics;
using System.Globalization;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Sweep;
using GanBench.Training.Training;
using Spectre.Console;

namespace GanBench.Cli.Commands;

/// <summary>
/// Live progress in a terminal (Spectre.Console): overall trials done/total with ETA, the current trial
/// with its step and losses, then a summary table. The trainer reports every generator step; the
/// display is updated at most every <see cref="RefreshInterval"/> so it never slows training.
/// </summary>
public sealed class LiveObserver(ProgressContext context) : ISweepObserver
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(150);

    private readonly Stopwatch _sinceUpdate = Stopwatch.StartNew();
    private ProgressTask? _overall, _current;
    private int _total, _done, _diverged;

    public SummaryModel? Summary { get; private set; }

    /// <summary>Live output only on a real terminal: not when redirected (CI logs, pipes), not in tests
    /// that pass their own writer, not when the user asks for plain lines or the terminal cannot redraw.</summary>
    public static bool ShouldUse(CliConsole console, bool plainRequested) =>
        !plainRequested
        && ReferenceEquals(console.Out, Console.Out)
        && !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("CI") is null
        && AnsiConsole.Profile.Capabilities.Interactive
        && AnsiConsole.Profile.Capabilities.Ansi;

    public static Progress CreateProgress() => AnsiConsole.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                 new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn());

    public void SweepStarted(int total, int alreadyDone, string resultsDirectory, string device)
    {
        _total = total;
        _done = alreadyDone;
        _overall = context.AddTask(OverallText(), maxValue: Math.Max(1, total - alreadyDone));
        if (total == alreadyDone) _overall.Value = _overall.MaxValue;
    }

    public void TrialStarted(int index, int total, TrialSpec trial)
    {
        _current?.StopTask();
        _current = context.AddTask(CurrentText(trial, null), maxValue: Math.Max(1, trial.Train.Iterations));
        _sinceUpdate.Restart();
    }

    public void TrialProgress(TrialSpec trial, TrialProgress progress)
    {
        if (_current is null) return;
        if (progress.Step < progress.TotalSteps && _sinceUpdate.Elapsed < RefreshInterval) return;
        _sinceUpdate.Restart();
        _current.Value = progress.Step;
        _current.Description = CurrentText(trial, progress);
    }

    public void TrialFinished(int index, int total, TrialSpec trial, TrialOutcome outcome)
    {
        _done++;
        if (outcome.Status != TrialStatus.Ok) _diverged++;
        if (_current is not null)
        {
            _current.Description = $"{Markup.Escape(Label(trial))} [{(outcome.Status == TrialStatus.Ok ? "green" : "red")}]{RunsCsv.StatusText(outcome.Status)}[/] after {outcome.Steps} steps";
            _current.Value = _current.MaxValue;
            _current.StopTask();
        }
        if (_overall is not null)
        {
            _overall.Increment(1);
            _overall.Description = OverallText();
        }
    }

    public void SweepFinished(SummaryModel summary, string resultsDirectory) => Summary = summary;

    private string OverallText() =>
        $"[bold]trials {_done}/{_total}[/]" + (_diverged > 0 ? $" [red]({_diverged} not ok)[/]" : "");

    private static string Label(TrialSpec trial) => $"{trial.Arm} | {trial.Dataset.Name} | seed {trial.Seed}";

    private static string CurrentText(TrialSpec trial, TrialProgress? p)
    {
        string text = Markup.Escape(Label(trial));
        if (p is not null)
            text += $" step {p.Step}/{p.TotalSteps} D {F(p.CriticLoss)} G {F(p.GeneratorLoss)}";
        return text;
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static readonly IReadOnlyList<string> ReportDocumentMetrics = GanBench.Reports.ReportDocument.HeadlineMetrics;

    /// <summary>The final metrics per dataset as Spectre tables (the same cells as summary.md).</summary>
    public static void WriteSummary(SummaryModel summary, string resultsDirectory)
    {
        foreach (var table in summary.Final)
        {
            // Each metric column needs ~20 characters; a narrow terminal keeps the headline ones.
            var wanted = AnsiConsole.Profile.Width >= 150 ? LineObserver.ConsoleMetrics : ReportDocumentMetrics;
            var metrics = wanted.Where(table.Measured).ToList();
            var grid = new Table().Border(TableBorder.Rounded)
                .Title(new TableTitle($"{Markup.Escape(table.Dataset)}: mean ± 95% CI over seeds (n)"));
            grid.AddColumn("arm");
            grid.AddColumn(new TableColumn("ok/div/fail").RightAligned());
            foreach (var m in metrics)
                grid.AddColumn(new TableColumn(Markup.Escape($"{m} {SummaryFormat.Arrow(MetricCatalog.Get(m).Direction)}".Trim())).RightAligned());
            foreach (var row in table.Rows)
            {
                var cells = new List<Spectre.Console.Rendering.IRenderable>
                {
                    new Text(row.Arm),
                    new Text($"{row.Counts.Ok}/{row.Counts.Diverged}/{row.Counts.Failed + row.Counts.Timeout}"),
                };
                foreach (var m in metrics)
                {
                    var cell = row.Cell(m);
                    string text = cell is null ? "-" : SummaryFormat.Cell(cell.Stats);
                    cells.Add(new Text(text, new Style(decoration: cell?.Rank == 1 ? Decoration.Bold : Decoration.None)));
                }
                grid.AddRow(cells);
            }
            AnsiConsole.Write(grid);
        }
        AnsiConsole.MarkupLine($"report: [link]{Markup.Escape(Path.Combine(resultsDirectory, "report.md"))}[/] (summary.md, summary.csv, plots/)");
    }
}
