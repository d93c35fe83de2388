using GanBench.Core.Results;

namespace GanBench.Reports;

/// <summary>What <see cref="ReportGenerator.Build"/> wrote.</summary>
/// <param name="Notes">What could not be drawn and why (diverged trials without snapshots, missing files).</param>
public sealed record ReportResult(SummaryModel Summary, IReadOnlyList<PlotFile> Plots, IReadOnlyList<string> Notes, string ReportPath);

/// <summary>
/// Rebuilds every report of a results folder from its files alone: summary.md and summary.csv (via
/// <see cref="ReportBuilder"/>), the PNGs under plots/, and report.md that puts them together. The
/// sweep calls this at its end and `report` calls it on demand, so both write the same files.
/// </summary>
public static class ReportGenerator
{
    public const string PlotsFolder = "plots", ReportFile = "report.md";

    /// <param name="baseline">Arm to compare against; null takes the one named in config.resolved.yaml.
    /// An arm without trials is ignored (the summary then has no comparison columns).</param>
    /// <exception cref="ReportInputException">The folder or its runs.csv is missing or unreadable.</exception>
    /// <param name="catalog">The components the run loaded (its plugins included), to read config.resolved.yaml with.</param>
    public static ReportResult Build(string resultsDirectory, Core.Config.ComponentCatalog catalog, string? baseline = null)
    {
        var data = ResultsData.Load(resultsDirectory, catalog);
        baseline ??= data.ConfigBaseline;
        var notes = new List<string>();
        if (baseline is not null && !data.Arms.Contains(baseline))
            notes.Add($"baseline '{baseline}' has no trials in runs.csv; no comparison with a baseline.");

        SummaryModel summary;
        try
        {
            summary = ReportBuilder.Build(resultsDirectory, baseline);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new ReportInputException(e.Message.Replace('\n', ' '));
        }

        var plotsDirectory = Path.Combine(resultsDirectory, PlotsFolder);
        Directory.CreateDirectory(plotsDirectory);
        // Stale figures of arms or datasets that are gone would otherwise stay linked nowhere but look current.
        foreach (var old in Directory.GetFiles(plotsDirectory, "*.png")) File.Delete(old);

        var plots = new List<PlotFile>();
        Collect(plots, notes, "sample plots", new SamplePlots(data, plotsDirectory, notes).Draw());
        Collect(plots, notes, "image grids", new ImagePlots(data, plotsDirectory, notes).Draw());
        Collect(plots, notes, "training curves", new CurvePlots(data, plotsDirectory, notes).Draw());
        Collect(plots, notes, "gradient plots", new GradientPlots(data, plotsDirectory, notes).Draw());
        var arms = ArmComparison.For(data);
        if (arms is not null) Collect(plots, notes, "arm comparison", new ArmComparisonPlots(data, arms, plotsDirectory).Draw());

        foreach (var run in data.Runs.Where(r => r.Trial.Status != TrialStatus.Ok))
            notes.Add($"{run.Trial.Arm} on {run.Trial.Dataset}, seed {run.Trial.Seed}: {RunsCsv.StatusText(run.Trial.Status)} after {run.Steps} steps" +
                      (run.Message.Length > 0 ? $" ({run.Message})" : "") + "; counted in the tables, left out of the means.");

        var reportPath = Path.Combine(resultsDirectory, ReportFile);
        ResultsDirectory.WriteAtomically(reportPath, ReportDocument.Render(data, summary, plots, notes, arms));
        return new ReportResult(summary, plots, notes, reportPath);
    }

    /// <summary>A figure that cannot be drawn fails the report: a report that silently lacks a figure would be read as complete.</summary>
    private static void Collect(List<PlotFile> plots, List<string> notes, string what, IEnumerable<PlotFile> drawing)
    {
        try
        {
            foreach (var plot in drawing) plots.Add(plot);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or ReportInputException))
        {
            throw new ReportInputException($"{what}: drawing failed after {plots.Count} figure(s): {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
