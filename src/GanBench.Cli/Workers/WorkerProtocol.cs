using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GanBench.Training.Sweep;
using GanBench.Training.Training;

namespace GanBench.Cli.Workers;

/// <summary>
/// The line protocol between a sweep and its worker processes. The parent writes one request per
/// line to a worker's standard input (trial id, index, whether to snapshot every evaluation,
/// checkpoint folder, tab-separated) and closes it when the queue is empty; the worker answers on
/// standard output with "ready" once it has loaded the experiment, "progress {json}" while a trial
/// trains and "outcome {json}" when it ends. Everything else a worker says goes to standard error.
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

    public static string Request(PendingTrial t) => string.Join('\t', t.Trial.TrialId, t.Index.ToString(CultureInfo.InvariantCulture), t.SnapshotEveryEvaluation ? "1" : "0", t.CheckpointFolder ?? "");

    public static (string TrialId, bool Snapshots, string? CheckpointFolder)? ParseRequest(string line)
    {
        var f = line.Split('\t');
        if (f.Length != 4 || f[0].Length == 0) return null;
        return (f[0], f[2] == "1", f[3].Length == 0 ? null : f[3]);
    }

    public static string Progress(TrialProgress p) => ProgressTag + JsonSerializer.Serialize(p, Json);

    public static string Outcome(TrialOutcome o) => OutcomeTag + JsonSerializer.Serialize(o, Json);

    public static TrialProgress? ReadProgress(string line) => JsonSerializer.Deserialize<TrialProgress>(line[ProgressTag.Length..], Json);

    public static TrialOutcome? ReadOutcome(string line) => JsonSerializer.Deserialize<TrialOutcome>(line[OutcomeTag.Length..], Json);
}
