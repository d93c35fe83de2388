using GanBench.Cli.Application;
using GanBench.Core.Config;
using GanBench.Core.Results;

namespace GanBench.Cli.Scoring;

/// <summary>A samples.csv inside a results folder (trials/&lt;id&gt;/): the trial it belongs to and its real sample.</summary>
internal sealed record RunContext(TrialSpec Trial, string RealPath, double[] Real)
{
    public static RunContext? Find(string samplesPath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(samplesPath))!;
        var root = Path.GetDirectoryName(Path.GetDirectoryName(dir));
        var realPath = Path.Combine(dir, TrialArtifacts.RealFile);
        if (root is null || !File.Exists(realPath) || Path.GetFileName(Path.GetDirectoryName(dir)) != TrialArtifacts.Folder) return null;
        var config = Path.Combine(root, ResultsDirectory.ResolvedConfigFile);
        if (!File.Exists(config)) return null;
        var trial = ExperimentInput.LoadOrThrow(config).Trials.FirstOrDefault(t => t.TrialId == Path.GetFileName(dir));
        return trial is null ? null : new RunContext(trial, realPath, SampleScoring.ReadPoints(realPath).Values);
    }
}
