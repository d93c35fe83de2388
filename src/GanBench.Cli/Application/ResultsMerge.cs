using GanBench.Cli.Output;
using GanBench.Core.Results;

namespace GanBench.Cli.Application;

/// <summary>
/// `merge DIR`: puts the shards under DIR/shards/ together into DIR (runs.csv, curves.csv,
/// layer_grads.csv, trials/, config.resolved.yaml) and builds the reports, after checking that no
/// shard is missing, incomplete or duplicated and that all ran the same configuration.
/// </summary>
public static class ResultsMerge
{
    public static void Merge(string root, CliConsole console)
    {
        try
        {
            var set = ShardMerger.Discover(root);
            // The shards' own resolved config decides the trial set and order: the experiment file may have moved on.
            // Plugins named there are loaded as for `run`; a file that no longer loads is reported with its positions.
            var loaded = ExperimentInput.LoadOrThrow(set.ResolvedConfigPath);
            ShardMerger.Merge(set, loaded.Trials.Select(t => t.TrialId).ToList());
            var summary = GanBench.Reports.ReportGenerator.Build(root, loaded.Catalog, loaded.Config!.Baseline).Summary;
            console.Line($"merged {set.Shards.Count} shard(s), {SummaryRenderer.TrialCount(summary)} trial(s) into {root} (runs.csv, curves.csv, layer_grads.csv, trials/, summary.md, summary.csv)");
        }
        catch (ShardMergeException e)
        {
            throw new UsageException(e.Problems);
        }
    }
}
