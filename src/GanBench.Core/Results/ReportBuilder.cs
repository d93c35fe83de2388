namespace GanBench.Core.Results;

/// <summary>
/// Builds every report of a results folder from its CSVs alone. The sweep calls this at its end
/// and `report` calls it on demand, so both produce the same files.
/// </summary>
public static class ReportBuilder
{
    public static readonly IReadOnlyList<ISummaryExporter> Exporters = [MarkdownSummaryExporter.Default, CsvSummaryExporter.Default];

    public static SummaryModel Build(string resultsDirectory, string? baselineArm)
    {
        var runs = Path.Combine(resultsDirectory, ResultsDirectory.RunsFile);
        var curves = Path.Combine(resultsDirectory, ResultsDirectory.CurvesFile);
        var trials = File.Exists(runs) ? RunsCsv.ReadTrials(runs) : [];
        var points = File.Exists(curves) ? RunsCsv.ReadCurves(curves) : [];
        var model = SummaryModel.Build(trials, points, trials.Any(t => t.Arm == baselineArm) ? baselineArm : null);
        foreach (var exporter in Exporters)
            ResultsDirectory.WriteAtomically(Path.Combine(resultsDirectory, exporter.FileName), exporter.ExportToString(model));
        return model;
    }
}
