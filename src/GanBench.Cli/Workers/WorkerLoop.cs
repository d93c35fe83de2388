using GanBench.Training.Schedules;
using GanBench.Cli.Application;
using GanBench.Training.Images;
using GanBench.Training.Ensembles;
using GanBench.Training.Sweep;
using GanBench.Training.Training;

namespace GanBench.Cli.Workers;

/// <summary>
/// The process a sweep with --jobs N starts N of (the hidden `worker` command). It loads the
/// sweep's resolved configuration (so it trains exactly the trials the parent planned, even if the
/// experiment file was edited since), then trains the work units named on its standard input one at
/// a time (a trial alone, or an ensemble's members together) and answers on standard output (see <see cref="WorkerProtocol"/>). It writes no file but the
/// trial's checkpoints: the parent records every outcome.
/// </summary>
public static class WorkerLoop
{
    public const string Verb = "worker";

    /// <param name="parentId">The sweep's process: the worker exits when it is gone.</param>
    public static void Serve(string resolvedConfigPath, string deviceChoice, int? parentId, CliConsole console)
    {
        if (parentId is int pid) WorkerProcess.WatchParent(pid);
        var loaded = ExperimentInput.LoadOrThrow(resolvedConfigPath);
        // The sweep resolved this device before starting the worker; failing here means the machine changed under it.
        var (resolved, error) = DeviceSelector.Resolve(deviceChoice);
        var device = resolved ?? throw new InvalidOperationException($"the worker cannot use device '{deviceChoice}': {error}");
        if (device.type == TorchSharp.DeviceType.CPU) TorchSharp.torch.set_num_threads(SweepRunner.TorchThreads);
        ImageSetup.Log = message => console.Error(message);
        var trials = loaded.Trials.ToDictionary(t => t.TrialId, StringComparer.Ordinal);
        var trainer = new TrialTrainer(loaded.Components);
        var ensembles = new EnsembleTrainer(loaded.Components);
        var output = console.Out;
        output.WriteLine(WorkerProtocol.Ready);
        output.Flush();
        string? request;
        while ((request = Console.In.ReadLine()) is not null)
        {
            var parsed = WorkerProtocol.ParseRequest(request)
                ?? throw new InvalidOperationException($"worker: cannot read the request '{request}'");
            var unit = parsed.Select(m => trials.TryGetValue(m.TrialId, out var trial) ? trial
                : throw new InvalidOperationException($"worker: trial {m.TrialId} is not in {resolvedConfigPath}")).ToList();
            void Send(int k, TrialOutcome outcome)
            {
                lock (output)
                {
                    output.WriteLine(WorkerProtocol.Outcome(unit[k].TrialId, outcome));
                    output.Flush();
                }
            }
            if (unit.Count == 1)
                Send(0, trainer.Run(unit[0], device, new ProgressLines(output, unit[0].TrialId), CancellationToken.None, parsed[0].Snapshots, parsed[0].CheckpointFolder));
            else
                ensembles.Run(unit.Select((t, k) => new EnsembleMember(t, parsed[k].Snapshots, new ProgressLines(output, t.TrialId), parsed[k].CheckpointFolder)).ToList(), device, Send);
        }
    }

    /// <summary>At most a few progress lines a second: the parent's display refreshes no faster.</summary>
    private sealed class ProgressLines(TextWriter output, string trialId) : IProgress<TrialProgress>
    {
        private readonly System.Diagnostics.Stopwatch _since = System.Diagnostics.Stopwatch.StartNew();

        public void Report(TrialProgress value)
        {
            if (value.Step < value.TotalSteps && _since.ElapsedMilliseconds < 200) return;
            _since.Restart();
            lock (output)
            {
                output.WriteLine(WorkerProtocol.Progress(trialId, value));
                output.Flush();
            }
        }
    }
}
