using System.Globalization;
using CsvHelper;

namespace GanBench.Core.Results;

/// <summary>One row of runs.csv: a finished trial with the config values that identify it.</summary>
public sealed record RunRecord
{
    public required TrialRecord Trial { get; init; }
    public string Experiment { get; init; } = "";
    /// <summary>The loss as written in the config (minimax, wgan_gp, ...).</summary>
    public string Loss { get; init; } = "";
    public double? Clip { get; init; }
    public double GpWeight { get; init; }
    public double InstanceNoise { get; init; }
    /// <summary>Generator steps completed (fewer than planned for a diverged or timed-out trial).</summary>
    public int Steps { get; init; }
    public double WallSeconds { get; init; }
    /// <summary>The part of <see cref="WallSeconds"/> spent in evaluations.</summary>
    public double EvalSeconds { get; init; }
    /// <summary>Why a trial did not finish Ok; empty otherwise.</summary>
    public string Message { get; init; } = "";
}

/// <summary>Layouts and readers of runs.csv and curves.csv, so that `report` can rebuild summaries from CSVs alone.</summary>
/// <remarks>
/// runs.csv: trial_id, experiment, arm, dataset, loss, clip, gp_weight, instance_noise, seed, status,
/// steps, wall_seconds, eval_seconds, message, then one column per metric. curves.csv (wide): trial_id, step, then one
/// column per metric. An empty metric cell is null (undefined); "NaN" is kept as NaN and counted as excluded.
/// </remarks>
public static class RunsCsv
{
    public static readonly IReadOnlyList<string> RunColumns =
    [
        "trial_id", "experiment", "arm", "dataset", "loss", "clip", "gp_weight", "instance_noise",
        "seed", "status", "steps", "wall_seconds", "eval_seconds", "message",
    ];

    /// <summary>Columns that are never read as metrics. "step" is included for files written by
    /// trainers that name the column in the singular.</summary>
    public static readonly IReadOnlySet<string> NonMetricColumns =
        new HashSet<string>([.. RunColumns, "step"], StringComparer.Ordinal);

    public static readonly IReadOnlyList<string> CurveKeyColumns = ["trial_id", "step"];

    public static IReadOnlyList<string> RunsHeader(IReadOnlyList<string> metricColumns) =>
        [.. RunColumns, .. ValidateMetricColumns(metricColumns, NonMetricColumns)];

    public static IReadOnlyList<string> CurvesHeader(IReadOnlyList<string> metricColumns) =>
        [.. CurveKeyColumns, .. ValidateMetricColumns(metricColumns, new HashSet<string>(CurveKeyColumns, StringComparer.Ordinal))];

    public static string StatusText(TrialStatus status) => status.ToString().ToLowerInvariant();

    public static IReadOnlyList<TrialRecord> ReadTrials(string path, IEnumerable<string>? extraNonMetricColumns = null) =>
        ReadRuns(path, extraNonMetricColumns).Select(r => r.Trial).ToList();

    /// <param name="extraNonMetricColumns">Further config columns that must not be read as metrics.</param>
    public static IReadOnlyList<RunRecord> ReadRuns(string path, IEnumerable<string>? extraNonMetricColumns = null)
    {
        var nonMetric = new HashSet<string>(NonMetricColumns, StringComparer.Ordinal);
        if (extraNonMetricColumns is not null) nonMetric.UnionWith(extraNonMetricColumns);

        using var reader = CsvReader.Create(new StreamReader(path), CsvFiles.ReaderOptions, leaveOpen: false);
        var header = reader.Headers;
        var index = Index(header, path, ["trial_id", "arm", "dataset", "seed", "status"]);
        var metricColumns = header.Select((name, i) => (name, i)).Where(c => !nonMetric.Contains(c.name)).ToList();

        var runs = new List<RunRecord>();
        int row = 0;
        while (reader.Read())
        {
            row++;
            string Text(string column) => index.TryGetValue(column, out int i) ? CsvFiles.UnescapeText(reader.GetString(i)) : "";
            double? Number(string column) => index.TryGetValue(column, out int i)
                ? CsvFiles.ParseNullableDouble(reader.GetString(i), column, row, path) : null;

            var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var (name, i) in metricColumns)
                metrics[name] = CsvFiles.ParseNullableDouble(reader.GetString(i), name, row, path);

            string seedText = Text("seed");
            if (!int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed))
                throw new InvalidDataException($"{path}: data row {row}, column 'seed': '{seedText}' is not an integer.");
            string statusText = Text("status");
            if (!Enum.TryParse(statusText, ignoreCase: true, out TrialStatus status) || !Enum.IsDefined(status) || int.TryParse(statusText, out _))
                throw new InvalidDataException(
                    $"{path}: data row {row}, column 'status': '{statusText}' is not a status; expected one of {string.Join(", ", Enum.GetValues<TrialStatus>().Select(StatusText))}.");

            runs.Add(new RunRecord
            {
                Trial = new TrialRecord(Text("trial_id"), Text("arm"), Text("dataset"), seed, status, metrics),
                Experiment = Text("experiment"),
                Loss = Text("loss"),
                Clip = Number("clip"),
                GpWeight = Number("gp_weight") ?? 0.0,
                InstanceNoise = Number("instance_noise") ?? 0.0,
                Steps = (int)(Number("steps") ?? Number("step") ?? 0.0),
                WallSeconds = Number("wall_seconds") ?? 0.0,
                EvalSeconds = Number("eval_seconds") ?? 0.0,
                Message = Text("message"),
            });
        }
        return runs;
    }

    public static IReadOnlyList<CurvePoint> ReadCurves(string path)
    {
        using var reader = CsvReader.Create(new StreamReader(path), CsvFiles.ReaderOptions, leaveOpen: false);
        var header = reader.Headers;
        var index = Index(header, path, CurveKeyColumns);
        var metricColumns = header.Select((name, i) => (name, i)).Where(c => !CurveKeyColumns.Contains(c.name)).ToList();
        var points = new List<CurvePoint>();
        int row = 0;
        while (reader.Read())
        {
            row++;
            string stepText = reader.GetString(index["step"]) ?? "";
            if (!int.TryParse(stepText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int step))
                throw new InvalidDataException($"{path}: data row {row}, column 'step': '{stepText}' is not an integer.");
            var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var (name, i) in metricColumns)
                metrics[name] = CsvFiles.ParseNullableDouble(reader.GetString(i), name, row, path);
            points.Add(new CurvePoint(CsvFiles.UnescapeText(reader.GetString(index["trial_id"])), step, metrics));
        }
        return points;
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> header, string path, IReadOnlyList<string> required)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            if (!index.TryAdd(header[i], i))
                throw new InvalidDataException($"{path}: column '{header[i]}' appears twice in the header.");
        }
        var missing = required.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{path}: the header lacks required column(s) {string.Join(", ", missing)}. Header: {string.Join(",", header)}.");
        return index;
    }

    private static IReadOnlyList<string> ValidateMetricColumns(IReadOnlyList<string> metricColumns, IReadOnlySet<string> reserved)
    {
        var problems = new List<string>();
        problems.AddRange(metricColumns.Where(reserved.Contains).Select(m => $"'{m}' is a reserved column name"));
        problems.AddRange(metricColumns.GroupBy(m => m, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}' is listed twice"));
        problems.AddRange(metricColumns.Where(string.IsNullOrWhiteSpace).Select(_ => "a metric name is empty"));
        if (problems.Count > 0)
            throw new ArgumentException($"Invalid metric columns: {string.Join("; ", problems)}.", nameof(metricColumns));
        return metricColumns;
    }
}

/// <summary>Appends one runs.csv row per finished trial; the header is written once.</summary>
public sealed class RunsCsvWriter
{
    private readonly object _gate = new();

    /// <param name="metricColumns">The metric columns of the file; fixed for the file's lifetime
    /// because a CSV cannot grow columns without rewriting it.</param>
    public RunsCsvWriter(string path, IReadOnlyList<string> metricColumns)
    {
        Path = path;
        MetricColumns = metricColumns;
        Header = RunsCsv.RunsHeader(metricColumns);
    }

    public string Path { get; }
    public IReadOnlyList<string> MetricColumns { get; }
    public IReadOnlyList<string> Header { get; }

    /// <exception cref="InvalidDataException">The file exists with a different header.</exception>
    /// <exception cref="ArgumentException">A record has a metric that is not a column of this file.</exception>
    public void Append(RunRecord run)
    {
        var unknown = run.Trial.Metrics.Keys.Where(k => !MetricColumns.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"Trial '{run.Trial.TrialId}' has metric(s) {string.Join(", ", unknown)} that are not columns of {Path}; add them to the writer's metric columns.",
                nameof(run));

        lock (_gate)
        {
            CsvFiles.Append(Path, Header, csv =>
            {
                var t = run.Trial;
                CsvFiles.WriteText(csv, t.TrialId);
                CsvFiles.WriteText(csv, run.Experiment);
                CsvFiles.WriteText(csv, t.Arm);
                CsvFiles.WriteText(csv, t.Dataset);
                CsvFiles.WriteText(csv, run.Loss);
                csv.WriteField(run.Clip, "");
                csv.WriteField(run.GpWeight, "");
                csv.WriteField(run.InstanceNoise, "");
                csv.WriteField(t.Seed, "");
                csv.WriteField(RunsCsv.StatusText(t.Status));
                csv.WriteField(run.Steps, "");
                csv.WriteField(run.WallSeconds, "");
                csv.WriteField(run.EvalSeconds, "");
                CsvFiles.WriteText(csv, run.Message);
                foreach (var metric in MetricColumns)
                    csv.WriteField(t.Metrics.TryGetValue(metric, out var v) ? v : null, "");
                csv.EndRecord();
            });
        }
    }
}

/// <summary>Appends the curve points of a trial to curves.csv (wide form: trial_id, step, metrics...).</summary>
public sealed class CurvesCsvWriter
{
    private readonly object _gate = new();

    public CurvesCsvWriter(string path, IReadOnlyList<string> metricColumns)
    {
        Path = path;
        MetricColumns = metricColumns;
        Header = RunsCsv.CurvesHeader(metricColumns);
    }

    public string Path { get; }
    public IReadOnlyList<string> MetricColumns { get; }
    public IReadOnlyList<string> Header { get; }

    /// <summary>Appends all points in one write, so a trial's curve is either complete or absent.</summary>
    public void Append(IEnumerable<CurvePoint> points)
    {
        var list = points.ToList();
        var unknown = list.SelectMany(p => p.Metrics.Keys).Distinct().Where(k => !MetricColumns.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Curve metric(s) {string.Join(", ", unknown)} are not columns of {Path}; add them to the writer's metric columns.", nameof(points));
        if (list.Count == 0) return;

        lock (_gate)
        {
            CsvFiles.Append(Path, Header, csv =>
            {
                foreach (var p in list)
                {
                    CsvFiles.WriteText(csv, p.TrialId);
                    csv.WriteField(p.Step, "");
                    foreach (var metric in MetricColumns)
                        csv.WriteField(p.Metrics.TryGetValue(metric, out var v) ? v : null, "");
                    csv.EndRecord();
                }
            });
        }
    }
}
