using System.Diagnostics;
using GanBench.Core.Results;

namespace GanBench.Cli.Commands;

/// <summary>
/// Trains a sweep in several worker processes, one shard each, then merges the shards into the
/// results folder with the same code as `merge`. Processes, not threads: libtorch objects shared
/// through TorchSharp are not safe to use from two training threads (see SweepRunner). A worker
/// watches its parent and exits when the parent is gone, so a killed sweep leaves no orphan
/// that could write into the folder a resumed sweep is using.
/// </summary>
public static class ProcessFanOut
{
    public const string WorkerOption = "worker-of";

    /// <summary>The shard count to use: the one already on disk (so a resume keeps its shards), else <paramref name="jobs"/>.</summary>
    public static int ShardCount(string outDirectory, int jobs)
    {
        var shards = Path.Combine(outDirectory, ShardSpec.ShardsFolder);
        if (Directory.Exists(shards))
            foreach (var dir in Directory.EnumerateDirectories(shards).Order(StringComparer.Ordinal))
                if (ShardSpec.FromDirectoryName(Path.GetFileName(dir)) is { } spec)
                    return spec.Count;
        return jobs;
    }

    /// <summary>True when the folder holds a single-process run, which shards must not overwrite.</summary>
    public static bool HoldsUnshardedRun(string outDirectory) =>
        File.Exists(Path.Combine(outDirectory, ResultsDirectory.RunsFile)) && !File.Exists(Path.Combine(outDirectory, ShardMerger.MarkerFile));

    /// <summary>Runs every shard as a child process and waits; returns the first failing exit code, or 0.</summary>
    public static int RunShards(string experimentPath, string outDirectory, string device, int count, CliConsole console)
    {
        var (program, prefix) = SelfCommand();
        var gate = new object();
        var children = new List<Process>();
        for (int i = 0; i < count; i++)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in prefix) start.ArgumentList.Add(a);
            foreach (var a in new[] { "run", experimentPath, "--out", outDirectory, "--shard", $"{i}/{count}", "--jobs", "1", "--plain", "--device", device, "--" + WorkerOption, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                start.ArgumentList.Add(a);
            var child = new Process { StartInfo = start };
            int shard = i;
            child.OutputDataReceived += (_, e) => { if (e.Data is { } l) lock (gate) console.Line($"[shard {shard}] {l}"); };
            child.ErrorDataReceived += (_, e) => { if (e.Data is { } l) lock (gate) console.Error($"[shard {shard}] {l}"); };
            child.Start();
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            children.Add(child);
        }
        int failed = 0;
        foreach (var child in children)
        {
            child.WaitForExit();
            if (child.ExitCode != 0 && failed == 0) failed = child.ExitCode;
            child.Dispose();
        }
        return failed;
    }

    /// <summary>How to start this program again: the apphost itself, or `dotnet ganbench.dll`.</summary>
    private static (string Program, string[] Prefix) SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(Program).Assembly.Location;
        bool viaDotnet = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
                         || !Path.GetFileNameWithoutExtension(process).Equals(Path.GetFileNameWithoutExtension(dll), StringComparison.OrdinalIgnoreCase);
        return viaDotnet ? ("dotnet", [dll]) : (process, []);
    }

    /// <summary>In a worker: exit at once when the parent process is gone (killed or crashed).</summary>
    public static void WatchParent(int parentId)
    {
        var thread = new Thread(() =>
        {
            while (true)
            {
                // Kill, not Exit: Exit runs shutdown code that can wait on the training thread, and
                // every write here is whole-row or by rename, so dying at any instant is safe.
                if (!Directory.Exists($"/proc/{parentId}") && !IsAlive(parentId))
                    Process.GetCurrentProcess().Kill();
                Thread.Sleep(200);
            }
        }) { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }

    private static bool IsAlive(int id)
    {
        try { using var p = Process.GetProcessById(id); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }
}
