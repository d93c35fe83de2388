using GanBench.Core.Results;

namespace GanBench.Cli.Commands;

/// <summary>
/// `merge DIR`: puts the shards under DIR/shards/ together into DIR (runs.csv, curves.csv,
/// layer_grads.csv, trials/, config.resolved.yaml) and builds the reports, after checking that no
/// shard is missing, incomplete or duplicated and that all ran the same configuration.
/// </summary>
public sealed class MergeCommand : ICommand
{
    public string Name => "merge";
    public string Usage => "merge <results-folder>";
    public string Summary => "merge the shards of a results folder (shards/<i>-of-<n>/) and build its reports";

    public int Execute(IReadOnlyList<string> args, CliConsole console)
    {
        var line = CommandLine.Parse(Name, args, []);
        line.ExpectPositionals(Name, 1, 1, Usage);
        var root = line.Positionals[0];
        if (string.IsNullOrWhiteSpace(root))
            throw new UsageException("error: merge: the results folder name is empty");
        try
        {
            var set = ShardMerger.Discover(root);
            // The shards' own resolved config decides the trial set and order: the experiment file may have moved on.
            // Plugins named there are loaded as for `run`; a file that no longer loads is reported with its positions.
            var loaded = ExperimentInput.LoadOrThrow(set.ResolvedConfigPath);
            ShardMerger.Merge(set, loaded.Trials.Select(t => t.TrialId).ToList());
            var summary = GanBench.Reports.ReportGenerator.Build(root, loaded.Catalog, loaded.Config!.Baseline).Summary;
            int trials = summary.Final.Sum(t => t.Rows.Sum(r => r.Counts.Total));
            console.Line($"merged {set.Shards.Count} shard(s), {trials} trial(s) into {root} (runs.csv, curves.csv, layer_grads.csv, trials/, summary.md, summary.csv)");
            return ExitCodes.Success;
        }
        catch (ShardMergeException e)
        {
            throw new UsageException(e.Problems);
        }
    }
}
