using GanBench.Cli.Workers;
using GanBench.Training.Images;
using GanBench.Training.Sweep;
using GanBench.Training.Training;

namespace GanBench.Cli.Commands;

/// <summary>
/// `worker <config.resolved.yaml> --device D --worker-of PID`: the process a sweep with --jobs N
/// starts N of. It loads the sweep's resolved configuration (so it trains exactly the trials the
/// parent planned, even if the experiment file was edited since), then trains the trials named on
/// its standard input one at a time and answers on standard output (see <see cref="WorkerProtocol"/>).
/// It writes no file but the trial's checkpoints: the parent records every outcome. Not listed in help.
/// </summary>
public sealed class WorkerCommand : ICommand
{
    public const string Verb = "worker";
    public string Name => Verb;
    public string Usage => "worker <config.resolved.yaml> --device cpu|cuda --worker-of PID";
    public string Summary => "(internal) train trials for a sweep's --jobs";

    public int Execute(IReadOnlyList<string> args, CliConsole console)
    {
        var line = CommandLine.Parse(Verb, args, ["device", "worker-of"]);
        line.ExpectPositionals(Verb, 1, 1, Usage);
        if (line.Option("worker-of") is { } parent && int.TryParse(parent, out int pid)) WorkerProcess.WatchParent(pid);
        var loaded = ExperimentInput.LoadOrThrow(line.Positionals[0]);
        var (device, error) = DeviceSelector.Resolve(line.Option("device") ?? "cpu");
        if (device is null) throw new UsageException($"error: {error}");
        if (device.type == TorchSharp.DeviceType.CPU) TorchSharp.torch.set_num_threads(SweepRunner.TorchThreads);
        ImageSetup.Log = message => console.Error(message);
        var trials = loaded.Trials.ToDictionary(t => t.TrialId, StringComparer.Ordinal);
        var trainer = new TrialTrainer(loaded.Components);
        var output = console.Out;
        output.WriteLine(WorkerProtocol.Ready);
        output.Flush();
        string? request;
        while ((request = Console.In.ReadLine()) is not null)
        {
            var parsed = WorkerProtocol.ParseRequest(request)
                ?? throw new InvalidOperationException($"worker: cannot read the request '{request}'");
            if (!trials.TryGetValue(parsed.TrialId, out var trial))
                throw new InvalidOperationException($"worker: trial {parsed.TrialId} is not in {line.Positionals[0]}");
            var outcome = trainer.Run(trial, device, new ProgressLines(output), CancellationToken.None, parsed.Snapshots, parsed.CheckpointFolder);
            lock (output)
            {
                output.WriteLine(WorkerProtocol.Outcome(outcome));
                output.Flush();
            }
        }
        return ExitCodes.Success;
    }

    /// <summary>At most a few progress lines a second: the parent's display refreshes no faster.</summary>
    private sealed class ProgressLines(TextWriter output) : IProgress<TrialProgress>
    {
        private readonly System.Diagnostics.Stopwatch _since = System.Diagnostics.Stopwatch.StartNew();

        public void Report(TrialProgress value)
        {
            if (value.Step < value.TotalSteps && _since.ElapsedMilliseconds < 200) return;
            _since.Restart();
            lock (output)
            {
                output.WriteLine(WorkerProtocol.Progress(value));
                output.Flush();
            }
        }
    }
}
