namespace GanBench.Cli.Tests;

/// <summary>
/// The command line's own contract on Spectre.Console.Cli: help, the default command, and every
/// kind of parsing mistake as exactly one line in the project's format with exit code 2. Nothing
/// here loads an experiment or trains.
/// </summary>
public class CommandLineTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    private const string ListedCommands = "run, validate, list, metrics, report, merge, compare, compare-bench, history, claims";

    [Theory]
    [InlineData(new[] { "--help" }, 0)]
    [InlineData(new[] { "-h" }, 0)]
    [InlineData(new[] { "help" }, 0)]
    [InlineData(new string[0], 2)]
    public void Help_lists_every_command_but_the_internal_worker(string[] args, int exitCode)
    {
        var (code, stdout, stderr) = Cli(args);
        Assert.Equal(exitCode, code);
        Assert.Equal("", stderr);
        foreach (var command in ListedCommands.Split(", "))
            Assert.Matches($@"(?m)^\s+{command}\b", stdout);
        Assert.DoesNotMatch(@"(?m)^\s+worker\b", stdout);
        Assert.Contains("exit codes: 0 done", stdout);
        Assert.DoesNotContain("\u001b[", stdout);
    }

    [Fact]
    public void A_commands_help_shows_its_arguments_and_options()
    {
        var (code, stdout, _) = Cli("run", "--help");
        Assert.Equal(0, code);
        foreach (var text in new[] { "<experiment.yaml>", "--out <DIR>", "--jobs <N>", "--device <DEVICE>", "--shard <SHARD>", "--plain" })
            Assert.Contains(text, stdout);
    }

    [Theory]
    [InlineData(new[] { "x.yaml", "--shards", "0/2" }, "error: run: unknown option --shards; did you mean --shard? (valid: --device, --jobs, --out, --plain, --shard, --shard-count)")]
    [InlineData(new[] { "run", "--frob", "x.yaml" }, "error: run: unknown option --frob (valid: --device, --jobs, --out, --plain, --shard, --shard-count)")]
    [InlineData(new[] { "run", "x.yaml", "-x" }, "error: run: unknown option -x (valid: --device, --jobs, --out, --plain, --shard, --shard-count)")]
    [InlineData(new[] { "validate", "--out", "o", "x.yaml" }, "error: validate: unknown option --out (it takes no options)")]
    [InlineData(new[] { "x.yaml", "--out" }, "error: run: option --out needs a value")]
    [InlineData(new[] { "x.yaml", "--out=" }, "error: run: option --out needs a value")]
    [InlineData(new[] { "x.yaml", "--out", "a", "--out", "b" }, "error: run: option --out is given more than once")]
    [InlineData(new[] { "x.yaml", "--plain=yes" }, "error: run: --plain is a flag and takes no value; got '--plain=yes'")]
    [InlineData(new[] { "run", "x.yaml", "--", "more" }, "error: run: unexpected argument(s) after --: more")]
    [InlineData(new[] { "run" }, "error: run: expected 1 argument(s), got 0; usage: run <experiment.yaml> [--out DIR] [--plain] [--shard SHARD] [--shard-count N] [--jobs N] [--device DEVICE]")]
    [InlineData(new[] { "validate", "a.yaml", "b.yaml" }, "error: validate: expected 1 argument(s), but 'b.yaml' is one more; usage: validate <experiment.yaml>")]
    [InlineData(new[] { "list", "extra" }, "error: list: expected 0 argument(s), but 'extra' is one more; usage: list [--plugins PATHS]")]
    [InlineData(new[] { "metrics", "w1", "a.csv" }, "error: metrics w1: expected 2 argument(s), got 1; usage: metrics w1 <a.csv> <b.csv> [--seed N] [--step N]")]
    [InlineData(new[] { "metrics" }, "error: metrics: expected 'w1' or 'modes'; usage: metrics w1 <a.csv> <b.csv> [--seed N] [--step N] | metrics modes <samples.csv> [--dataset NAME] [--threshold STD] [--seed N] [--step N]")]
    [InlineData(new[] { "x.yaml", "--jobs", "x" }, "error: run: --jobs 'x' must be a whole number ≥ 1")]
    [InlineData(new[] { "claims", "--jobs", "0" }, "error: claims: --jobs '0' must be a whole number ≥ 1")]
    [InlineData(new[] { "claims", "--device", "tpu" }, "error: claims: --device 'tpu' is not one of auto, cpu, cuda")]
    [InlineData(new[] { "claims", "--only", "9" }, "error: claims: --only '9' is not a claim number; claims are 1, 2, 3, 4, 5")]
    [InlineData(new[] { "claims", "--only", "," }, "error: claims: --only needs claim numbers, e.g. --only 1,3")]
    [InlineData(new[] { "metrics", "w1", "a.csv", "b.csv", "--seed", "-1" }, "error: metrics: --seed '-1' must be a whole number ≥ 0")]
    [InlineData(new[] { "metrics", "modes", "s.csv", "--threshold", "0" }, "error: metrics modes: --threshold '0' must be a finite number > 0 (in component standard deviations)")]
    [InlineData(new[] { "merge", "" }, "error: merge: the results folder name is empty")]
    [InlineData(new[] { "worker" }, "error: worker: expected 1 argument(s), got 0; usage: worker <config.resolved.yaml> [--worker-of PID] [--device DEVICE]")]
    [InlineData(new[] { "frobnicate" }, "error: unknown command 'frobnicate' (commands: " + ListedCommands + ", or an experiment .yaml file)")]
    public void A_parsing_mistake_is_one_line_in_the_projects_format_and_exit_2(string[] args, string line)
    {
        var (code, stdout, stderr) = Cli(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(line, stderr.TrimEnd('\n', '\r'));
    }

    [Fact]
    public void Every_problem_with_the_options_is_reported_at_once()
    {
        var (code, _, stderr) = Cli("x.yaml", "--jobs", "x", "--device", "gpu", "--out", " ");
        Assert.Equal(2, code);
        Assert.Equal(
            ["error: run: --jobs 'x' must be a whole number ≥ 1", "error: run: --device 'gpu' is not one of auto, cpu, cuda", "error: run: --out is empty; give a folder"],
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void An_experiment_file_without_the_verb_runs_the_run_command()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ganbench-no-such-" + Guid.NewGuid().ToString("N") + ".yaml");
        var (code, _, stderr) = Cli(missing, "--jobs", "1");
        var (runCode, _, runErr) = Cli("run", missing, "--jobs", "1");
        Assert.Equal(2, code);
        Assert.Equal(runCode, code);
        Assert.Equal(runErr, stderr);
        Assert.Contains(missing, stderr);
    }
}
