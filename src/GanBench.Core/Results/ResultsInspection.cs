using GanBench.Core.Config;

namespace GanBench.Core.Results;

/// <summary>
/// A results folder as read before a run touches it: the finished trials, every problem that
/// makes the run refuse, and the repairs a kill makes necessary. Reading changes nothing; only
/// <see cref="Repair"/> writes, and <see cref="ResultsDirectory.Open"/> calls it only when there is
/// no problem.
/// </summary>
public sealed class ResultsInspection
{
    private const string Advice = "Use --out DIR for a fresh folder, or move the old results away";

    private readonly string _root;
    private readonly ResultsFileScan<RunRecord> _runs;
    private readonly ResultsFileScan<CurvePoint> _curves;
    private readonly ResultsFileScan<LayerGradientRow> _layers;
    private readonly IReadOnlyList<string> _runsHeader, _curvesHeader;

    public IReadOnlySet<string> Completed { get; }
    public IReadOnlyList<string> Problems { get; }

    private ResultsInspection(string root, ResultsExpectation expected, ResultsFileScan<RunRecord> runs, ResultsFileScan<CurvePoint> curves,
        ResultsFileScan<LayerGradientRow> layers, IReadOnlySet<string> completed, IReadOnlyList<string> problems)
    {
        _root = root;
        _runsHeader = expected.RunsHeader;
        _curvesHeader = expected.CurvesHeader;
        _runs = runs;
        _curves = curves;
        _layers = layers;
        Completed = completed;
        Problems = problems;
    }

    public static ResultsInspection Read(string root, ResultsExpectation expected)
    {
        string Path(string file) => System.IO.Path.Combine(root, file);
        const string headerAdvice = "it was written by another GanBench version or another experiment. " + Advice;
        var runsLayout = RunsLayout.Of(expected.RunsHeader, ResultsDirectory.RunsFile);
        var curvesLayout = CurvesLayout.Of(expected.CurvesHeader, ResultsDirectory.CurvesFile);
        var runs = ResultsFileScan<RunRecord>.Read(Path(ResultsDirectory.RunsFile), expected.RunsHeader, runsLayout.Parse, headerAdvice);
        var curves = ResultsFileScan<CurvePoint>.Read(Path(ResultsDirectory.CurvesFile), expected.CurvesHeader, curvesLayout.Parse, headerAdvice);
        var layers = ResultsFileScan<LayerGradientRow>.Read(Path(ResultsDirectory.LayerGradientsFile), LayerGradientsCsv.Header, LayerGradientsCsv.Parse, headerAdvice);

        var problems = new List<string>();
        problems.AddRange(runs.Problems);
        problems.AddRange(curves.Problems);
        problems.AddRange(layers.Problems);
        problems.AddRange(ConflictingDuplicates(runs));
        var completed = runs.Rows.Select(r => r.TrialId).ToHashSet(StringComparer.Ordinal);
        if (problems.Count == 0) problems.AddRange(ForeignTrials(root, runs, expected));
        // Only rows of this configuration's trials have an implementation to compare with.
        if (problems.Count == 0) problems.AddRange(OtherImplementation(runs, expected));
        return new ResultsInspection(root, expected, runs, curves, layers, completed, problems);
    }

    /// <summary>Two rows for one trial that differ: only the user can tell which is right. Identical copies are merely repaired.</summary>
    private static IEnumerable<string> ConflictingDuplicates(ResultsFileScan<RunRecord> runs) =>
        runs.Rows.GroupBy(r => r.TrialId).Where(g => g.Select(r => r.Text).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => $"{runs.Path}: lines {string.Join(" and ", g.Select(r => r.Line))} record trial {g.Key} with different values; delete the line(s) you do not trust (a deleted trial runs again)");

    private static IEnumerable<string> ForeignTrials(string root, ResultsFileScan<RunRecord> runs, ResultsExpectation expected)
    {
        var wanted = expected.TrialIds.ToHashSet(StringComparer.Ordinal);
        var foreign = runs.Rows.Where(r => !wanted.Contains(r.TrialId)).Select(r => r.TrialId).Distinct().ToList();
        if (foreign.Count == 0) yield break;
        string why = "";
        var earlier = System.IO.Path.Combine(root, ResultsDirectory.ResolvedConfigFile);
        if (expected.ResolvedConfig is not null && File.Exists(earlier))
        {
            var changes = ConfigDiff.Describe(File.ReadAllText(earlier), expected.ResolvedConfig);
            if (changes.Count > 0) why = $" The configuration changed: {string.Join("; ", changes)}.";
        }
        yield return $"{runs.Path}: holds {foreign.Count} finished trial(s) that this configuration does not produce (for example {foreign[0]}), so old and new rows would not be comparable.{why} {Advice}";
    }

    private static IEnumerable<string> OtherImplementation(ResultsFileScan<RunRecord> runs, ResultsExpectation expected)
    {
        if (expected.ImplementationOf is null) yield break;
        var differing = runs.Rows.Select(r => (Row: r, Now: expected.ImplementationOf(r.TrialId)))
            .Where(p => p.Row.Value.Implementation != p.Now).ToList();
        if (differing.Count == 0) yield break;
        var changes = differing.SelectMany(p => Implementation.Differences(p.Row.Value.Implementation, p.Now)).Distinct().ToList();
        yield return $"{runs.Path}: {differing.Count} finished trial(s) were computed by other code than this run would use ({string.Join("; ", changes)}); " +
                     $"their numbers would mix with new ones. {Advice} (a trial whose row you delete runs again)";
    }

    /// <summary>Drops what a kill leaves (a cut last line, rows of trials without a runs.csv row), duplicate identical rows and blank lines; deletes temporary files and checkpoints of finished trials.</summary>
    public void Repair()
    {
        Rewrite(_runs, _runsHeader, _ => true);
        Rewrite(_curves, _curvesHeader, Completed.Contains);
        Rewrite(_layers, LayerGradientsCsv.Header, Completed.Contains);
        DeleteTemporaryFiles();
        var checkpoints = System.IO.Path.Combine(_root, ResultsDirectory.CheckpointsFolder);
        if (Directory.Exists(checkpoints))
            foreach (var dir in Directory.EnumerateDirectories(checkpoints).Where(d => Completed.Contains(System.IO.Path.GetFileName(d))))
                Directory.Delete(dir, recursive: true);
    }

    private static void Rewrite<T>(ResultsFileScan<T> scan, IReadOnlyList<string> header, Func<string, bool> keep)
    {
        if (!scan.Exists) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = scan.Rows.Where(r => keep(r.TrialId) && seen.Add(r.Text)).Select(r => r.Text).ToList();
        if (kept.Count == scan.Rows.Count && !scan.CutLastLine && !scan.HasBlankLines) return;
        ResultsDirectory.WriteAtomically(scan.Path, string.Concat(kept.Prepend(CsvLine.Join(header)).Select(l => l + "\n")));
    }

    private void DeleteTemporaryFiles()
    {
        // Not recursive over the whole folder: shards/ below a results folder belongs to other processes.
        foreach (var temp in Directory.EnumerateFiles(_root).Where(f => ResultsDirectory.IsTemporary(System.IO.Path.GetFileName(f))))
            File.Delete(temp);
        var trials = System.IO.Path.Combine(_root, TrialArtifacts.Folder);
        if (Directory.Exists(trials))
            foreach (var temp in Directory.EnumerateFiles(trials, "*", SearchOption.AllDirectories).Where(f => ResultsDirectory.IsTemporary(System.IO.Path.GetFileName(f))))
                File.Delete(temp);
    }
}
