using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace GanBench.Core.Tests.Survival;

/// <summary>
/// The deploy examples (Slurm, Kubernetes, the nightly GPU workflow) must at least parse, agree
/// with the CLI's sharding rules and point at files that exist: nothing here can submit them.
/// </summary>
public class DeployFilesTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GanBench.sln"))) return dir.FullName;
        throw new InvalidOperationException("GanBench.sln not found above " + AppContext.BaseDirectory);
    }

    private static List<YamlMappingNode> Documents(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoRoot(), relative));
        stream.Load(reader);
        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode)).ToList();
    }

    private static YamlNode At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
            node = node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var child)
                ? child : throw new Xunit.Sdk.XunitException($"missing key {string.Join(".", path)}");
        return node;
    }

    private static string Text(YamlNode node, params string[] path) => Assert.IsType<YamlScalarNode>(At(node, path)).Value!;

    [Fact]
    public void Indexed_job_shards_by_completion_index_with_a_matching_count()
    {
        var job = Assert.Single(Documents("deploy/kubernetes/ganbench-indexed-job.yaml"));
        Assert.Equal("batch/v1", Text(job, "apiVersion"));
        Assert.Equal("Job", Text(job, "kind"));
        Assert.Equal("Indexed", Text(job, "spec", "completionMode"));
        var completions = Text(job, "spec", "completions");
        var container = Assert.IsType<YamlMappingNode>(Assert.Single(((YamlSequenceNode)At(job, "spec", "template", "spec", "containers")).Children));
        var env = ((YamlSequenceNode)At(container, "env")).Children.ToDictionary(e => Text(e, "name"), e => Text(e, "value"));
        Assert.Equal(completions, env["GANBENCH_SHARD_COUNT"]);
        Assert.Contains(Text(job, "spec", "template", "spec", "restartPolicy"), new[] { "Never", "OnFailure" });
        var command = ((YamlSequenceNode)At(container, "command")).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        Assert.Contains("run", command);
        Assert.DoesNotContain("--shard", command); // the index comes from JOB_COMPLETION_INDEX
        Assert.True(File.Exists(Path.Combine(RepoRoot(), command[command.IndexOf("run") + 1])), "the experiment in the command exists");
        var mount = Text(Assert.Single(((YamlSequenceNode)At(container, "volumeMounts")).Children), "mountPath");
        Assert.StartsWith(mount + "/", command[command.IndexOf("--out") + 1]);

        var merge = Assert.Single(Documents("deploy/kubernetes/ganbench-merge-job.yaml"));
        var mergeCommand = ((YamlSequenceNode)At(Assert.Single(((YamlSequenceNode)At(merge, "spec", "template", "spec", "containers")).Children), "command")).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        Assert.Equal(["merge", command[command.IndexOf("--out") + 1]], mergeCommand[^2..]);

        var pvc = Assert.Single(Documents("deploy/kubernetes/results-pvc.yaml"));
        Assert.Equal("PersistentVolumeClaim", Text(pvc, "kind"));
        Assert.Equal(Text(pvc, "metadata", "name"), Text(Assert.Single(((YamlSequenceNode)At(job, "spec", "template", "spec", "volumes")).Children), "persistentVolumeClaim", "claimName"));
        Assert.Equal("ReadWriteMany", ((YamlScalarNode)Assert.Single(((YamlSequenceNode)At(pvc, "spec", "accessModes")).Children)).Value);
    }

    [Fact]
    public void Nightly_workflow_runs_a_sweep_on_a_self_hosted_gpu_runner_and_publishes_the_reports()
    {
        var workflow = Assert.Single(Documents(".github/workflows/nightly-gpu.yml"));
        Assert.NotNull(At(workflow, "on", "schedule"));
        var job = (YamlMappingNode)At(workflow, "jobs", "sweep");
        var runsOn = ((YamlSequenceNode)At(job, "runs-on")).Children.Select(c => ((YamlScalarNode)c).Value).ToList();
        Assert.Contains("self-hosted", runsOn);
        Assert.Contains("gpu", runsOn);
        var steps = ((YamlSequenceNode)At(job, "steps")).Children.Cast<YamlMappingNode>().ToList();
        Assert.All(steps, s => Assert.True(s.Children.ContainsKey(new YamlScalarNode("run")) ^ s.Children.ContainsKey(new YamlScalarNode("uses")), "each step either runs or uses"));
        var runs = steps.Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))).Select(s => Text(s, "run")).ToList();
        Assert.Contains(runs, r => r.Contains("run.ps1") && r.Contains("--out"));
        Assert.Contains(runs, r => r.Contains("GITHUB_STEP_SUMMARY") && r.Contains("summary.md"));
        Assert.Contains(steps, s => s.Children.TryGetValue(new YamlScalarNode("uses"), out var u) && ((YamlScalarNode)u).Value!.StartsWith("actions/upload-artifact@", StringComparison.Ordinal));
        var experiment = Text(workflow, "on", "workflow_dispatch", "inputs", "experiment", "default");
        Assert.True(File.Exists(Path.Combine(RepoRoot(), experiment)));
        Assert.True(File.Exists(Path.Combine(RepoRoot(), "run.ps1")));
    }

    [Theory]
    [InlineData("deploy/slurm/ganbench-array.sbatch")]
    [InlineData("deploy/slurm/submit.sh")]
    public void Slurm_scripts_pass_bash_syntax_check(string relative)
    {
        var path = Path.Combine(RepoRoot(), relative);
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(path);
        using var bash = Process.Start(start)!;
        var errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, errors);
        Assert.StartsWith("#!/usr/bin/env bash", File.ReadAllText(path));
    }

    [Fact]
    public void The_sbatch_script_is_an_array_job_that_leaves_the_shard_to_the_environment()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "deploy/slurm/ganbench-array.sbatch"));
        var directives = text.Split('\n').Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).ToList();
        Assert.Contains(directives, d => d.StartsWith("#SBATCH --array=0-", StringComparison.Ordinal));
        Assert.Contains("#SBATCH --requeue", directives);
        // Directives after the first command are ignored by sbatch.
        var lines = text.Split('\n');
        int lastDirective = Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH", StringComparison.Ordinal));
        Assert.All(lines[..lastDirective], l => Assert.True(l.Length == 0 || l.StartsWith('#'), $"command before a directive: {l}"));
        Assert.DoesNotContain("--shard", text);
    }
}
