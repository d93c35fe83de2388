
namespace GanBench.Core.Results;

/// <summary>Where each kind of column of one runs.csv header stands.</summary>
internal sealed class RunsLayout
{
    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlyList<(string Name, int Index)> _options, _metrics;

    private RunsLayout(Dictionary<string, int> index, IReadOnlyList<(string, int)> options, IReadOnlyList<(string, int)> metrics)
    {
        _index = index;
        _options = options;
        _metrics = metrics;
    }

    public static RunsLayout Of(IReadOnlyList<string> header, string path)
    {
        var index = RunsCsv.Index(header, path, ["trial_id", "arm", "dataset", "seed", "status"]);
        var columns = header.Select((name, i) => (name, i)).ToList();
        if (!index.TryGetValue(RunsCsv.ImplementationColumn, out int implementation))
            return new RunsLayout(index, [], columns.Where(c => !RunsCsv.ReservedColumns.Contains(c.name)).ToList());
        int lastSetup = RunsCsv.SetupColumns.Select(c => index.GetValueOrDefault(c, -1)).Max();
        return new RunsLayout(index,
            columns.Where(c => c.i > lastSetup && c.i < implementation).ToList(),
            columns.Where(c => c.i > implementation).ToList());
    }

    public RunRecord Parse(IReadOnlyList<string> fields, string where)
    {
        string Text(string column) => _index.TryGetValue(column, out int i) ? CsvFiles.UnescapeText(fields[i]) : "";
        double? Number(string column) => _index.TryGetValue(column, out int i) ? RunsCsv.Number(fields[i], column, where) : null;

        var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (name, i) in _metrics)
            metrics[name] = RunsCsv.Number(fields[i], name, where);
        var options = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, i) in _options)
            if (RunsCsv.Number(fields[i], name, where) is double v) options[name] = v;

        int seed = RunsCsv.Integer(Text("seed"), "seed", where);
        var status = RunsCsv.Status(Text("status"), where);
        string penalty = Text("penalty");
        double? legacyGpWeight = Number("gp_weight");
        var setup = new TrialSetup
        {
            Loss = Text("loss"),
            Objective = Text("objective"),
            Penalty = penalty.Length > 0 ? penalty : legacyGpWeight > 0 ? "gp" : "none",
            PenaltyWeight = Number("penalty_weight") ?? legacyGpWeight ?? 0.0,
            Clip = Number("clip"),
            ClipMode = NullIfEmpty(Text("clip_mode")),
            InstanceNoise = Number("instance_noise") ?? 0.0,
            InstanceNoiseSchedule = NullIfEmpty(Text("instance_noise_schedule")),
            CriticSteps = Number("critic_steps") is double cs ? (int)cs : null,
            Optimizer = NullIfEmpty(Text("optimizer")),
            Lr = Number("lr"),
            Beta1 = Number("beta1"),
            Beta2 = Number("beta2"),
            Options = options,
        };
        return new RunRecord
        {
            Trial = new TrialRecord(Text("trial_id"), Text("arm"), Text("dataset"), seed, status, metrics),
            Experiment = Text("experiment"),
            Setup = setup,
            Steps = (int)(Number("steps") ?? Number("step") ?? 0.0),
            WallSeconds = Number("wall_seconds") ?? 0.0,
            EvalSeconds = Number("eval_seconds") ?? 0.0,
            Message = Text("message"),
            Implementation = Text(RunsCsv.ImplementationColumn),
            Platform = new RunPlatform(Text("device"), Text("platform")),
        };
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

/// <summary>Where the key and metric columns of one curves.csv header stand.</summary>
internal sealed class CurvesLayout
{
    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlyList<(string Name, int Index)> _metrics;

    private CurvesLayout(Dictionary<string, int> index, IReadOnlyList<(string, int)> metrics)
    {
        _index = index;
        _metrics = metrics;
    }

    public static CurvesLayout Of(IReadOnlyList<string> header, string path)
    {
        var index = RunsCsv.Index(header, path, ["trial_id", "step"]);
        return new CurvesLayout(index, header.Select((name, i) => (name, i)).Where(c => !RunsCsv.CurveKeyColumns.Contains(c.name)).ToList());
    }

    public CurvePoint Parse(IReadOnlyList<string> fields, string where)
    {
        var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (name, i) in _metrics)
            metrics[name] = RunsCsv.Number(fields[i], name, where);
        string Text(string column) => _index.TryGetValue(column, out int i) ? CsvFiles.UnescapeText(fields[i]) : "";
        return new CurvePoint(Text("trial_id"), RunsCsv.Integer(Text("step"), "step", where), metrics)
        {
            Arm = Text("arm"),
            Dataset = Text("dataset"),
            Seed = _index.ContainsKey("seed") ? RunsCsv.Integer(Text("seed"), "seed", where) : 0,
        };
    }
}

/// <summary>Appends one runs.csv row per finished trial; the header is written once.</summary>
public sealed class RunsCsvWriter
{
    private readonly object _gate = new();

    /// <param name="optionColumns">The component option columns of the file (see <see cref="TrialSetup.OptionColumns"/>).</param>
    /// <param name="metricColumns">The metric columns of the file; fixed for the file's lifetime
    /// because a CSV cannot grow columns without rewriting it.</param>
    public RunsCsvWriter(string path, IReadOnlyList<string> optionColumns, IReadOnlyList<string> metricColumns)
    {
        Path = path;
        OptionColumns = optionColumns;
        MetricColumns = metricColumns;
        Header = RunsCsv.RunsHeader(optionColumns, metricColumns);
    }

    public string Path { get; }
    public IReadOnlyList<string> OptionColumns { get; }
    public IReadOnlyList<string> MetricColumns { get; }
    public IReadOnlyList<string> Header { get; }

    /// <exception cref="InvalidDataException">The file exists with a different header.</exception>
    /// <exception cref="ArgumentException">A record has a metric or option that is not a column of this file.</exception>
    public void Append(RunRecord run) => Append([run]);

    /// <summary>Appends the rows in one write: the members of one ensemble are recorded together or not at all,
    /// so a kill never leaves half a unit done (its resume would form a smaller unit, with other last bits).</summary>
    public void Append(IReadOnlyList<RunRecord> runs)
    {
        foreach (var run in runs)
        {
            var unknown = run.Trial.Metrics.Keys.Where(k => !MetricColumns.Contains(k))
                .Concat(run.Setup.Options.Keys.Where(k => !OptionColumns.Contains(k))).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException(
                    $"Trial '{run.Trial.TrialId}' has value(s) {string.Join(", ", unknown)} that are not columns of {Path}; add them to the writer's columns.",
                    nameof(runs));
        }

        lock (_gate)
        {
            CsvFiles.Append(Path, Header, csv =>
            {
                foreach (var run in runs) WriteRow(csv, run);
            });
        }
    }

    private void WriteRow(CsvHelper.CsvWriter csv, RunRecord run)
    {
        var t = run.Trial;
        var s = run.Setup;
        CsvFiles.WriteText(csv, t.TrialId);
        CsvFiles.WriteText(csv, run.Experiment);
        CsvFiles.WriteText(csv, t.Arm);
        CsvFiles.WriteText(csv, t.Dataset);
        csv.WriteField(t.Seed, "");
        csv.WriteField(RunsCsv.StatusText(t.Status));
        csv.WriteField(run.Steps, "");
        csv.WriteField(run.WallSeconds, "");
        csv.WriteField(run.EvalSeconds, "");
        // One row per line: resume repair, sorting and merging read the files line by line.
        CsvFiles.WriteText(csv, run.Message.ReplaceLineEndings(" "));
        CsvFiles.WriteText(csv, run.Platform.Device);
        CsvFiles.WriteText(csv, run.Platform.Description);
        CsvFiles.WriteText(csv, s.Loss);
        CsvFiles.WriteText(csv, s.Objective);
        CsvFiles.WriteText(csv, s.Penalty);
        csv.WriteField(s.PenaltyWeight, "");
        csv.WriteField(s.Clip, "");
        CsvFiles.WriteText(csv, s.ClipMode ?? "");
        csv.WriteField(s.InstanceNoise, "");
        CsvFiles.WriteText(csv, s.InstanceNoiseSchedule ?? "");
        csv.WriteField(s.CriticSteps, "");
        CsvFiles.WriteText(csv, s.Optimizer ?? "");
        csv.WriteField(s.Lr, "");
        csv.WriteField(s.Beta1, "");
        csv.WriteField(s.Beta2, "");
        foreach (var option in OptionColumns)
            csv.WriteField(s.Options.TryGetValue(option, out var v) ? v : (double?)null, "");
        CsvFiles.WriteText(csv, run.Implementation);
        foreach (var metric in MetricColumns)
            csv.WriteField(t.Metrics.TryGetValue(metric, out var v) ? v : null, "");
        csv.EndRecord();
    }
}

/// <summary>Appends the curve points of a trial to curves.csv (wide form: trial_id, arm, dataset, seed, step, metrics...).</summary>
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
                    CsvFiles.WriteCurveKey(csv, p.TrialId, p.Arm, p.Dataset, p.Seed, p.Step);
                    foreach (var metric in MetricColumns)
                        csv.WriteField(p.Metrics.TryGetValue(metric, out var v) ? v : null, "");
                    csv.EndRecord();
                }
            });
        }
    }
}
