using System.Text.Json;
using System.Text.Json.Nodes;
using GanBench.Core.Config;
using GanBench.Core.Data;
using GanBench.Core.Metrics;
using GanBench.Core.Datasets;

namespace GanBench.Cli.Scoring;

/// <param name="Step">Which step of a samples.csv (step,x,y) to read; null: the last.</param>
public sealed record W1Request(string A, string B, int Seed, int? Step);

/// <param name="Dataset">A mixture preset; null inside a results folder, where the run's dataset is used.</param>
/// <param name="Threshold">High-quality radius in component standard deviations; null: the run's, else 3.</param>
public sealed record ModesRequest(string Samples, string? Dataset, int Seed, int? Step, double? Threshold);

/// <summary>
/// `metrics w1` and `metrics modes`: the harness's own metric definitions applied to samples from
/// anywhere, printed as JSON.
/// </summary>
public static class SampleScoring
{
    public const int SlicedDirections = 128;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void W1(W1Request request, CliConsole console)
    {
        var problems = new List<string>();
        var a = ReadEither(request.A, request.Step, problems);
        var b = ReadEither(request.B, request.Step, problems);
        if (a is not null && b is not null && a.Dimension != b.Dimension)
            problems.Add($"error: metrics w1: {a.File} has {a.Dimension} column(s) but {b.File} has {b.Dimension}; both samples must have the same dimension");
        if (problems.Count > 0) throw new UsageException(problems);
        Print(console, new JsonObject
        {
            ["n_a"] = a!.Count,
            ["n_b"] = b!.Count,
            ["dimension"] = a.Dimension,
            ["w1_exact"] = Measure(() => Wasserstein.Exact(a.Values, b.Values, a.Dimension), a, b),
            ["w1_sliced"] = Wasserstein.Sliced(a.Values, b.Values, a.Dimension, SlicedDirections, request.Seed),
            ["sliced_directions"] = SlicedDirections,
            ["seed"] = request.Seed,
        });
    }

    /// <summary>Both files are read whatever the first one holds, so one run names every broken input.</summary>
    private static PointSet? ReadEither(string path, int? step, List<string> problems)
    {
        try { return ReadPoints(path, IsSamplesFile(path) ? step : null); }
        catch (UsageException e) { problems.AddRange(e.Problems); return null; }
    }

    public static void Modes(ModesRequest request, CliConsole console)
    {
        // A named dataset is checked first: a typo there is the problem to report, whatever the file.
        var named = request.Dataset is { } name ? NamedDataset(name) : null;
        var samples = ReadPoints(request.Samples, request.Step);
        var run = RunContext.Find(request.Samples);
        var dataset = run?.Trial.Dataset ?? named ?? NamedDataset(null);
        if (run is not null && named is not null && named.Name != dataset.Name)
            throw new UsageException($"error: metrics modes: {samples.File} comes from trial {run.Trial.TrialId} on dataset '{dataset.Name}', not '{named.Name}'; drop --dataset to use the run's");
        if (dataset.Means.Count == 0)
            throw new UsageException($"error: metrics modes: dataset '{dataset.Name}' has no modes (a Swiss roll); use metrics w1");
        if (samples.Dimension != dataset.Dimension)
            throw new UsageException($"error: {samples.File}: has {samples.Dimension} column(s) ({string.Join(",", samples.Columns)}); {dataset.Name} samples need {dataset.Dimension}");
        Print(console, ModeScores(samples, dataset, run, request));
    }

    private static JsonObject ModeScores(PointSet samples, DatasetSpec dataset, RunContext? run, ModesRequest request)
    {
        double hq = request.Threshold ?? run?.Trial.Eval.HqThresholdStd ?? 3.0;
        var means = dataset.Means.Select(m => m.Select(x => x / dataset.Scale).ToArray()).ToList();
        var modes = ModeCoverage.Compute(samples.Values, samples.Dimension, means, dataset.Std / dataset.Scale, hq);
        // The run's own held-out sample reproduces runs.csv; a fresh seeded sample is another draw, so its W1 differs a little.
        var real = run?.Real ?? GanBench.Core.Datasets.DatasetKinds.SampleHost(dataset, samples.Count, request.Seed);
        var json = new JsonObject
        {
            ["dataset"] = dataset.Name,
            ["n"] = samples.Count,
            ["modes_total"] = means.Count,
            ["modes_covered"] = modes.ModesCovered,
            ["hq_fraction"] = modes.HqFraction,
            ["reverse_kl"] = modes.ReverseKl,
            ["hq_threshold_std"] = hq,
            ["w1_exact"] = Measure(() => Wasserstein.Exact(samples.Values, real, samples.Dimension), samples, samples),
            ["real_sample"] = run is not null ? $"{run.RealPath} (the run's held-out sample, as in runs.csv)" : $"seeded host sample, seed {request.Seed} (another draw than any run's: its W1 differs from runs.csv)",
        };
        if (samples.Step is int s) json["step"] = s;
        if (run is not null) json["trial_id"] = run.Trial.TrialId;
        return json;
    }

    private static void Print(CliConsole console, JsonObject json) => console.Line(json.ToJsonString(Indented));

    internal static PointSet ReadPoints(string path, int? step = null)
    {
        try { return PointsCsv.Read(path, step); }
        catch (InputFileException e) { throw new UsageException(e.Message); }
    }

    private static DatasetSpec NamedDataset(string? name)
    {
        if (name is null) throw new UsageException($"error: metrics modes: --dataset is required for samples outside a results folder (one of {string.Join(", ", GanBench.Core.Datasets.DatasetKinds.PresetNames)})");
        var dataset = GanBench.Core.Datasets.DatasetKinds.Preset(name);
        if (dataset is null || dataset.Means.Count == 0)
        {
            var mixtures = GanBench.Core.Datasets.DatasetKinds.PresetNames.Where(n => GanBench.Core.Datasets.DatasetKinds.Preset(n)!.Means.Count > 0).ToList();
            throw new UsageException($"error: metrics modes: '{name}' is not a mixture dataset{Suggest.DidYouMean(name, mixtures)}; valid: {string.Join(", ", mixtures)}");
        }
        return dataset;
    }

    private static bool IsSamplesFile(string path) => Path.GetFileName(path) == Core.Results.TrialArtifacts.SamplesFile;

    /// <summary>A metric the samples cannot be measured with (coordinates too large) is a problem with the input files.</summary>
    private static double Measure(Func<double> metric, PointSet a, PointSet b)
    {
        try { return metric(); }
        catch (ArgumentException e) { throw new UsageException($"error: metrics: {a.File}{(a.File == b.File ? "" : $" and {b.File}")}: {e.Message}"); }
    }
}
