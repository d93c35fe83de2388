using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanBench.Training.Training;

/// <summary>What the trainer itself carries between steps, saved beside the networks' state.</summary>
public sealed record TrainerState(
    int Step,
    double WallSeconds,
    double EvalSeconds,
    List<Evaluation> Curve,
    List<LayerGradient> LayerGradients,
    List<TrialSnapshot> Snapshots);

/// <summary>
/// Checkpoints of one trial (train.checkpoint_every) in a folder of their own: each is written as
/// step-NNNNNNNN.partial-PID/ and renamed to step-NNNNNNNN/ when complete, so a kill leaves
/// either the previous checkpoint or the new one, never half of one. Older ones are deleted after
/// the rename. The sweep deletes the folder once the trial's runs.csv row is written.
/// </summary>
public static class TrialCheckpoints
{
    private const string Prefix = "step-", StateFile = "trainer.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public static void Save(string folder, GanTrial gan, TrainerState state)
    {
        Directory.CreateDirectory(folder);
        var name = Prefix + state.Step.ToString("D8", CultureInfo.InvariantCulture);
        var partial = Path.Combine(folder, $"{name}.partial-{Environment.ProcessId}");
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        gan.SaveState(partial);
        File.WriteAllText(Path.Combine(partial, StateFile), JsonSerializer.Serialize(state, Json));
        var final = Path.Combine(folder, name);
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(partial, final);
        foreach (var other in Directory.EnumerateDirectories(folder).Where(d => d != final))
            Directory.Delete(other, recursive: true);
    }

    /// <summary>Loads the latest complete checkpoint into <paramref name="gan"/>, or returns null when there is none.</summary>
    public static TrainerState? Load(string folder, GanTrial gan)
    {
        if (!Directory.Exists(folder)) return null;
        var latest = Directory.EnumerateDirectories(folder)
            .Select(d => (Path: d, Name: Path.GetFileName(d)))
            .Where(d => d.Name.StartsWith(Prefix, StringComparison.Ordinal) && d.Name.Length == Prefix.Length + 8 && d.Name[Prefix.Length..].All(char.IsAsciiDigit))
            .Where(d => File.Exists(Path.Combine(d.Path, StateFile)))
            .OrderByDescending(d => d.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (latest.Path is null) return null;
        var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(Path.Combine(latest.Path, StateFile)), Json)
            ?? throw new InvalidDataException($"{latest.Path}: empty trainer state");
        gan.LoadState(latest.Path);
        return state;
    }

    public static void Delete(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
