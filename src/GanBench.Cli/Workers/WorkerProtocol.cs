using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GanBench.Training.Ensembles;
using GanBench.Training.Sweep;
using GanBench.Training.Training;

namespace GanBench.Cli.Workers;

/// <summary>
/// The line protocol between a sweep and its worker processes. The parent writes one work unit per
/// line to a worker's standard input (per trial: trial id, index, whether to snapshot every evaluation,
/// checkpoint folder, tab-separated; the trials of an ensemble separated by the ASCII record separator)
/// and closes it when the queue is empty; the worker answers on standard output with "ready" once it
/// has loaded the experiment, "progress {trial id} {json}" while a trial trains and
/// "outcome {trial id} {json}" when it ends. Everything else a worker says goes to standard error.
/// </summary>
internal static class WorkerProtocol
{
    public const string Ready = "ready", ProgressTag = "progress ", OutcomeTag = "outcome ";

    public static readonly JsonSerializerOptions Json = new()
    {
        // Samples of a diverging generator can be NaN; they travel as they are.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    private const char MemberSeparator = '\u001e';

    public static string Request(WorkUnit unit) => string.Join(MemberSeparator, unit.Members.Select(t =>
        string.Join('\t', t.Trial.TrialId, t.Index.ToString(CultureInfo.InvariantCulture), t.SnapshotEveryEvaluation ? "1" : "0", t.CheckpointFolder ?? "")));

    /// <summary>The trials of one request line, or null when the line is not one.</summary>
    public static IReadOnlyList<(string TrialId, bool Snapshots, string? CheckpointFolder)>? ParseRequest(string line)
    {
        var members = new List<(string, bool, string?)>();
        foreach (var record in line.Split(MemberSeparator))
        {
            var f = record.Split('\t');
            if (f.Length != 4 || f[0].Length == 0 || f[0].Contains(' ', StringComparison.Ordinal)) return null;
            members.Add((f[0], f[2] == "1", f[3].Length == 0 ? null : f[3]));
        }
        return members;
    }

    public static string Progress(string trialId, TrialProgress p) => $"{ProgressTag}{trialId} {JsonSerializer.Serialize(p, Json)}";

    public static string Outcome(string trialId, TrialOutcome o) => $"{OutcomeTag}{trialId} {JsonSerializer.Serialize(o, Json)}";

    public static (string TrialId, TrialProgress? Progress) ReadProgress(string line) => Read<TrialProgress>(line[ProgressTag.Length..]);

    public static (string TrialId, TrialOutcome? Outcome) ReadOutcome(string line) => Read<TrialOutcome>(line[OutcomeTag.Length..]);

    private static (string TrialId, T? Value) Read<T>(string rest)
    {
        int space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0) throw new InvalidDataException($"a worker line names no trial: '{rest}'");
        return (rest[..space], JsonSerializer.Deserialize<T>(rest[(space + 1)..], Json));
    }
}
