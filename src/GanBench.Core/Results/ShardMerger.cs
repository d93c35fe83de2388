using System.Globalization;

namespace GanBench.Core.Results;

/// <summary>Shards that cannot be merged; every problem found is listed, one per entry.</summary>
public sealed class ShardMergeException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>The shard folders of one results folder, checked to be one complete set from one configuration.</summary>
/// <param name="ResolvedConfigPath">config.resolved.yaml of the first shard; every shard's is byte-identical.</param>
public sealed record ShardSet(string Root, IReadOnlyList<ShardSpec> Shards, string ResolvedConfigPath);

/// <summary>
/// `merge`: puts the shard folders of a results folder (shards/&lt;i&gt;-of-&lt;n&gt;/) back together.
/// It refuses unless every shard of one count is present, all ran the same resolved configuration
/// (byte-identical config.resolved.yaml), and each holds exactly its own share of the trials, each
/// once. It then writes runs.csv, curves.csv and layer_grads.csv in the configuration's trial
/// order (the order a single process would have written them), copies trials/&lt;id&gt;/, and the
/// caller builds the reports. Every file is replaced by rename, so an interrupted merge can simply
/// be run again; shard folders are only read.
/// </summary>
public static class ShardMerger
{
    /// <summary>Written beside the merged files; a results folder with runs.csv but without it came from
    /// an unsharded run, which merge will not overwrite.</summary>
    public const string MarkerFile = ResultsDirectory.MergeMarkerFile;

    /// <summary>Where a sweep with tensorboard: true writes its event files.</summary>
    public const string TensorBoardFolder = "tensorboard";

    /// <summary>Finds the shard folders and checks they form one complete set from one configuration.</summary>
    /// <exception cref="ShardMergeException">They do not.</exception>
    public static ShardSet Discover(string root)
    {
        if (File.Exists(root))
            throw new ShardMergeException([$"error: merge: {root} is a file; give the results folder that holds shards/"]);
        if (!Directory.Exists(root))
            throw new ShardMergeException([$"error: merge: {root}: no such folder"]);
        var shardsDir = Path.Combine(root, ShardSpec.ShardsFolder);
        if (!Directory.Exists(shardsDir))
            throw new ShardMergeException([$"error: merge: {root} has no {ShardSpec.ShardsFolder}/ folder; shards are written by `run ... --shard i/n --out {root}`"]);

        var problems = new List<string>();
        var shards = new List<ShardSpec>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(shardsDir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (Directory.Exists(entry) && ShardSpec.FromDirectoryName(name) is { } spec)
                shards.Add(spec);
            else
                problems.Add($"error: merge: {entry}: not a shard folder (expected names like 0-of-4); move it away");
        }
        if (shards.Count == 0 && problems.Count == 0)
            problems.Add($"error: merge: {shardsDir} is empty; no shard has run yet");

        var counts = shards.Select(s => s.Count).Distinct().Order().ToList();
        if (counts.Count > 1)
            problems.Add($"error: merge: {shardsDir} mixes shard counts {string.Join(", ", counts)} " +
                         $"({string.Join(", ", shards.Select(s => s.DirectoryName))}); keep the folders of one count and move the others away");
        else if (counts.Count == 1)
        {
            int n = counts[0];
            var missing = Enumerable.Range(0, n).Where(i => !shards.Any(s => s.Index == i)).ToList();
            foreach (var i in missing)
                problems.Add($"error: merge: shard {i}/{n} is missing ({Path.Combine(shardsDir, $"{i}-of-{n}")} does not exist); run it with --shard {i}/{n} --out {root}");
        }

        string? reference = null, referenceText = null;
        foreach (var shard in shards)
        {
            var config = Path.Combine(shard.DirectoryUnder(root), ResultsDirectory.ResolvedConfigFile);
            if (!File.Exists(config))
            {
                problems.Add($"error: merge: {config} is missing; shard {shard} has not started, or was not written by GanBench");
                continue;
            }
            var text = File.ReadAllText(config);
            if (reference is null) { reference = config; referenceText = text; }
            else if (text != referenceText)
                problems.Add($"error: merge: {config} differs from {reference}: the shards ran different configurations; " +
                             "re-run the stale shards with the current experiment file, or merge them into separate folders");
        }
        if (problems.Count > 0) throw new ShardMergeException(problems);
        return new ShardSet(root, shards.OrderBy(s => s.Index).ToList(), reference!);
    }

    /// <summary>Checks that each shard holds exactly its share of <paramref name="trialIdsInOrder"/> and writes the merged files into <see cref="ShardSet.Root"/>.</summary>
    /// <param name="trialIdsInOrder">Every trial id of the configuration (loaded from <see cref="ShardSet.ResolvedConfigPath"/>), in run order.</param>
    /// <exception cref="ShardMergeException">A shard is incomplete, holds foreign or duplicate trials, or a file cannot be read.</exception>
    public static void Merge(ShardSet set, IReadOnlyList<string> trialIdsInOrder)
    {
        var collected = Collect(set, trialIdsInOrder);
        Write(set, collected);
    }

    /// <summary>What the shards hold, checked: every trial once, in its own shard, with agreeing headers.</summary>
    private sealed class Collected(IReadOnlyList<string> trialIdsInOrder)
    {
        public Dictionary<string, int> Order { get; } = trialIdsInOrder.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        public Dictionary<string, (RunRecord Run, ShardSpec Shard)> Runs { get; } = new(StringComparer.Ordinal);
        public List<CurvePoint> Curves { get; } = [];
        public List<LayerGradientRow> Layers { get; } = [];
        public IReadOnlyList<string>? RunsHeader, CurvesHeader;
        public string? RunsHeaderFrom, CurvesHeaderFrom;
        public List<(RunRecord Run, ShardSpec Shard)> Ordered => [.. Runs.Values.OrderBy(r => Order[r.Run.Trial.TrialId])];
    }

    /// <exception cref="ShardMergeException">Every problem found, before anything is written.</exception>
    private static Collected Collect(ShardSet set, IReadOnlyList<string> trialIdsInOrder)
    {
        var root = set.Root;
        var problems = new List<string>();
        if (File.Exists(Path.Combine(root, ResultsDirectory.RunsFile)) && !File.Exists(Path.Combine(root, MarkerFile)))
            problems.Add($"error: merge: {Path.Combine(root, ResultsDirectory.RunsFile)} exists and was not written by merge (an unsharded run wrote it); " +
                         "move it away, or run the shards with another --out");
        var collected = new Collected(trialIdsInOrder);
        foreach (var shard in set.Shards)
        {
            var dir = shard.DirectoryUnder(root);
            var expected = trialIdsInOrder.Where(shard.Contains).ToHashSet(StringComparer.Ordinal);
            var seen = CollectRuns(shard, dir, root, expected, collected, problems);
            if (seen is null) continue;
            var curvesPath = Path.Combine(dir, ResultsDirectory.CurvesFile);
            if (File.Exists(curvesPath) && SameHeader(curvesPath, ref collected.CurvesHeader, ref collected.CurvesHeaderFrom, problems) && TryRead(() => RunsCsv.ReadCurves(curvesPath), problems, out var points))
                collected.Curves.AddRange(points.Where(p => seen.Contains(p.TrialId) && expected.Contains(p.TrialId)));
            var layersPath = Path.Combine(dir, ResultsDirectory.LayerGradientsFile);
            if (File.Exists(layersPath) && TryRead(() => LayerGradientsCsv.Read(layersPath), problems, out var rows))
                collected.Layers.AddRange(rows.Where(r => seen.Contains(r.TrialId) && expected.Contains(r.TrialId)));
        }
        if (problems.Count > 0) throw new ShardMergeException(problems);
        return collected;
    }

    /// <summary>The trial ids one shard's runs.csv holds (null when it cannot be read), each checked against the shard it belongs to.</summary>
    private static HashSet<string>? CollectRuns(ShardSpec shard, string dir, string root, HashSet<string> expected, Collected collected, List<string> problems)
    {
        var runsPath = Path.Combine(dir, ResultsDirectory.RunsFile);
        IReadOnlyList<RunRecord> shardRuns = [];
        if (File.Exists(runsPath))
        {
            if (!TryRead(() => RunsCsv.ReadRuns(runsPath), problems, out shardRuns)) return null;
            if (!SameHeader(runsPath, ref collected.RunsHeader, ref collected.RunsHeaderFrom, problems)) return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in shardRuns)
        {
            var id = run.Trial.TrialId;
            if (!seen.Add(id))
                problems.Add($"error: merge: {runsPath} holds trial {id} twice");
            else if (!expected.Contains(id))
                problems.Add(collected.Order.ContainsKey(id)
                    ? $"error: merge: {runsPath} holds trial {id}, which belongs to shard {ShardSpec.ShardOf(id, shard.Count)}/{shard.Count}, not {shard}"
                    : $"error: merge: {runsPath} holds trial {id}, which the configuration does not produce");
            else if (collected.Runs.TryGetValue(id, out var other))
                problems.Add($"error: merge: trial {id} is in both shard {other.Shard} and shard {shard}");
            else
                collected.Runs[id] = (run, shard);
        }
        int done = expected.Count(seen.Contains);
        if (done < expected.Count)
            problems.Add($"error: merge: shard {shard} is incomplete: {done} of {expected.Count} trial(s) done; resume it with --shard {shard} --out {root}");
        return seen;
    }

    /// <summary>Stages the merged files in a folder beside the outputs, then renames them file by file.</summary>
    private static void Write(ShardSet set, Collected collected)
    {
        var root = set.Root;
        var staging = Path.Combine(root, $".merge-{Environment.ProcessId}");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            ResultsDirectory.WriteAtomically(Path.Combine(root, MarkerFile),
                $"merged {set.Shards.Count} shard(s) of {set.Shards[0].Count}, {collected.Runs.Count} trial(s), at {DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)}\n");
            File.Copy(set.ResolvedConfigPath, Path.Combine(staging, ResultsDirectory.ResolvedConfigFile));
            var ordered = collected.Ordered;
            WriteTables(staging, collected, ordered);
            CopyTrialFolders(root, ordered);
            CopyTensorBoardLogs(root, ordered);
            foreach (var file in Directory.EnumerateFiles(staging))
                File.Move(file, Path.Combine(root, Path.GetFileName(file)), overwrite: true);
            // A merge of shards without any curve or layer rows must not leave older merged rows behind.
            foreach (var name in new[] { ResultsDirectory.RunsFile, ResultsDirectory.CurvesFile, ResultsDirectory.LayerGradientsFile })
                if (ordered.Count == 0 || (name == ResultsDirectory.CurvesFile && collected.CurvesHeader is null) || (name == ResultsDirectory.LayerGradientsFile && collected.Layers.Count == 0))
                    File.Delete(Path.Combine(root, name));
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static void WriteTables(string staging, Collected collected, List<(RunRecord Run, ShardSpec Shard)> ordered)
    {
        if (collected.RunsHeader is not null)
        {
            var (optionColumns, metricColumns) = RunsCsv.SplitHeader(collected.RunsHeader);
            var writer = new RunsCsvWriter(Path.Combine(staging, ResultsDirectory.RunsFile), optionColumns, metricColumns);
            foreach (var (run, _) in ordered) writer.Append(run);
        }
        if (collected.CurvesHeader is not null)
        {
            var metricColumns = collected.CurvesHeader.Where(c => !RunsCsv.CurveKeyColumns.Contains(c)).ToList();
            var writer = new CurvesCsvWriter(Path.Combine(staging, ResultsDirectory.CurvesFile), metricColumns);
            // A stable sort keeps each trial's steps in the order they were written.
            writer.Append(collected.Curves.OrderBy(p => collected.Order[p.TrialId]));
        }
        LayerGradientsCsv.Append(Path.Combine(staging, ResultsDirectory.LayerGradientsFile), collected.Layers.OrderBy(r => collected.Order[r.TrialId]));
    }

    private static void CopyTrialFolders(string root, List<(RunRecord Run, ShardSpec Shard)> ordered)
    {
        foreach (var (run, shard) in ordered)
        {
            var from = TrialArtifacts.DirectoryFor(shard.DirectoryUnder(root), run.Trial.TrialId);
            if (!Directory.Exists(from)) continue;
            var to = TrialArtifacts.DirectoryFor(root, run.Trial.TrialId);
            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(from).Where(f => !ResultsDirectory.IsTemporary(Path.GetFileName(f))))
            {
                var target = Path.Combine(to, Path.GetFileName(file));
                var temp = target + ".tmp-" + Environment.ProcessId;
                File.Copy(file, temp, overwrite: true);
                File.Move(temp, target, overwrite: true);
            }
        }
    }

    /// <summary>TensorBoard logs (tensorboard: true) are one folder per trial; they are copied as they are.</summary>
    private static void CopyTensorBoardLogs(string root, List<(RunRecord Run, ShardSpec Shard)> ordered)
    {
        foreach (var shard in ordered.Select(o => o.Shard).Distinct())
        {
            var logs = Path.Combine(shard.DirectoryUnder(root), TensorBoardFolder);
            if (!Directory.Exists(logs)) continue;
            foreach (var file in Directory.EnumerateFiles(logs, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, TensorBoardFolder, Path.GetRelativePath(logs, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
    }

    private static bool SameHeader(string path, ref IReadOnlyList<string>? header, ref string? from, List<string> problems)
    {
        IReadOnlyList<string> actual;
        try { actual = CsvFiles.ReadHeader(path); }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            problems.Add($"error: merge: {path}: cannot be read ({OneLine(e.Message)})");
            return false;
        }
        if (header is null) { header = actual; from = path; return true; }
        if (header.SequenceEqual(actual, StringComparer.Ordinal)) return true;
        problems.Add($"error: merge: {path} has a different header from {from}; the shards were written by different GanBench versions");
        return false;
    }

    private static bool TryRead<T>(Func<T> read, List<string> problems, out T value)
    {
        try
        {
            value = read();
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            problems.Add($"error: merge: {OneLine(e.Message)}");
            value = default!;
            return false;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
