using System.Text.Json;
using System.Text.Json.Nodes;
using GanBench.Core.Config;
using TrialSpec = GanBench.Core.Config.TrialSpec;
using GanBench.Core.Data;
using GanBench.Core.Metrics;

namespace GanBench.Cli.Commands;

/// <summary>
/// `metrics w1 A.csv B.csv` and `metrics modes --dataset NAME S.csv`: the harness's own metric
/// definitions applied to samples from anywhere, printed as JSON.
/// </summary>
public sealed class MetricsCommand : ICommand
{
    public const int SlicedDirections = 128;
    public string Name => "metrics";
    public string Usage => "metrics w1 <a.csv> <b.csv> [--step N] | metrics modes [--dataset <name>] <samples.csv> [--step N] [--seed N] [--threshold STD]";
    public string Summary => "score samples from any generator with GanBench's metric definitions (JSON)";

    public int Execute(IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Count == 0 || args[0] is not ("w1" or "modes"))
        {
            var hint = args.Count > 0 && Suggest.Nearest(args[0], ["w1", "modes"]) is { } near ? $"; did you mean '{near}'?" : "";
            throw new UsageException($"error: metrics: expected 'w1' or 'modes'{(args.Count > 0 ? $", got '{args[0]}'" : "")}{hint}; usage: {Usage}");
        }
        var json = args[0] == "w1" ? W1(args.Skip(1).ToList()) : Modes(args.Skip(1).ToList());
        console.Line(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return ExitCodes.Success;
    }

    private static PointSet ReadPoints(string path, int? step = null)
    {
        try { return PointsCsv.Read(path, step); }
        catch (InputFileException e) { throw new UsageException(e.Message); }
    }

    private static JsonObject W1(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse("metrics w1", args, ["seed", "step"]);
        line.ExpectPositionals("metrics w1", 2, 2, "metrics w1 <a.csv> <b.csv> [--step N] [--seed N]");
        int seed = ParseInt(line.Option("seed") ?? "0", "--seed");
        int? step = line.Option("step") is { } st ? ParseInt(st, "--step") : null;
        var problems = new List<string>();
        PointSet? a = null, b = null;
        try { a = ReadPoints(line.Positionals[0], IsSamplesFile(line.Positionals[0]) ? step : null); } catch (UsageException e) { problems.AddRange(e.Problems); }
        try { b = ReadPoints(line.Positionals[1], IsSamplesFile(line.Positionals[1]) ? step : null); } catch (UsageException e) { problems.AddRange(e.Problems); }
        if (a is not null && b is not null && a.Dimension != b.Dimension)
            problems.Add($"error: metrics w1: {a.File} has {a.Dimension} column(s) but {b.File} has {b.Dimension}; both samples must have the same dimension");
        if (problems.Count > 0) throw new UsageException(problems);
        return new JsonObject
        {
            ["n_a"] = a!.Count,
            ["n_b"] = b!.Count,
            ["dimension"] = a.Dimension,
            ["w1_exact"] = Measure(() => Wasserstein.Exact(a.Values, b.Values, a.Dimension), a, b),
            ["w1_sliced"] = Wasserstein.Sliced(a.Values, b.Values, a.Dimension, SlicedDirections, seed),
            ["sliced_directions"] = SlicedDirections,
            ["seed"] = seed,
        };
    }

    private static JsonObject Modes(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse("metrics modes", args, ["dataset", "seed", "threshold", "step"]);
        line.ExpectPositionals("metrics modes", 1, 1, "metrics modes [--dataset <name>] <samples.csv> [--step N]");
        int seed = ParseInt(line.Option("seed") ?? "0", "--seed");
        int? step = line.Option("step") is { } st ? ParseInt(st, "--step") : null;
        double? threshold = null;
        if (line.Option("threshold") is { } t)
            threshold = double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
                ? v : throw new UsageException($"error: metrics modes: --threshold '{t}' must be a finite number > 0 (in component standard deviations)");
        // A named dataset is checked first: a typo there is the problem to report, whatever the file.
        var named = line.Option("dataset") is { } name ? NamedDataset(name) : null;
        var samples = ReadPoints(line.Positionals[0], step);
        var run = RunContext.Find(line.Positionals[0]);
        var dataset = run?.Trial.Dataset ?? named ?? NamedDataset(null);
        if (run is not null && named is not null && named.Name != dataset.Name)
            throw new UsageException($"error: metrics modes: {samples.File} comes from trial {run.Trial.TrialId} on dataset '{dataset.Name}', not '{named.Name}'; drop --dataset to use the run's");
        if (dataset.Means.Count == 0)
            throw new UsageException($"error: metrics modes: dataset '{dataset.Name}' has no modes (a Swiss roll); use metrics w1");
        if (samples.Dimension != dataset.Dimension)
            throw new UsageException($"error: {samples.File}: has {samples.Dimension} column(s) ({string.Join(",", samples.Columns)}); {dataset.Name} samples need {dataset.Dimension}");

        double hq = threshold ?? run?.Trial.Eval.HqThresholdStd ?? 3.0;
        var means = dataset.Means.Select(m => m.Select(x => x / dataset.Scale).ToArray()).ToList();
        var modes = ModeCoverage.Compute(samples.Values, samples.Dimension, means, dataset.Std / dataset.Scale, hq);
        // The run's own held-out sample reproduces runs.csv; a fresh seeded sample is another draw, so its W1 differs a little.
        var real = run?.Real ?? GanBench.Core.Datasets.DatasetKinds.SampleHost(dataset, samples.Count, seed);
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
            ["real_sample"] = run is not null ? $"{run.RealPath} (the run's held-out sample, as in runs.csv)" : $"seeded host sample, seed {seed} (another draw than any run's: its W1 differs from runs.csv)",
        };
        if (samples.Step is int s) json["step"] = s;
        if (run is not null) json["trial_id"] = run.Trial.TrialId;
        return json;
    }

    private static Core.Config.DatasetSpec NamedDataset(string? name)
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

    /// <summary>A samples.csv inside a results folder (trials/&lt;id&gt;/): the trial it belongs to and its real sample.</summary>
    private sealed record RunContext(TrialSpec Trial, string RealPath, double[] Real)
    {
        public static RunContext? Find(string samplesPath)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(samplesPath))!;
            var root = Path.GetDirectoryName(Path.GetDirectoryName(dir));
            var realPath = Path.Combine(dir, Core.Results.TrialArtifacts.RealFile);
            if (root is null || !File.Exists(realPath) || Path.GetFileName(Path.GetDirectoryName(dir)) != Core.Results.TrialArtifacts.Folder) return null;
            var config = Path.Combine(root, Core.Results.ResultsDirectory.ResolvedConfigFile);
            if (!File.Exists(config)) return null;
            var trial = ExperimentInput.LoadOrThrow(config).Trials.FirstOrDefault(t => t.TrialId == Path.GetFileName(dir));
            return trial is null ? null : new RunContext(trial, realPath, ReadPoints(realPath).Values);
        }
    }

    /// <summary>A metric the samples cannot be measured with (coordinates too large) is a problem with the input files.</summary>
    private static double Measure(Func<double> metric, PointSet a, PointSet b)
    {
        try { return metric(); }
        catch (ArgumentException e) { throw new UsageException($"error: metrics: {a.File}{(a.File == b.File ? "" : $" and {b.File}")}: {e.Message}"); }
    }

    private static int ParseInt(string text, string option) =>
        int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int v) && v >= 0
            ? v : throw new UsageException($"error: metrics: {option} '{text}' must be a whole number ≥ 0");
}
