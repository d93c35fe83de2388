using System.Text;

namespace GanBench.Core.Results;

/// <summary>The user's results are in a state this run must not touch (incomparable rows, a file where a directory should be).</summary>
public sealed class ResultsConflictException(string message) : Exception(message);

/// <summary>
/// One experiment's output folder. Appends whole rows, writes everything else to a temporary file
/// and renames it, and on opening repairs what a kill -9 can leave behind, so that a resumed
/// sweep continues exactly where the last complete trial ended.
/// </summary>
public sealed class ResultsDirectory
{
    public const string RunsFile = "runs.csv", CurvesFile = "curves.csv", LayerGradientsFile = "layer_grads.csv", ResolvedConfigFile = "config.resolved.yaml";

    public string Root { get; }
    public string RunsPath => Path.Combine(Root, RunsFile);
    public string CurvesPath => Path.Combine(Root, CurvesFile);
    public string LayerGradientsPath => Path.Combine(Root, LayerGradientsFile);
    public string ResolvedConfigPath => Path.Combine(Root, ResolvedConfigFile);
    /// <summary>checkpoints/&lt;trial_id&gt;/ of trials still running (train.checkpoint_every).</summary>
    public string CheckpointsPath => Path.Combine(Root, CheckpointsFolder);
    public const string CheckpointsFolder = "checkpoints";

    /// <summary>Trial ids already recorded in runs.csv: a resumed run skips them.</summary>
    public IReadOnlySet<string> Completed { get; }

    private ResultsDirectory(string root, IReadOnlySet<string> completed)
    {
        Root = root;
        Completed = completed;
    }

    /// <summary>Checks, without creating anything, that a folder can be made at <paramref name="root"/>:
    /// the name is not empty and neither it nor a folder above it is a file.</summary>
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
    }

    /// <summary>Checks that <paramref name="root"/> can hold results without creating anything.</summary>
    /// <exception cref="ResultsConflictException">A file stands where the directory should be, or runs.csv
    /// holds trials this configuration does not produce.</exception>
    public static IReadOnlySet<string> Inspect(string root, IReadOnlyCollection<string> expectedTrialIds)
    {
        CheckLocation(root);
        var runs = Path.Combine(root, RunsFile);
        if (!File.Exists(runs)) return new HashSet<string>(StringComparer.Ordinal);

        IReadOnlyList<RunRecord> rows;
        try
        {
            // A row cut short by a kill is garbage either way; dropping it is the only change made here.
            DropTrailingPartialLine(runs);
            rows = RunsCsv.ReadRuns(runs);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            throw new ResultsConflictException($"{runs}: cannot be read as earlier results ({e.Message}); move it away or use --out DIR");
        }
        var expected = new HashSet<string>(expectedTrialIds, StringComparer.Ordinal);
        var foreign = rows.Select(r => r.Trial.TrialId).Where(id => !expected.Contains(id)).Distinct().ToList();
        if (foreign.Count > 0)
            throw new ResultsConflictException(
                $"{runs}: holds {foreign.Count} trial(s) that this configuration does not produce (for example {foreign[0]}); " +
                "the configuration changed in a way that makes the old rows incomparable. Use --out DIR to write elsewhere, or move the old results away");
        return rows.Select(r => r.Trial.TrialId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Creates or reopens the folder, repairing files after an interrupted run.</summary>
    public static ResultsDirectory Open(string root, IReadOnlyCollection<string> expectedTrialIds)
    {
        var completed = Inspect(root, expectedTrialIds);
        Directory.CreateDirectory(root);
        TakeLock(root);
        var directory = new ResultsDirectory(root, completed);
        directory.Repair();
        return directory;
    }

    public const string LockFile = ".lock";
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
            catch (IOException)
            {
                throw new ResultsConflictException($"{root}: another GanBench run is writing to this folder; wait for it to finish, or use --out DIR");
            }
        }
    }

    /// <summary>
    /// A kill can leave a last line without its newline, and curve rows of a trial whose runs.csv row
    /// was never written. Both are removed, so a resumed trial writes its curve once.
    /// </summary>
    private void Repair()
    {
        DeleteTemporaryFiles(Root);
        // Checkpoints of trials whose row was written before a kill could delete them.
        if (Directory.Exists(CheckpointsPath))
            foreach (var dir in Directory.EnumerateDirectories(CheckpointsPath).Where(d => Completed.Contains(Path.GetFileName(d))))
                Directory.Delete(dir, recursive: true);
        DropTrailingPartialLine(RunsPath);
        foreach (var path in new[] { CurvesPath, LayerGradientsPath })
        {
            DropTrailingPartialLine(path);
            KeepRowsOf(path, Completed);
        }
    }

    /// <summary>Temporary files of <see cref="WriteAtomically"/> that a kill left before their rename.</summary>
    private static void DeleteTemporaryFiles(string root)
    {
        // Not recursive over the whole folder: shards/ below a results folder belongs to other processes.
        var pattern = "*" + TempMarker + "*";
        foreach (var temp in Directory.EnumerateFiles(root, pattern))
            File.Delete(temp);
        var trials = Path.Combine(root, TrialArtifacts.Folder);
        if (Directory.Exists(trials))
            foreach (var temp in Directory.EnumerateFiles(trials, pattern, SearchOption.AllDirectories))
                File.Delete(temp);
    }

    private const string TempMarker = ".tmp-";

    private static void DropTrailingPartialLine(string path)
    {
        if (!File.Exists(path)) return;
        var bytes = File.ReadAllBytes(path);
        int end = bytes.Length;
        while (end > 0 && bytes[end - 1] != (byte)'\n') end--;
        if (end == bytes.Length) return;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.SetLength(end);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Keeps the header and the rows whose first field is a completed trial id.</summary>
    private static void KeepRowsOf(string path, IReadOnlySet<string> completed)
    {
        if (!File.Exists(path)) return;
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0) return;
        var kept = new List<string> { lines[0] };
        // Trial ids are hex, so the first field is never quoted and ends at the first comma.
        kept.AddRange(lines.Skip(1).Where(l => l.Length > 0 && completed.Contains(l.Split(',', 2)[0])));
        if (kept.Count == lines.Length) return;
        WriteAtomically(path, string.Join("\n", kept) + "\n");
    }

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
    public static void WriteAtomically(string path, string content)
    {
        var temp = path + TempMarker + Environment.ProcessId;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
