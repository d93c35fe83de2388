using GanBench.Training.Components;
using GanBench.Core.Config;
using GanBench.Core.Results;

namespace GanBench.Core.Tests.Survival;

public class ShardSpecTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars)
    {
        var d = vars.ToDictionary(v => v.Key, v => v.Value);
        return k => d.TryGetValue(k, out var v) ? v : null;
    }

    private static ShardSpec? Resolve(string? shard, string? count, Func<string, string?> env) => ShardSpec.Resolve(shard, count, env, out _);

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("99/100", 99, 100)]
    public void Index_slash_count_is_0_based(string text, int index, int count)
    {
        var s = ShardSpec.Parse(text, "--shard");
        Assert.Equal(new ShardSpec(index, count), s);
        Assert.Equal($"{index}-of-{count}", s.DirectoryName);
        Assert.Equal(s, ShardSpec.FromDirectoryName(s.DirectoryName));
    }

    [Theory]
    [InlineData("4/4")] [InlineData("1")] [InlineData("a/b")] [InlineData("0/0")] [InlineData("-1/2")] [InlineData("1/2/3")]
    [InlineData("+1/2")] [InlineData(" 1/2")] [InlineData("1/2 ")] [InlineData("0x1/2")] [InlineData("1e0/2")] [InlineData("")]
    [InlineData("/")] [InlineData("0/100001")] [InlineData("99999999999/2")] [InlineData("١/٢")]
    public void Anything_else_is_refused_with_the_rule(string text)
    {
        var e = Assert.Throws<ShardSpecException>(() => ShardSpec.Parse(text, "--shard"));
        Assert.StartsWith($"--shard '", e.Message);
    }

    [Theory]
    [InlineData("0-of-0")] [InlineData("2-of-2")] [InlineData("01-of-2")] [InlineData("0-of-2-of-3")] [InlineData("x")] [InlineData("0of2")]
    public void Folder_names_that_are_not_shards_are_recognised(string name) => Assert.Null(ShardSpec.FromDirectoryName(name));

    [Fact]
    public void The_flag_wins_over_the_environment_and_none_turns_detection_off()
    {
        var slurm = Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4"));
        Assert.Equal(new ShardSpec(1, 3), Resolve("1/3", null, slurm));
        Assert.Null(Resolve("none", null, slurm));
        Assert.Null(Resolve(null, null, Env()));
    }

    [Fact]
    public void Slurm_arrays_give_a_0_based_index_whatever_the_array_starts_at()
    {
        Assert.Equal(new ShardSpec(2, 4), Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        Assert.Equal(new ShardSpec(0, 4), Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "1"))));
        Assert.Equal(new ShardSpec(3, 4), Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "1"))));
        // --array=0,2,4: not contiguous.
        Assert.Throws<ShardSpecException>(() => Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_COUNT", "3"))));
        Assert.Throws<ShardSpecException>(() => Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "1"))));
        Assert.Throws<ShardSpecException>(() => Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "x"), ("SLURM_ARRAY_TASK_COUNT", "3"))));
    }

    [Fact]
    public void Indexed_jobs_take_the_count_from_the_flag_or_GANBENCH_SHARD_COUNT()
    {
        Assert.Equal(new ShardSpec(1, 3), Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "1"), ("GANBENCH_SHARD_COUNT", "3"))));
        Assert.Equal(new ShardSpec(1, 5), Resolve(null, "5", Env(("JOB_COMPLETION_INDEX", "1"), ("GANBENCH_SHARD_COUNT", "3"))));
        var e = Assert.Throws<ShardSpecException>(() => Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "1"))));
        Assert.Contains("GANBENCH_SHARD_COUNT", e.Message);
        Assert.Throws<ShardSpecException>(() => Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "3"), ("GANBENCH_SHARD_COUNT", "3"))));
        Assert.Throws<ShardSpecException>(() => Resolve(null, "2", Env()));
        Assert.Throws<ShardSpecException>(() => Resolve("0/2", "2", Env()));
        // Empty variables count as unset (a job template with an empty value).
        Assert.Null(Resolve(null, null, Env(("JOB_COMPLETION_INDEX", ""), ("SLURM_ARRAY_TASK_ID", " "))));
    }

    private static IReadOnlyList<TrialSpec> Trials(string yaml)
    {
        var r = ExperimentLoader.LoadText(yaml, "t.yaml", Path.GetTempPath(), BuiltinComponents.Catalog());
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Trials;
    }

    [Fact]
    public void Shards_partition_the_trials_and_adding_arms_moves_no_trial()
    {
        const string Head = "name: t\ndatasets: [ring8, grid25]\nseeds: [0, 1, 2, 3, 4]\n";
        var before = Trials(Head + "losses: [{loss: minimax}, {loss: wgan_gp, gp_weight: [1, 10]}]\n");
        var after = Trials(Head + "losses: [{loss: minimax}, {loss: wgan_gp, gp_weight: [1, 10]}, {loss: non_saturating}, {loss: wgan, clip: [0.01, 0.1]}]\n");
        foreach (int n in new[] { 1, 2, 3, 7 })
        {
            var shards = Enumerable.Range(0, n).Select(i => before.Where(t => new ShardSpec(i, n).Contains(t.TrialId)).Select(t => t.TrialId).ToList()).ToList();
            Assert.Equal(before.Select(t => t.TrialId).Order(), shards.SelectMany(s => s).Order());
            foreach (var t in before)
                Assert.Equal(ShardSpec.ShardOf(t.TrialId, n), ShardSpec.ShardOf(after.Single(a => a.TrialId == t.TrialId).TrialId, n));
        }
        // Thirty trials over three shards: no shard is far off ten.
        var sizes = Enumerable.Range(0, 3).Select(i => before.Count(t => ShardSpec.ShardOf(t.TrialId, 3) == i)).ToList();
        Assert.All(sizes, s => Assert.InRange(s, 4, 16));
    }

    [Fact]
    public void Max_minutes_and_checkpoint_every_are_read_checked_written_back_and_leave_trial_ids_alone()
    {
        const string Yaml = "name: t\ndatasets: [ring8]\nlosses: [{loss: minimax}]\n";
        var plain = Trials(Yaml);
        var budgeted = Trials(Yaml + "train: {max_minutes: 0.5, checkpoint_every: 100}\n");
        Assert.Equal(plain.Select(t => t.TrialId), budgeted.Select(t => t.TrialId));
        Assert.Equal(0.5, budgeted[0].Train.MaxMinutes);
        Assert.Equal(100, budgeted[0].Train.CheckpointEvery);
        Assert.Null(plain[0].Train.MaxMinutes);

        var r = ExperimentLoader.LoadText(Yaml + "train: {max_minutes: 0.5, checkpoint_every: 100}\n", "t.yaml", Path.GetTempPath(), BuiltinComponents.Catalog());
        var resolved = ResolvedConfigWriter.ToYaml(r.Config!, r.Trials);
        Assert.Contains("  max_minutes: 0.5\n", resolved.ReplaceLineEndings("\n"));
        Assert.Contains("  checkpoint_every: 100\n", resolved.ReplaceLineEndings("\n"));
        var again = ExperimentLoader.LoadText(resolved, "config.resolved.yaml", Path.GetTempPath(), BuiltinComponents.Catalog());
        Assert.True(again.Ok, string.Join("\n", again.Errors));
        Assert.Equal(r.Config!.Train, again.Config!.Train);

        foreach (var bad in new[] { "max_minutes: 0", "max_minutes: -1", "max_minutes: .nan", "max_minutes: .inf", "max_minutes: soon", "checkpoint_every: 0", "checkpoint_every: 2.5", "max_minute: 3" })
        {
            var result = ExperimentLoader.LoadText(Yaml + $"train: {{{bad}}}\n", "t.yaml", Path.GetTempPath(), BuiltinComponents.Catalog());
            Assert.False(result.Ok, bad);
            var error = Assert.Single(result.Errors);
            Assert.Contains("t.yaml:4:", error.ToString());
        }
    }
}
