using System.Collections.Concurrent;
using System.Diagnostics;
using GanBench.Training.Ensembles;
using GanBench.Training.Sweep;

namespace GanBench.Cli.Workers;

/// <summary>A message from a worker process, or its end (<see cref="Line"/> null).</summary>
internal sealed record WorkerEvent(WorkerProcess Worker, string? Line);

/// <summary>
/// One worker process: `ganbench worker` on the sweep's resolved configuration, started with this
/// process as its parent (it exits when the parent is gone). Its standard output lines go to the
/// shared inbox; its standard error is passed on to the console and its tail kept for messages.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastErrors = new();

    public int Number { get; }
    public bool IsReady { get; set; }
    /// <summary>The trials of the unit it is training that have not reported their outcome yet, by trial id; empty when idle.</summary>
    public Dictionary<string, PendingTrial> Current { get; } = new(StringComparer.Ordinal);

    private WorkerProcess(int number, Process process)
    {
        Number = number;
        _process = process;
    }

    public static WorkerProcess Start(int number, string resolvedConfig, string device, BlockingCollection<WorkerEvent> inbox, CliConsole console)
    {
        var (program, prefix) = SelfCommand();
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in prefix) start.ArgumentList.Add(a);
        foreach (var a in new[] { WorkerLoop.Verb, resolvedConfig, "--device", device, "--worker-of", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(number, process);
        process.OutputDataReceived += (_, e) =>
        {
            // A worker can still end after the sweep stopped listening (it is being killed); nobody needs that news.
            try { inbox.Add(new WorkerEvent(worker, e.Data)); }
            catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException) { }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            lock (worker._lastErrors)
            {
                worker._lastErrors.Enqueue(line);
                while (worker._lastErrors.Count > 5) worker._lastErrors.Dequeue();
            }
            console.Error($"[worker {number}] {line}");
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public void Send(WorkUnit unit)
    {
        foreach (var member in unit.Members) Current[member.Trial.TrialId] = member;
        _process.StandardInput.WriteLine(WorkerProtocol.Request(unit));
        _process.StandardInput.Flush();
    }

    /// <summary>No more work: the worker exits when it reads the end of its input.</summary>
    public void Finish()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { }
    }

    /// <summary>Why the process ended, for a failed trial's message: its exit code and the last lines it printed.</summary>
    public string Obituary()
    {
        _process.WaitForExit(5000);
        string code = _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";
        string said;
        lock (_lastErrors) said = string.Join(" | ", _lastErrors);
        return $"worker process {Number} ended (exit code {code}){(said.Length > 0 ? $": {said}" : "")}";
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
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
                // the worker writes nothing but its output lines, so dying at any instant is safe.
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
