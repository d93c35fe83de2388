using GanBench.Core.Results;

namespace GanBench.Cli.Tests.Survival;

/// <summary>A results folder read back whole, to compare two runs value by value and bit by bit.</summary>
internal sealed record SweepResults(
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<CurvePoint> Curves,
    IReadOnlyList<LayerGradientRow> Layers,
    IReadOnlyDictionary<string, string> TrialFiles)
{
    public static SweepResults Read(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var trials = Path.Combine(root, TrialArtifacts.Folder);
        if (Directory.Exists(trials))
            foreach (var f in Directory.EnumerateFiles(trials, "*", SearchOption.AllDirectories))
                files[Path.GetRelativePath(root, f)] = File.ReadAllText(f);
        return new SweepResults(
            RunsCsv.ReadRuns(Path.Combine(root, ResultsDirectory.RunsFile)),
            RunsCsv.ReadCurves(Path.Combine(root, ResultsDirectory.CurvesFile)),
            LayerGradientsCsv.Read(Path.Combine(root, ResultsDirectory.LayerGradientsFile)),
            files);
    }

    public IReadOnlyList<string> TrialIds => Runs.Select(r => r.Trial.TrialId).ToList();

    private static long? Bits(double? v) => v is double d ? BitConverter.DoubleToInt64Bits(d) : null;

    /// <summary>Asserts the same trials with bit-identical metric values, curves, layer gradients and
    /// per-trial files. Only wall_seconds may differ.</summary>
    public static void AssertBitIdentical(SweepResults expected, SweepResults actual)
    {
        Assert.Equal(expected.TrialIds.Order(), actual.TrialIds.Order());
        Assert.Equal(expected.TrialIds.Count, expected.TrialIds.Distinct().Count());
        var byId = actual.Runs.ToDictionary(r => r.Trial.TrialId);
        foreach (var e in expected.Runs)
        {
            var a = byId[e.Trial.TrialId];
            Assert.Equal((e.Trial.Arm, e.Trial.Dataset, e.Trial.Seed, e.Trial.Status, e.Steps), (a.Trial.Arm, a.Trial.Dataset, a.Trial.Seed, a.Trial.Status, a.Steps));
            Assert.Equal(e.Trial.Metrics.Keys.Order(), a.Trial.Metrics.Keys.Order());
            foreach (var (metric, value) in e.Trial.Metrics)
                Assert.True(Bits(value) == Bits(a.Trial.Metrics[metric]), $"{e.Trial.TrialId} {metric}: {value:R} vs {a.Trial.Metrics[metric]:R}");
        }
        static string Key(CurvePoint p) => $"{p.TrialId}@{p.Step}";
        Assert.Equal(expected.Curves.Select(Key).Order(), actual.Curves.Select(Key).Order());
        var curves = actual.Curves.ToDictionary(Key);
        foreach (var e in expected.Curves)
            foreach (var (metric, value) in e.Metrics)
                Assert.True(Bits(value) == Bits(curves[Key(e)].Metrics[metric]), $"curve {Key(e)} {metric}");
        static string LayerKey(LayerGradientRow r) => $"{r.TrialId}@{r.Step}/{r.Network}/{r.Layer}";
        Assert.Equal(expected.Layers.Select(LayerKey).Order(), actual.Layers.Select(LayerKey).Order());
        var layers = actual.Layers.ToDictionary(LayerKey);
        foreach (var e in expected.Layers)
            Assert.True(Bits(e.GradNorm) == Bits(layers[LayerKey(e)].GradNorm), $"layer {LayerKey(e)}");
        Assert.Equal(expected.TrialFiles.Keys, actual.TrialFiles.Keys);
        foreach (var (file, text) in expected.TrialFiles)
            Assert.True(text == actual.TrialFiles[file], $"{file} differs");
    }
}
