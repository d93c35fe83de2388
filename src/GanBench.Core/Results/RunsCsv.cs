using System.Globalization;
using CsvHelper;

namespace GanBench.Core.Results;

/// <summary>One row of runs.csv: a finished trial, the settings that identify it and what computed it.</summary>
public sealed record RunRecord
{
    public required TrialRecord Trial { get; init; }
    public string Experiment { get; init; } = "";
    public TrialSetup Setup { get; init; } = new();
    /// <summary>Generator steps completed (fewer than planned for a diverged or timed-out trial).</summary>
    public int Steps { get; init; }
    public double WallSeconds { get; init; }
    /// <summary>The part of <see cref="WallSeconds"/> spent in evaluations.</summary>
    public double EvalSeconds { get; init; }
    /// <summary>Why a trial did not finish Ok; empty otherwise. Always one line.</summary>
    public string Message { get; init; } = "";
    /// <summary>What computed the numbers (see <see cref="Config.Implementation"/>); a resume refuses rows whose implementation differs.</summary>
    public string Implementation { get; init; } = "";
    /// <summary>Where it ran: device and compute stack; <see cref="RunPlatform.Unknown"/> for rows of an older GanBench.</summary>
    public RunPlatform Platform { get; init; } = RunPlatform.Unknown;
}

/// <summary>Layouts and readers of runs.csv and curves.csv, so that `report` can rebuild summaries from CSVs alone.</summary>
/// <remarks>
/// runs.csv: the identity columns (trial_id, experiment, arm, dataset, seed, status, steps,
/// wall_seconds, eval_seconds, message, device, platform), the setup columns (loss, objective, penalty,
/// penalty_weight, clip, clip_mode, instance_noise, instance_noise_schedule, critic_steps,
/// optimizer, lr, beta1, beta2), one column per component option the experiment has (gp_target,
/// a plugin's options), <c>implementation</c>, then one column per metric. curves.csv (wide):
/// trial_id, arm, dataset, seed, step, then one column per metric. An empty metric cell is null
/// (undefined); "NaN" is kept as NaN and counted as excluded. Every row is one line.
/// </remarks>
public static class RunsCsv
{
    public static readonly IReadOnlyList<string> IdentityColumns =
        ["trial_id", "experiment", "arm", "dataset", "seed", "status", "steps", "wall_seconds", "eval_seconds", "message", "device", "platform"];

    public static readonly IReadOnlyList<string> SetupColumns =
        ["loss", "objective", "penalty", "penalty_weight", "clip", "clip_mode", "instance_noise", "instance_noise_schedule", "critic_steps", "optimizer", "lr", "beta1", "beta2"];

    private static readonly string[] CurveKeyColumnsList = ["trial_id", "arm", "dataset", "seed", "step"];
    public static IReadOnlyList<string> CurveKeyColumns => CurveKeyColumnsList;

    /// <summary>Ends the setup part of the header: option columns stand before it, metric columns after it.</summary>
    public const string ImplementationColumn = "implementation";

    /// <summary>Columns a component option or a metric may not be named (they would make the header ambiguous).</summary>
    public static readonly IReadOnlySet<string> ReservedColumns =
        new HashSet<string>([.. IdentityColumns, .. SetupColumns, ImplementationColumn, "step", "gp_weight", .. CurveKeyColumnsList, .. LayerGradientsCsv.Header], StringComparer.Ordinal);

    /// <summary>runs.csv of GanBench before the setup columns: metrics followed these, and nothing marked the end of the setup.</summary>
    private static readonly IReadOnlySet<string> LegacyRunColumns = new HashSet<string>(
        ["trial_id", "experiment", "arm", "dataset", "loss", "clip", "gp_weight", "instance_noise", "seed", "status", "steps", "wall_seconds", "eval_seconds", "message", "step"], StringComparer.Ordinal);

    public static IReadOnlyList<string> RunsHeader(IReadOnlyList<string> optionColumns, IReadOnlyList<string> metricColumns) =>
        [.. IdentityColumns, .. SetupColumns, .. ValidateColumns(optionColumns, "option"), ImplementationColumn, .. ValidateColumns(metricColumns, "metric")];

    public static IReadOnlyList<string> CurvesHeader(IReadOnlyList<string> metricColumns) =>
        [.. CurveKeyColumnsList, .. ValidateColumns(metricColumns, "metric")];

    /// <summary>The option and metric columns of a runs.csv header of this version's layout.</summary>
    public static (IReadOnlyList<string> Options, IReadOnlyList<string> Metrics) SplitHeader(IReadOnlyList<string> header)
    {
        int implementation = header.ToList().IndexOf(ImplementationColumn);
        if (implementation < 0) throw new InvalidDataException($"the header has no '{ImplementationColumn}' column: it was written by an older GanBench");
        int firstOption = IdentityColumns.Count + SetupColumns.Count;
        return (header.Skip(firstOption).Take(implementation - firstOption).ToList(), header.Skip(implementation + 1).ToList());
    }

    public static string StatusText(TrialStatus status) => status.ToString().ToLowerInvariant();

    public static IReadOnlyList<TrialRecord> ReadTrials(string path) => ReadRuns(path).Select(r => r.Trial).ToList();

    /// <summary>Every row of a runs.csv, of this version's layout or the older one without setup columns.</summary>
    /// <exception cref="InvalidDataException">The header lacks a required column, or a cell is not what its column holds.</exception>
    public static IReadOnlyList<RunRecord> ReadRuns(string path)
    {
        using var reader = CsvReader.Create(new StreamReader(path), CsvFiles.ReaderOptions, leaveOpen: false);
        var layout = RunsLayout.Of(reader.Headers, path);
        var runs = new List<RunRecord>();
        int row = 0;
        while (reader.Read())
        {
            row++;
            var fields = new string[reader.Headers.Count];
            for (int i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i) ?? "";
            runs.Add(layout.Parse(fields, $"{path}: data row {row}"));
        }
        return runs;
    }

    public static IReadOnlyList<CurvePoint> ReadCurves(string path)
    {
        using var reader = CsvReader.Create(new StreamReader(path), CsvFiles.ReaderOptions, leaveOpen: false);
        var layout = CurvesLayout.Of(reader.Headers, path);
        var points = new List<CurvePoint>();
        int row = 0;
        while (reader.Read())
        {
            row++;
            var fields = new string[reader.Headers.Count];
            for (int i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i) ?? "";
            points.Add(layout.Parse(fields, $"{path}: data row {row}"));
        }
        return points;
    }

    internal static Dictionary<string, int> Index(IReadOnlyList<string> header, string path, IReadOnlyList<string> required)
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

    private static IReadOnlyList<string> ValidateColumns(IReadOnlyList<string> columns, string kind)
    {
        var problems = new List<string>();
        problems.AddRange(columns.Where(ReservedColumns.Contains).Select(m => $"'{m}' is a reserved column name"));
        problems.AddRange(columns.GroupBy(m => m, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}' is listed twice"));
        problems.AddRange(columns.Where(string.IsNullOrWhiteSpace).Select(_ => $"a {kind} name is empty"));
        if (problems.Count > 0)
            throw new ArgumentException($"Invalid {kind} columns: {string.Join("; ", problems)}.", nameof(columns));
        return columns;
    }

    internal static double? Number(string field, string column, string where)
    {
        if (field.Length == 0) return null;
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        throw new InvalidDataException($"{where}: column '{column}': '{Clip(field)}' is not a number (use '.' as decimal point; leave the cell empty for an undefined value).");
    }

    internal static int Integer(string field, string column, string where) =>
        int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw new InvalidDataException($"{where}: column '{column}': '{Clip(field)}' is not an integer.");

    internal static TrialStatus Status(string text, string where) =>
        Enum.TryParse(text, ignoreCase: true, out TrialStatus status) && Enum.IsDefined(status) && !int.TryParse(text, out _)
            ? status
            : throw new InvalidDataException($"{where}: column 'status': '{Clip(text)}' is not a status; expected one of {string.Join(", ", Enum.GetValues<TrialStatus>().Select(StatusText))}.");

    internal static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
