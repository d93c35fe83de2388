using System.Diagnostics;
using System.Text;

namespace GanBench.Cli.Tests.Survival;

/// <summary>
/// The CLI as a child process (`dotnet ganbench.dll ...`), the way a cluster runs it. The test
/// project references the CLI, so ganbench.dll sits beside the test assembly.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "ganbench.dll");

    private readonly Process _process;
    private readonly StringBuilder _out = new(), _err = new();
    private readonly object _gate = new();

    public event Action<string>? OutputLine;

    private CliProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        // One thread per process: several run at once on a small machine, and bit-identical
        // comparisons need the same thread count in every process.
        start.Environment["OMP_NUM_THREADS"] = "1";
        start.Environment["MKL_NUM_THREADS"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // A CI runner inside a Slurm array or an Indexed Job must not shard these runs by accident.
        foreach (var name in new[] { "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "JOB_COMPLETION_INDEX", "GANBENCH_SHARD_COUNT" })
            start.Environment.Remove(name);
        if (environment is not null)
            foreach (var (k, v) in environment) start.Environment[k] = v;

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_gate) _out.AppendLine(e.Data);
            OutputLine?.Invoke(e.Data);
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _err.AppendLine(e.Data); };
    }

    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, Action<string>? onLine = null)
    {
        var p = new CliProcess(args, environment);
        if (onLine is not null) p.OutputLine += onLine;
        p._process.Start();
        p._process.BeginOutputReadLine();
        p._process.BeginErrorReadLine();
        return p;
    }

    /// <summary>Runs to the end and returns the exit code with both streams.</summary>
    public static (int Code, string Out, string Err) Run(TimeSpan timeout, params string[] args)
    {
        using var p = Start(args);
        return p.WaitForExit(timeout);
    }

    public (int Code, string Out, string Err) WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"ganbench did not finish within {timeout}: {Output}\n{Errors}");
        }
        _process.WaitForExit(); // drains the asynchronous readers
        return (_process.ExitCode, Output, Errors);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL, as a scheduler's pre-emption or the OOM killer would.</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: false); } catch (InvalidOperationException) { }
        _process.WaitForExit();
    }

    public string Output { get { lock (_gate) return _out.ToString(); } }
    public string Errors { get { lock (_gate) return _err.ToString(); } }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
