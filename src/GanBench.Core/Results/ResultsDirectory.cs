using System.Text;
using GanBench.Core.Config;

namespace GanBench.Core.Results;

/// <summary>The user's results are in a state this run must not touch: each line says what is wrong and what to do.</summary>
public sealed class ResultsConflictException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public ResultsConflictException(string problem) : this([problem]) { }
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>What a run expects of the results folder it writes into.</summary>
public sealed record ResultsExpectation
{
    /// <summary>Every trial this run may record there (one shard's, or the whole sweep's).</summary>
    public required IReadOnlyList<string> TrialIds { get; init; }
    public required IReadOnlyList<string> RunsHeader { get; init; }
    public required IReadOnlyList<string> CurvesHeader { get; init; }
    /// <summary>The implementation text (see <see cref="Implementation"/>) this run records for a trial; finished rows must carry the same.</summary>
    public Func<string, string>? ImplementationOf { get; init; }
    /// <summary>The config.resolved.yaml this run writes, so a refusal can say which keys changed.</summary>
    public string? ResolvedConfig { get; init; }

    /// <param name="all">Every trial of the experiment: the columns come from all of them, so shards write one header.</param>
    /// <param name="inScope">The trials this run may record (a shard's share), by id.</param>
    public static ResultsExpectation For(IReadOnlyList<TrialSpec> all, IEnumerable<string> inScope, IReadOnlyList<string> metricColumns,
        Func<string, string>? implementationOf = null, string? resolvedConfig = null) => new()
    {
        TrialIds = inScope.ToList(),
        RunsHeader = RunsCsv.RunsHeader(TrialSetup.OptionColumns(all), metricColumns),
        CurvesHeader = RunsCsv.CurvesHeader(metricColumns),
        ImplementationOf = implementationOf,
        ResolvedConfig = resolvedConfig,
    };
}

/// <summary>
/// One experiment's output folder. Appends whole rows, writes everything else to a temporary file
/// and renames it. Opening reads every file first and changes nothing unless all of them are what
/// GanBench writes; only then does it repair what a kill -9 leaves behind (a cut last line, rows of
/// a trial that never got its runs.csv row, a duplicated identical row), so a resumed sweep
/// continues exactly where the last complete trial ended.
/// </summary>
public sealed class ResultsDirectory
{
    public const string RunsFile = "runs.csv", CurvesFile = "curves.csv", LayerGradientsFile = "layer_grads.csv", ResolvedConfigFile = "config.resolved.yaml";
    public const string CheckpointsFolder = "checkpoints", LockFile = ".lock";
    /// <summary>Written by merge beside the files it merged; a run that adds rows removes it, since the files are then no longer just the shards.</summary>
    public const string MergeMarkerFile = "merged-from-shards.txt";
    private const string TempMarker = ".tmp-";

    public string Root { get; }
    public string RunsPath => Path.Combine(Root, RunsFile);
    public string CurvesPath => Path.Combine(Root, CurvesFile);
    public string LayerGradientsPath => Path.Combine(Root, LayerGradientsFile);
    public string ResolvedConfigPath => Path.Combine(Root, ResolvedConfigFile);
    /// <summary>checkpoints/&lt;trial_id&gt;/ of trials still running (train.checkpoint_every).</summary>
    public string CheckpointsPath => Path.Combine(Root, CheckpointsFolder);

    /// <summary>Trial ids already recorded in runs.csv: a resumed run skips them.</summary>
    public IReadOnlySet<string> Completed { get; }

    private ResultsDirectory(string root, IReadOnlySet<string> completed)
    {
        Root = root;
        Completed = completed;
    }

    /// <summary>Checks, without creating anything, that a folder can be made at <paramref name="root"/>:
    /// the name is not empty, neither it nor a folder above it is a file, and an existing folder is
    /// empty or a results folder (`--out /` or `--out ~/Documents` would scatter runs.csv, plots/ and
    /// trials/ among someone's files).</summary>
    /// <exception cref="ResultsConflictException">It cannot.</exception>
    public static void CheckLocation(string root)
    {
        if (string.IsNullOrWhiteSpace(root))
            throw new ResultsConflictException("the results folder name is empty; pass --out DIR");
        if (File.Exists(root))
            throw new ResultsConflictException($"{root}: is a file, not a directory; choose another --out");
        // A file further up would make creating the folder fail half-way; say so before anything is made.
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(root)); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
                throw new ResultsConflictException($"{root}: {dir} is a file, so the folder cannot be created there; choose another --out");
            if (Directory.Exists(dir)) break;
        }
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).ToList() is { Count: > 0 } entries
            && !entries.Any(e => OwnEntries.Contains(e!)))
            throw new ResultsConflictException(
                $"{root}: the folder exists and holds other files ({string.Join(", ", entries.Order(StringComparer.Ordinal).Take(3))}{(entries.Count > 3 ? ", …" : "")}) but no GanBench results; " +
                "name a new or empty folder with --out, or a results folder to resume");
    }

    /// <summary>What a run writes first (the lock, the resolved configuration) and what only GanBench writes: one of them marks a results folder.</summary>
    private static readonly HashSet<string> OwnEntries =
        [LockFile, ResolvedConfigFile, RunsFile, CurvesFile, ShardSpec.ShardsFolder, TrialArtifacts.Folder, CheckpointsFolder];

    /// <summary>Reads the folder and decides, without changing anything, which trials are done and what a kill left to repair.</summary>
    /// <exception cref="ResultsConflictException">A file is not what GanBench writes, or holds trials or code this run does not produce.</exception>
    public static ResultsInspection Inspect(string root, ResultsExpectation expected)
    {
        CheckLocation(root);
        var inspection = ResultsInspection.Read(root, expected);
        if (inspection.Problems.Count > 0) throw new ResultsConflictException(inspection.Problems);
        return inspection;
    }

    /// <summary>Creates or reopens the folder and, once every file checked out, repairs what an interrupted run left.</summary>
    public static ResultsDirectory Open(string root, ResultsExpectation expected)
    {
        Inspect(root, expected);
        try { Directory.CreateDirectory(root); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultsConflictException($"{root}: cannot create the results folder ({e.Message}); choose a writable --out");
        }
        TakeLock(root);
        // Again under the lock: a run that finished in between may have added rows.
        var inspection = Inspect(root, expected);
        inspection.Repair();
        if (expected.TrialIds.Any(id => !inspection.Completed.Contains(id)))
            File.Delete(Path.Combine(root, MergeMarkerFile));
        return new ResultsDirectory(root, inspection.Completed);
    }

    private static readonly Dictionary<string, FileStream> HeldLocks = new(StringComparer.Ordinal);

    /// <summary>
    /// One writer per results folder: two sweeps appending to the same files would duplicate
    /// trials. The lock is an exclusive open of .lock, held until the process ends, and the
    /// operating system drops it when the process dies, so a killed run never leaves it stuck.
    /// </summary>
    private static void TakeLock(string root)
    {
        var full = Path.GetFullPath(root);
        lock (HeldLocks)
        {
            if (HeldLocks.ContainsKey(full)) return;
            try
            {
                HeldLocks[full] = new FileStream(Path.Combine(full, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (IsSharingViolation(e))
            {
                throw new ResultsConflictException($"{root}: another GanBench run is writing to this folder; wait for it to finish, or use --out DIR");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ResultsConflictException($"{root}: cannot write to this folder ({e.Message}); choose a writable --out");
            }
        }
    }

    /// <summary>EWOULDBLOCK (11) from the advisory lock on Unix, ERROR_SHARING_VIOLATION on Windows; anything else (a read-only file system) is another problem.</summary>
    private static bool IsSharingViolation(IOException e) => (e.HResult & 0xFFFF) is 11 or 32;

    /// <summary>
    /// Puts the rows of runs.csv, curves.csv and layer_grads.csv in the experiment's trial order
    /// (rows of one trial keep their order). Parallel trials append in completion order; sorting
    /// at the end makes the files, and everything built from them, the same whatever ran first.
    /// Rows are one line each (messages are written on one line), so a line sort is a row sort.
    /// </summary>
    public void SortRows(IReadOnlyList<string> trialOrder)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < trialOrder.Count; i++) rank.TryAdd(trialOrder[i], i);
        foreach (var path in new[] { RunsPath, CurvesPath, LayerGradientsPath })
        {
            if (!File.Exists(path)) continue;
            var lines = File.ReadAllLines(path, Encoding.UTF8);
            if (lines.Length <= 2) continue;
            var rows = lines.Skip(1).Where(l => l.Length > 0)
                .Select((line, i) => (line, i, rank: rank.TryGetValue(line.Split(',', 2)[0], out int r) ? r : int.MaxValue))
                .OrderBy(x => x.rank).ThenBy(x => x.i).Select(x => x.line);
            var sorted = string.Join("\n", rows.Prepend(lines[0])) + "\n";
            if (sorted != string.Join("\n", lines) + "\n")
                WriteAtomically(path, sorted);
        }
    }

    /// <summary>Writes to a temporary file beside the target and renames it over, so readers see the old or the new file, never half of one.</summary>
    public static void WriteAtomically(string path, string content) => WriteAtomically(path, new UTF8Encoding(false).GetBytes(content));

    /// <summary>The same for binary content, such as a PNG.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var temp = path + TempMarker + Environment.ProcessId;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Whether a file name is a temporary of <see cref="WriteAtomically"/> that a kill left before its rename.</summary>
    public static bool IsTemporary(string fileName) => fileName.Contains(TempMarker, StringComparison.Ordinal);
}
