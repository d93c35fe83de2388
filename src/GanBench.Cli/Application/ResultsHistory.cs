using System.Globalization;
using GanBench.Core.Results;
using GanBench.History;
using GanBench.Cli.Output;
using GanBench.Reports;

namespace GanBench.Cli.Application;

/// <summary>`history add | show | export | rebuild`: the results history of nightly sweeps (an SQLite file).</summary>
public static class ResultsHistory
{
    /// <summary>Beside the results folders that `run` writes by default.</summary>
    public static readonly string DefaultPath = Path.Combine("results", HistoryImport.DefaultFileName);

    public static void Add(string folder, string historyPath, string? label, CliConsole console)
    {
        var (runs, loaded) = ReadFinished(folder, "add");
        string experiment = loaded.Config!.Name;
        using var store = Open(historyPath, create: true, "add");
        var entry = Guard("add", () => HistoryImport.Add(store, folder, experiment, runs, loaded.Trials.Select(t => t.TrialId).ToList(), label, DateTimeOffset.UtcNow));
        console.Line($"added {folder} to {historyPath} as '{entry.Label}': experiment {experiment}, {entry.Trials} trial(s); " +
                     $"the history holds {store.Entries(experiment).Count} run(s) of it");
    }

    public static void Export(string historyPath, string csvPath, CliConsole console)
    {
        using var store = Open(historyPath, create: false, "export");
        int rows = HistoryExport.Write(store, csvPath);
        console.Line($"wrote {csvPath}: {rows} trial row(s) of {store.Entries().Count} run(s)");
    }

    /// <summary>A new history from results folders that were added before (their history.json gives label, time and
    /// the gate's verdicts); folders never added get their folder name as label and runs.csv's time.</summary>
    public static void Rebuild(IReadOnlyList<string> folders, string historyPath, CliConsole console)
    {
        if (File.Exists(historyPath) || Directory.Exists(historyPath))
            throw new UsageException($"error: history rebuild: {historyPath} exists; rebuild writes a new history: move it away first, or name another file with --history");
        var added = folders.Select(folder =>
        {
            var (runs, loaded) = ReadFinished(folder, "rebuild");
            var marker = Guard("rebuild", () => HistoryImport.ReadMarker(folder));
            var time = marker?.AddedUtc ?? new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(folder, ResultsDirectory.RunsFile)));
            return (Folder: folder, Runs: runs, Trials: loaded.Trials.Select(t => t.TrialId).ToList(), Experiment: marker?.Experiment ?? loaded.Config!.Name,
                Label: marker?.Label ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), Time: time, Marks: marker?.Marks ?? []);
        }).OrderBy(f => f.Time).ToList();

        string staging = $"{historyPath}.rebuild-{Environment.ProcessId}";
        try
        {
            using (var store = Open(staging, create: true, "rebuild"))
                foreach (var f in added)
                    Guard("rebuild", () => HistoryImport.Add(store, f.Folder, f.Experiment, f.Runs, f.Trials, f.Label, f.Time, f.Marks));
            File.Move(staging, historyPath);
        }
        finally
        {
            if (File.Exists(staging)) File.Delete(staging);
        }
        console.Line($"rebuilt {historyPath} from {added.Count} results folder(s), oldest first: {string.Join(", ", added.Select(f => $"'{f.Label}'"))}");
    }

    public static void Show(HistoryShowRequest request, CliConsole console)
    {
        using var store = Open(request.HistoryPath, create: false, "show");
        string experiment = ChooseExperiment(store, request.Experiment);
        var table = HistoryTrends.Build(store, experiment, request.Last, request.Metric);
        if (request.Metric is not null && table.Rows.Count == 0)
        {
            var known = store.Entries(experiment).SelectMany(store.Runs).SelectMany(r => r.Trial.Metrics.Keys).Distinct().ToList();
            throw new UsageException($"error: history show: no run of {experiment} records metric '{request.Metric}'{Core.Config.Suggest.DidYouMean(request.Metric, known)}");
        }
        HistoryTrendText.Write(table, console.Out);
        string plots = request.PlotsDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.HistoryPath))!, "history-plots", TrendPlots.FolderName(experiment));
        int written = HistoryTrendText.DrawPlots(table, plots);
        console.Line($"wrote {written} trend plot(s) in {plots}");
    }

    /// <summary>Opens the history for a command, with its errors as one line and exit 2.</summary>
    public static HistoryStore Open(string path, bool create, string verb) => Guard(verb, () => HistoryStore.Open(path, create));

    /// <summary>The experiment to show: the one named, or the only one in the store.</summary>
    private static string ChooseExperiment(HistoryStore store, string? named)
    {
        var experiments = store.Entries().Select(e => e.Experiment).Distinct(StringComparer.Ordinal).ToList();
        if (experiments.Count == 0) throw new UsageException($"error: history show: {store.Path} holds no run yet; add one with `history add RESULTS_DIR`");
        if (named is null)
            return experiments.Count == 1 ? experiments[0]
                : throw new UsageException($"error: history show: {store.Path} holds several experiments; name one with --experiment: {string.Join(", ", experiments)}");
        return experiments.Contains(named, StringComparer.Ordinal) ? named
            : throw new UsageException($"error: history show: {store.Path} has no run of experiment '{named}'{Core.Config.Suggest.DidYouMean(named, experiments)}; it holds: {string.Join(", ", experiments)}");
    }

    /// <summary>The folder's runs and its configuration; refuses a folder that is not a results folder.</summary>
    private static (IReadOnlyList<RunRecord> Runs, LoadedExperiment Loaded) ReadFinished(string folder, string verb)
    {
        IReadOnlyList<RunRecord> runs;
        try
        {
            runs = ResultsData.ReadRuns(folder);
        }
        catch (ReportInputException e)
        {
            throw new UsageException($"error: history {verb}: {e.Message}");
        }
        string config = Path.Combine(folder, ResultsDirectory.ResolvedConfigFile);
        if (!File.Exists(config))
            throw new UsageException($"error: history {verb}: {folder}: has no {ResultsDirectory.ResolvedConfigFile}, so which trials the sweep should hold is unknown; is it a results folder of GanBench?");
        return (runs, ExperimentInput.LoadOrThrow(config));
    }

    private static T Guard<T>(string verb, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (HistoryException e)
        {
            throw new UsageException($"error: history {verb}: {e.Message}");
        }
    }
}

/// <param name="Last">How many of the latest runs to show.</param>
/// <param name="PlotsDirectory">Where the trend PNGs go; null: history-plots/EXPERIMENT beside the history file.</param>
public sealed record HistoryShowRequest(string HistoryPath, string? Experiment, string? Metric, int Last, string? PlotsDirectory);
