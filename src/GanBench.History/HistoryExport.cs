using CsvHelper;
using GanBench.Core.Results;

namespace GanBench.History;

/// <summary>The whole history as one CSV, for people who would rather not use SQL: one row per trial of every
/// run, the run's label, time and machine in front, then the runs.csv columns the history keeps, then one
/// column per metric (in catalog order).</summary>
public static class HistoryExport
{
    public static readonly IReadOnlyList<string> LeadingColumns =
        ["label", "added_utc", "experiment", "machine", "trial_id", "arm", "dataset", "seed", "status", "steps", "wall_seconds", "eval_seconds", "message", "device", "platform", "implementation"];

    /// <returns>The number of trial rows written.</returns>
    public static int Write(HistoryStore store, string path)
    {
        var runs = store.Entries().Select(e => (Entry: e, Runs: store.Runs(e))).ToList();
        var metrics = MetricCatalog.Order(runs.SelectMany(r => r.Runs).SelectMany(r => r.Trial.Metrics.Keys)).Select(m => m.Name).ToList();
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, CsvFiles.WriterOptions, leaveOpen: true))
        {
            csv.WriteHeader([.. LeadingColumns, .. metrics]);
            foreach (var (entry, rows) in runs)
                foreach (var run in rows)
                    WriteRow(csv, entry, run, metrics);
        }
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        ResultsDirectory.WriteAtomically(path, text.ToString());
        return runs.Sum(r => r.Runs.Count);
    }

    private static void WriteRow(CsvWriter csv, HistoryEntry entry, RunRecord run, IReadOnlyList<string> metrics)
    {
        var t = run.Trial;
        foreach (var value in new[] { entry.Label, HistoryStore.Stamp(entry.AddedUtc), entry.Experiment, entry.Machine, t.TrialId, t.Arm, t.Dataset })
            CsvFiles.WriteText(csv, value);
        csv.WriteField(t.Seed, "");
        csv.WriteField(RunsCsv.StatusText(t.Status));
        csv.WriteField(run.Steps, "");
        csv.WriteField(run.WallSeconds, "");
        csv.WriteField(run.EvalSeconds, "");
        foreach (var value in new[] { run.Message, run.Platform.Device, run.Platform.Description, run.Implementation })
            CsvFiles.WriteText(csv, value);
        foreach (var metric in metrics)
            csv.WriteField(t.Metrics.TryGetValue(metric, out var v) ? v : null, "");
        csv.EndRecord();
    }
}
