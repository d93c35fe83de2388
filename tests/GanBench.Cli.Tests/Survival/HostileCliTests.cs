using System.Diagnostics;
using System.Text.RegularExpressions;
using GanBench.Core.Results;

namespace GanBench.Cli.Tests.Survival;

/// <summary>
/// Hostile input on the command line side: bad options and shard specs, output folders that are
/// files, missing experiment and plugin files, broken or mismatched shard folders for `merge`, and
/// broken sample CSVs for `metrics`.
/// (YAML-level hostile input is the bad-config corpus of GanBench.Core.Tests.) Every case exits 2
/// within seconds, prints each problem once, with file:line:column where there is one, shows no
/// stack trace, and changes nothing on disk.
/// </summary>
[Collection(CliProcessCollection.Name)]
public partial class HostileCliTests(TinySweepFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-hostile-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <param name="Args">The command line.</param>
    /// <param name="Expect">Text the error output must contain.</param>
    /// <param name="Located">The message must carry file:line:column.</param>
    private sealed record Case(string[] Args, string Expect, bool Located = false, IReadOnlyDictionary<string, string>? Environment = null);

    public static TheoryData<string> InProcessNames => [.. InProcessCases];
    public static TheoryData<string> ProcessNames => [.. ProcessCases];

    /// <summary>Cases that run in this process on files written here: the fast inner loop runs them.</summary>
    private static readonly string[] InProcessCases =
    [
        "out-is-a-file", "out-below-a-file", "out-empty", "out-holds-other-files", "shard-out-is-a-file", "shard-index-too-large", "shard-without-slash",
        "shard-not-numbers", "shard-count-zero", "shard-negative", "shard-three-parts", "shard-overflow",
        "shard-and-shard-count", "shard-count-alone", "shard-spaces", "experiment-missing", "experiment-is-a-folder",
        "name-escapes", "name-with-separator", "plugin-missing", "device-unknown", "option-typo", "command-typo",
        "merge-no-argument", "merge-folder-missing", "merge-folder-is-a-file", "merge-without-shards", "merge-shards-empty",
        "metrics-file-missing", "metrics-cell-not-a-number", "metrics-ragged-row", "metrics-empty-file", "metrics-binary-file",
        "metrics-nan-value", "metrics-unclosed-quote", "metrics-dimension-mismatch", "metrics-unknown-dataset",
        "metrics-subcommand-typo", "experiment-fifo", "experiment-device", "plugin-is-a-folder", "plugin-is-a-fifo",
        "plugin-name-throws", "plugin-loss-not-a-scalar", "out-read-only", "metrics-coordinates-overflow",
        "metrics-step-missing", "metrics-step-without-steps", "trial-too-large-for-memory", "seeds-hundred-thousand",
    ];

    /// <summary>Cases that start processes: environment variables are process-wide, and broken copies of
    /// the tiny sweep's results need the sweep run first (<see cref="TinySweepFixture"/>).</summary>
    private static readonly string[] ProcessCases =
    [
        "env-job-index-without-count", "env-slurm-without-count", "env-slurm-outside-array", "env-count-not-a-number",
        "merge-shard-missing", "merge-shard-incomplete", "merge-mixed-counts", "merge-different-configs",
        "merge-trial-in-wrong-shard", "merge-trial-twice", "merge-metric-not-a-number", "merge-runs-header-broken",
        "merge-runs-binary", "merge-stray-folder", "merge-config-missing", "merge-over-unsharded-results",
        "report-baseline-typo", "report-folder-missing-config", "report-runs-row-twice", "report-layer-grads-broken", "resume-changed-config-names-the-key",
    ];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Appends one line, made from the file's lines, to a file of a results folder.</summary>
    private static string Appended(string root, string file, Func<string[], string> line)
    {
        var path = Path.Combine(root, file);
        File.AppendAllText(path, line(File.ReadAllLines(path)) + "\n");
        return root;
    }

    private static string Delete(string root, string file)
    {
        File.Delete(Path.Combine(root, file));
        return root;
    }

    private string GoodCsv() => Write("good.csv", "x,y\n0.1,0.2\n0.3,0.4\n");

    private string Tiny => SweepFixtures.Tiny;
    private string Out => Path.Combine(_dir, "out");

    /// <summary>A copy of the (unmerged) shard folders to break.</summary>
    private string Shards(Action<string> breakIt)
    {
        var root = Path.Combine(_dir, "results");
        TinySweepFixture.CopyDirectory(fixture.Sharded, root);
        breakIt(root);
        return root;
    }

    private static string ShardDir(string root, int i, int n = TinySweepFixture.ShardCount) => Path.Combine(root, "shards", $"{i}-of-{n}");

    /// <summary>The shard with the most trials and its runs.csv.</summary>
    private static (int Index, string Runs) Fullest(string root) => Enumerable.Range(0, TinySweepFixture.ShardCount)
        .Select(i => (i, Path.Combine(ShardDir(root, i), "runs.csv")))
        .Where(s => File.Exists(s.Item2))
        .OrderByDescending(s => File.ReadAllLines(s.Item2).Length).First();

    private string Fifo(string name)
    {
        var path = Path.Combine(_dir, name);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>The tiny experiment with <paramref name="insert"/> after its name and <paramref name="edit"/> applied to the text.</summary>
    private string TinyWith(string insert, Func<string, string>? edit = null) =>
        Write("t.yaml", (edit ?? (t => t))(File.ReadAllText(Tiny).Replace("name: tiny\n", "name: tiny\n" + insert)));

    /// <summary>A copy of the single-process results of the tiny sweep, to point report and resume at.</summary>
    private string SingleCopy()
    {
        var root = Path.Combine(_dir, "single");
        if (!Directory.Exists(root)) TinySweepFixture.CopyDirectory(fixture.Single, root);
        return root;
    }

    private Case Build(string name) => InProcessCases.Contains(name) ? InProcessCase(name) : ProcessCase(name);

    private Case InProcessCase(string name) => name switch
    {
        "experiment-fifo" => new([Fifo("exp.yaml"), "--out", Out], "is not a regular file"),
        "experiment-device" => new(["validate", "/dev/zero"], "is not a regular file"),
        "plugin-is-a-folder" => new([TinyWith($"plugins: [\"{_dir}\"]\n"), "--out", Out], "is a directory", Located: true),
        "plugin-is-a-fifo" => new([TinyWith($"plugins: [\"{Fifo("p.dll")}\"]\n"), "--out", Out], "is not a regular file", Located: true),
        "plugin-name-throws" => new([TinyWith($"plugins: [\"{typeof(HostileCliTests).Assembly.Location}\"]\n"), "--out", Out], "its Name property failed: no name today"),
        "plugin-loss-not-a-scalar" => new([TinyWith($"plugins: [\"{SamplePlugin.TestPluginsPath}\"]\n", t => t.Replace("  - { loss: non_saturating }", "  - { loss: batch_loss }")), "--out", Out],
            "objective 'batch_loss': CriticLoss returned a tensor of shape [8]; it must return a scalar"),
        "out-read-only" => new([Tiny, "--out", "/proc/ganbench-results"], "choose a writable --out"),
        "metrics-coordinates-overflow" => new(["metrics", "w1", Write("far.csv", "x,y\n1e200,0\n-1e200,0\n"), GoodCsv()], "too far apart"),
        "metrics-step-missing" => new(["metrics", "w1", Write("samples.csv", "step,x,y\n0,0.1,0.2\n10,0.3,0.4\n"), GoodCsv(), "--step", "99"], "has no points at step 99; its steps are 0, 10"),
        "metrics-step-without-steps" => new(["metrics", "modes", "--dataset", "ring8", GoodCsv(), "--step", "3"], "has no step column"),
        "trial-too-large-for-memory" => new([TinyWith("", t => t.Replace("hidden: 16, layers: 2 }", "hidden: 60000, layers: 3 }")), "--out", Out], "of memory"),
        "seeds-hundred-thousand" => new([Write("many.yaml", "name: many\ndatasets: [ring8]\nlosses: [{loss: minimax}]\nseeds: [" + string.Join(", ", Enumerable.Range(0, 100_001)) + "]\n")],
            "holds more than 100000 values"),
        "out-is-a-file" => new([Tiny, "--out", Write("file", "x")], "is a file"),
        "out-below-a-file" => new([Tiny, "--out", Path.Combine(Write("file", "x"), "sub", "dir")], "is a file"),
        "out-empty" => new([Tiny, "--out", ""], "--out is empty"),
        "out-holds-other-files" => new([Tiny, "--out", Path.GetDirectoryName(Write(Path.Combine("home", "notes.txt"), "mine"))!], "holds other files (notes.txt) but no GanBench results"),
        "shard-out-is-a-file" => new([Tiny, "--out", Write("file", "x"), "--shard", "0/2"], "is a file"),
        "shard-index-too-large" => new([Tiny, "--out", Out, "--shard", "3/3"], "0-based, so it must be from 0 to 2"),
        "shard-without-slash" => new([Tiny, "--out", Out, "--shard", "1"], "expected INDEX/COUNT"),
        "shard-not-numbers" => new([Tiny, "--out", Out, "--shard", "a/b"], "shard count must be an integer"),
        "shard-count-zero" => new([Tiny, "--out", Out, "--shard", "0/0"], "shard count must be an integer from 1"),
        "shard-negative" => new([Tiny, "--out", Out, "--shard=-1/2"], "non-negative integer"),
        "shard-three-parts" => new([Tiny, "--out", Out, "--shard", "1/2/3"], "expected INDEX/COUNT"),
        "shard-overflow" => new([Tiny, "--out", Out, "--shard", "99999999999999999999/2"], "non-negative integer"),
        "shard-and-shard-count" => new([Tiny, "--out", Out, "--shard", "0/2", "--shard-count", "2"], "--shard-count is only for JOB_COMPLETION_INDEX"),
        "shard-count-alone" => new([Tiny, "--out", Out, "--shard-count", "2"], "--shard-count needs JOB_COMPLETION_INDEX"),
        "shard-spaces" => new([Tiny, "--out", Out, "--shard", " 0/2"], "non-negative integer"),
        "experiment-missing" => new([Path.Combine(_dir, "nope.yaml"), "--out", Out], "nope.yaml"),
        "experiment-is-a-folder" => new(["run", _dir, "--out", Out], _dir),
        "name-escapes" => new([Write("escape.yaml", "name: ../../etc\ndatasets: [ring8]\nlosses: [{loss: minimax}]\n"), "--out", Out], "could escape results/", Located: true),
        "name-with-separator" => new([Write("slash.yaml", "name: a/b\ndatasets: [ring8]\nlosses: [{loss: minimax}]\n")], "name", Located: true),
        "plugin-missing" => new([Write("plugin.yaml", "name: p\ndatasets: [ring8]\nlosses: [{loss: minimax}]\nplugins:\n  - plugins/NoSuch.dll\n"), "--out", Out], "does not exist", Located: true),
        "device-unknown" => new([Tiny, "--out", Out, "--device", "gpu"], "--device 'gpu' is not one of"),
        "option-typo" => new([Tiny, "--out", Out, "--shards", "0/2"], "did you mean --shard?"),
        "command-typo" => new(["merg", _dir], "did you mean 'merge'?"),
        "merge-no-argument" => new(["merge"], "usage: merge"),
        "merge-folder-missing" => new(["merge", Path.Combine(_dir, "nothing")], "no such folder"),
        "merge-folder-is-a-file" => new(["merge", Write("file", "x")], "is a file"),
        "merge-without-shards" => new(["merge", _dir], "has no shards/ folder"),
        "merge-shards-empty" => new(["merge", Path.GetDirectoryName(Directory.CreateDirectory(Path.Combine(_dir, "empty", "shards")).FullName)!], "is empty; no shard has run yet"),
        "metrics-file-missing" => new(["metrics", "w1", Path.Combine(_dir, "nope.csv"), GoodCsv()], "nope.csv: error: file not found"),
        "metrics-cell-not-a-number" => new(["metrics", "w1", Write("nan.csv", "x,y\n0.1,abc\n0.3,0.4\n"), GoodCsv()], "'abc' in column 'y' is not a number", Located: true),
        "metrics-ragged-row" => new(["metrics", "w1", Write("ragged.csv", "x,y\n0.1,0.2\n0.3\n"), GoodCsv()], "has 1 value(s) but the header names 2", Located: true),
        "metrics-empty-file" => new(["metrics", "w1", Write("empty.csv", ""), GoodCsv()], "is empty"),
        "metrics-binary-file" => new(["metrics", "w1", WriteBytes("bin.csv", [0x00, 0x01, 0xFF, 0xFE, 0x0A, 0x00]), GoodCsv()], "is not a text CSV file", Located: true),
        "metrics-nan-value" => new(["metrics", "modes", "--dataset", "ring8", Write("nanv.csv", "x,y\n0.1,NaN\n")], "is not a finite number", Located: true),
        "metrics-unclosed-quote" => new(["metrics", "w1", Write("quote.csv", "x,y\n\"0.1,0.2\n"), GoodCsv()], "quote.csv:2", Located: true),
        "metrics-dimension-mismatch" => new(["metrics", "w1", Write("three.csv", "x,y,z\n1,2,3\n"), GoodCsv()], "both samples must have the same dimension"),
        "metrics-unknown-dataset" => new(["metrics", "modes", "--dataset", "ring9", GoodCsv()], "did you mean 'ring8'?"),
        "metrics-subcommand-typo" => new(["metrics", "mode", GoodCsv()], "did you mean 'modes'?"),
        _ => throw new ArgumentException(name),
    };

    private Case ProcessCase(string name) => name switch
    {
        "report-baseline-typo" => new(["report", SingleCopy(), "--baseline", "wgan_gpp"], "--baseline 'wgan_gpp' is not an arm"),
        "report-folder-missing-config" => new(["report", Delete(SingleCopy(), ResultsDirectory.ResolvedConfigFile)], "config.resolved.yaml is missing"),
        "report-runs-row-twice" => new(["report", Appended(SingleCopy(), ResultsDirectory.RunsFile, lines => lines[^1])], "delete all but one row of it"),
        "report-layer-grads-broken" => new(["report", Appended(SingleCopy(), ResultsDirectory.LayerGradientsFile, _ => "x,y")], "layer_grads.csv"),
        "resume-changed-config-names-the-key" => new([TinyWith("", t => t.Replace("iterations: 40", "iterations: 41")), "--out", SingleCopy()], "train.iterations was 40, now 41"),
        "env-job-index-without-count" => new([Tiny, "--out", Out], "set GANBENCH_SHARD_COUNT", Environment: new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1" }),
        "env-slurm-without-count" => new([Tiny, "--out", Out], "SLURM_ARRAY_TASK_COUNT is not", Environment: new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "0" }),
        "env-slurm-outside-array" => new([Tiny, "--out", Out], "contiguous range", Environment: new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "7", ["SLURM_ARRAY_TASK_COUNT"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "1" }),
        "env-count-not-a-number" => new([Tiny, "--out", Out], "GANBENCH_SHARD_COUNT=four", Environment: new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "0", ["GANBENCH_SHARD_COUNT"] = "four" }),
        "merge-shard-missing" => new(["merge", Shards(r => Directory.Delete(ShardDir(r, 1), true))], "shard 1/3 is missing"),
        "merge-shard-incomplete" => new(["merge", Shards(r => EditFullestRuns(r, lines => lines[..^1]))], "is incomplete"),
        "merge-mixed-counts" => new(["merge", Shards(r => TinySweepFixture.CopyDirectory(ShardDir(r, 0), ShardDir(r, 0, 2)))], "mixes shard counts 2, 3"),
        "merge-different-configs" => new(["merge", Shards(r =>
        {
            var config = Path.Combine(ShardDir(r, 2), "config.resolved.yaml");
            File.WriteAllText(config, File.ReadAllText(config).Replace("iterations: 40", "iterations: 41"));
        })], "ran different configurations"),
        "merge-trial-in-wrong-shard" => new(["merge", Shards(r =>
        {
            var (i, runs) = Fullest(r);
            var other = Path.Combine(ShardDir(r, (i + 1) % TinySweepFixture.ShardCount), "runs.csv");
            var row = File.ReadAllLines(runs)[1];
            if (File.Exists(other)) File.AppendAllText(other, row + "\n");
            else File.WriteAllText(other, File.ReadAllLines(runs)[0] + "\n" + row + "\n");
        })], "which belongs to shard"),
        "merge-trial-twice" => new(["merge", Shards(r => EditFullestRuns(r, lines => [.. lines, lines[1]]))], "twice"),
        "merge-metric-not-a-number" => new(["merge", Shards(r => EditFullestRuns(r, lines => [lines[0], WithLastCell(lines[1], "=cmd|' /C calc'!A0"), .. lines[2..]]))], "is not a number"),
        "merge-runs-header-broken" => new(["merge", Shards(r => EditFullestRuns(r, lines => [lines[0].Replace("trial_id,", "trial,"), .. lines[1..]]))], "lacks required column(s) trial_id"),
        "merge-runs-binary" => new(["merge", Shards(r => File.WriteAllBytes(Fullest(r).Runs, [0xFF, 0xFE, 0x00, 0x01, 0x02, 0x0A, 0x80, 0x81, 0x00, 0x22]))], "runs.csv"),
        "merge-stray-folder" => new(["merge", Shards(r => Directory.CreateDirectory(Path.Combine(r, "shards", "old")))], "not a shard folder"),
        "merge-config-missing" => new(["merge", Shards(r => File.Delete(Path.Combine(ShardDir(r, 1), "config.resolved.yaml")))], "config.resolved.yaml is missing"),
        "merge-over-unsharded-results" => new(["merge", Shards(r => File.Copy(Path.Combine(fixture.Single, "runs.csv"), Path.Combine(r, "runs.csv")))], "was not written by merge"),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Rewrites the runs.csv of the shard with the most trials.</summary>
    private static void EditFullestRuns(string root, Func<string[], string[]> edit)
    {
        var (_, runs) = Fullest(root);
        File.WriteAllLines(runs, edit(File.ReadAllLines(runs)));
    }

    private static string WithLastCell(string row, string value)
    {
        var cells = row.Split(',');
        cells[^1] = value;
        return string.Join(',', cells);
    }

    [Theory]
    [MemberData(nameof(InProcessNames))]
    public void Bad_input_exits_2_quickly_once_per_problem_without_trace_or_files(string name) => Check(name);

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(ProcessNames))]
    public void Bad_input_in_a_process_or_to_a_finished_sweep_exits_2_the_same_way(string name) => Check(name);

    private void Check(string name)
    {
        var c = Build(name);
        var before = Listing();
        var clock = Stopwatch.StartNew();
        int code;
        string output, errors;
        if (c.Environment is null)
        {
            (code, output, errors) = InProcessCli.Run(c.Args);
        }
        else
        {
            // Environment variables are process-wide: these cases get a process of their own.
            using var p = CliProcess.Start(c.Args, c.Environment);
            (code, output, errors) = p.WaitForExit(TimeSpan.FromSeconds(60));
        }
        var elapsed = clock.Elapsed;

        Assert.True(code == 2, $"{name}: exit {code}\n{output}\n{errors}");
        Assert.True(elapsed < TimeSpan.FromSeconds(c.Environment is null ? 5 : 30), $"{name}: took {elapsed}");
        Assert.Contains(c.Expect, errors);
        Assert.DoesNotContain("   at ", errors);
        Assert.DoesNotContain("Exception", errors);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.All(lines, l => Assert.True(l.Length < 1000, l));
        if (c.Located)
            Assert.Matches(LocatedError(), errors);
        Assert.Equal(before, Listing());
    }

    /// <summary>file:line:column for YAML; file:line (and the column where a cell is at fault) for CSV.</summary>
    [GeneratedRegex(@"\.yaml:\d+:\d+: error|\.csv:\d+(:\d+)?: error")]
    private static partial Regex LocatedError();

    [Fact]
    public void The_corpus_with_the_yaml_corpus_has_at_least_thirty_cases()
    {
        var yaml = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "GanBench.Core.Tests", "Fixtures", "bad-configs"), "*.yaml").Length;
        Assert.True(InProcessCases.Length + ProcessCases.Length >= 30, $"{InProcessCases.Length + ProcessCases.Length} CLI cases");
        Assert.True(InProcessCases.Length + ProcessCases.Length + yaml >= 30);
    }

    /// <summary>Every file and folder under the test's folder with its size and time: a case must change none.</summary>
    private string Listing() => string.Join("\n", Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(p => File.Exists(p) ? $"{p} {new FileInfo(p).Length} {File.GetLastWriteTimeUtc(p).Ticks}" : p));
}
