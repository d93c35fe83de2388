using GanBench.Core.Config;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Training.Sweep;

/// <summary>
/// `tensorboard: true`: a trial's evaluated metrics as TensorBoard scalars (TorchSharp's SummaryWriter),
/// one run folder per trial under results/&lt;name&gt;/tensorboard/, named dataset__arm__seedN__id so the
/// runs group by dataset and arm in TensorBoard's run list. Written once a trial ends, from the same
/// evaluations as curves.csv; undefined and non-finite values are left out rather than logged as 0.
/// </summary>
public static class TensorBoardLog
{
    public const string Folder = Core.Results.ShardMerger.TensorBoardFolder;

    public static string RunDirectory(string resultsRoot, TrialSpec trial) =>
        Path.Combine(resultsRoot, Folder, $"{Safe(trial.Dataset.Name)}__{Safe(trial.Arm)}__seed{trial.Seed}__{trial.TrialId}");

    public static void Write(string resultsRoot, TrialSpec trial, IReadOnlyList<Evaluation> curve)
    {
        if (curve.Count == 0) return;
        var dir = RunDirectory(resultsRoot, trial);
        // A resumed sweep rewrites a trial whose row never reached runs.csv; old events would duplicate steps.
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        var writer = torch.utils.tensorboard.SummaryWriter(dir);
        foreach (var evaluation in curve)
            foreach (var (name, value) in evaluation.Metrics)
                if (value is double v && double.IsFinite(v))
                    writer.add_scalar($"metrics/{name}", (float)v, evaluation.Step);
    }

    private static string Safe(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray();
        return new string(chars);
    }
}
