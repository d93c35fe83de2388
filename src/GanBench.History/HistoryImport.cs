using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using GanBench.Core.Results;

namespace GanBench.History;

/// <summary>What `history add` leaves in the results folder it added: enough to rebuild the history
/// from results folders alone (label, time, and the gate's verdicts on the run).</summary>
public sealed record HistoryMarker(string Label, string Experiment, DateTimeOffset AddedUtc, IReadOnlyList<GateMark> Marks);

/// <summary>Adding a finished results folder to the history.</summary>
public static class HistoryImport
{
    public const string MarkerFile = "history.json";
    public const string DefaultFileName = "history.sqlite";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>SHA-256 of the folder's runs.csv, which a sweep writes sorted in trial order: the same sweep gives the same print.</summary>
    public static string Fingerprint(string folder)
    {
        using var stream = File.OpenRead(Path.Combine(folder, ResultsDirectory.RunsFile));
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    /// <summary>Adds a whole sweep; a folder with trials still to run is refused, because a night's partial
    /// results would stand in the trend as if they were the night's.</summary>
    /// <param name="expectedTrialIds">Every trial id of the folder's configuration (config.resolved.yaml).</param>
    /// <param name="label">The run's label; null: the time it is added.</param>
    /// <exception cref="HistoryException">Trials are missing, the label is taken, or the sweep is already in the history.</exception>
    public static HistoryEntry Add(HistoryStore store, string folder, string experiment, IReadOnlyList<RunRecord> runs,
        IReadOnlyList<string> expectedTrialIds, string? label, DateTimeOffset now, IReadOnlyList<GateMark>? marks = null)
    {
        var done = runs.Select(r => r.Trial.TrialId).ToHashSet(StringComparer.Ordinal);
        var missing = expectedTrialIds.Where(id => !done.Contains(id)).ToList();
        if (missing.Count > 0)
            throw new HistoryException($"{folder}: the sweep is unfinished ({expectedTrialIds.Count - missing.Count} of {expectedTrialIds.Count} trial(s) done, e.g. {missing[0]} is missing); " +
                "finish it by running the same command again, then add it");
        string machine = $"{Environment.MachineName} ({RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.OSArchitecture})";
        var entry = store.Add(label ?? HistoryStore.Stamp(now), experiment, now, folder, machine, Fingerprint(folder), runs);
        if (marks is { Count: > 0 })
            foreach (var group in marks.GroupBy(m => m.Reference))
                store.Mark(entry, group.Key, group.Select(m => m with { EntryId = entry.Id }).ToList());
        WriteMarker(folder, new HistoryMarker(entry.Label, experiment, entry.AddedUtc, marks ?? []));
        return entry;
    }

    /// <summary>The marker of a folder that was added, or null.</summary>
    /// <exception cref="HistoryException">The marker exists but cannot be read.</exception>
    public static HistoryMarker? ReadMarker(string folder)
    {
        string path = Path.Combine(folder, MarkerFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<HistoryMarker>(File.ReadAllText(path), Json)
                ?? throw new HistoryException($"{path}: is empty");
        }
        catch (JsonException e)
        {
            throw new HistoryException($"{path}: is not a history marker ({e.Message})");
        }
    }

    /// <summary>Records the gate's verdicts in the folder's marker too, replacing those against the same reference.</summary>
    public static void RecordMarks(string folder, string reference, IReadOnlyList<GateMark> marks)
    {
        if (ReadMarker(folder) is not { } marker) return;
        WriteMarker(folder, marker with { Marks = [.. marker.Marks.Where(m => m.Reference != reference), .. marks] });
    }

    private static void WriteMarker(string folder, HistoryMarker marker) =>
        ResultsDirectory.WriteAtomically(Path.Combine(folder, MarkerFile), JsonSerializer.Serialize(marker, Json) + "\n");
}
