using System.Text.Json;
using System.Text.Json.Nodes;
using GanBench.Core.Config;
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
    public string Usage => "metrics w1 <a.csv> <b.csv> | metrics modes --dataset <name> <samples.csv> [--seed N] [--threshold STD]";
    public string Summary => "score samples from any generator with GanBench's metric definitions (JSON)";

    public int Execute(IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Count == 0 || args[0] is not ("w1" or "modes"))
        {
            var hint = args.Count > 0 && Suggest.Nearest(args[0], ["w1", "modes"]) is { } near ? $"; did you mean '{near}'?" : "";
            throw new UsageException($"error: metrics: expected 'w1' or 'modes'{(args.Count > 0 ? $", got '{args[0]}'" : "")}{hint}; usage: {Usage}");
        }
        var json = args[0] == "w1" ? W1(args.Skip(1).ToList()) : Modes(args.Skip(1).ToList());
        console.Line(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return ExitCodes.Success;
    }

    private static PointSet ReadPoints(string path)
    {
        try { return PointsCsv.Read(path); }
        catch (InputFileException e) { throw new UsageException(e.Message); }
    }

    private static JsonObject W1(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse("metrics w1", args, ["seed"]);
        line.ExpectPositionals("metrics w1", 2, 2, "metrics w1 <a.csv> <b.csv> [--seed N]");
        int seed = ParseInt(line.Option("seed") ?? "0", "--seed");
        var problems = new List<string>();
        PointSet? a = null, b = null;
        try { a = ReadPoints(line.Positionals[0]); } catch (UsageException e) { problems.AddRange(e.Problems); }
        try { b = ReadPoints(line.Positionals[1]); } catch (UsageException e) { problems.AddRange(e.Problems); }
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
        var line = CommandLine.Parse("metrics modes", args, ["dataset", "seed", "threshold"]);
        line.ExpectPositionals("metrics modes", 1, 1, "metrics modes --dataset <name> <samples.csv>");
        var name = line.Option("dataset") ?? throw new UsageException($"error: metrics modes: --dataset is required (one of {string.Join(", ", DatasetPresets.Names)})");
        var dataset = DatasetPresets.Get(name);
        if (dataset is null || dataset.Means.Count == 0)
        {
            var mixtures = DatasetPresets.Names.Where(n => DatasetPresets.Get(n)!.Means.Count > 0).ToList();
            throw new UsageException($"error: metrics modes: '{name}' is not a mixture dataset{Suggest.DidYouMean(name, mixtures)}; valid: {string.Join(", ", mixtures)}");
        }
        int seed = ParseInt(line.Option("seed") ?? "0", "--seed");
        double threshold = 3.0;
        if (line.Option("threshold") is { } t && (!double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out threshold) || !(threshold > 0) || !double.IsFinite(threshold)))
            throw new UsageException($"error: metrics modes: --threshold '{t}' must be a finite number > 0 (in component standard deviations)");
        var samples = ReadPoints(line.Positionals[0]);
        if (samples.Dimension != dataset.Dimension)
            throw new UsageException($"error: {samples.File}: has {samples.Dimension} column(s) ({string.Join(",", samples.Columns)}); {name} samples need {dataset.Dimension} (x,y)");

        var means = dataset.Means.Select(m => m.Select(v => v / dataset.Scale).ToArray()).ToList();
        var modes = ModeCoverage.Compute(samples.Values, samples.Dimension, means, dataset.Std / dataset.Scale, threshold);
        var real = HostSampler.Sample(dataset, samples.Count, seed);
        return new JsonObject
        {
            ["dataset"] = name,
            ["n"] = samples.Count,
            ["modes_total"] = means.Count,
            ["modes_covered"] = modes.ModesCovered,
            ["hq_fraction"] = modes.HqFraction,
            ["reverse_kl"] = modes.ReverseKl,
            ["hq_threshold_std"] = threshold,
            ["w1_exact"] = Measure(() => Wasserstein.Exact(samples.Values, real, samples.Dimension), samples, samples),
            ["real_sample_seed"] = seed,
        };
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
