using System.Diagnostics;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Training;

namespace GanBench.Training.Schedules;

/// <summary>
/// The measurement schedules of <see cref="ProtocolConfig"/>: the generator stays fixed while the
/// critic trains for protocol.critic_steps, measured at log-spaced checkpoints. They return the
/// same <see cref="TrialOutcome"/> as the standard loop, so the sweep records them in the usual
/// files: checkpoint metrics in curves.csv (step = critic steps of the measurement phase); steps
/// in runs.csv count critic steps. With protocol.plateau_window the phase ends once the critic loss
/// has stopped improving (a last checkpoint is taken there), and protocol.critic_optimizer trains the
/// measurement critic with its own optimizer.
/// </summary>
public abstract class CriticProbeSchedule : ISchedule
{
    public abstract string Name { get; }
    public string StepWord => "critic step";

    /// <summary>Sets up the fixed generator and returns the measurement taken at each checkpoint.</summary>
    protected abstract Func<Dictionary<string, double?>> Prepare(ScheduleRun run, GanTrial gan);

    public ScheduleEnd Execute(ScheduleRun run)
    {
        var p = run.Trial.Protocol;
        var checkpoints = new HashSet<int>(ProtocolConfig.LogSpacedSteps(p.CriticSteps, p.Checkpoints));
        using var gan = run.CreateTrial(p.CriticOptimizer is { } optimizer ? run.Trial with { Train = run.Trial.Train with { Optimizer = optimizer } } : null);
        var losses = new List<double>();
        run.StartBudget();
        var measure = Prepare(run, gan);

        void Checkpoint()
        {
            var clock = Stopwatch.StartNew();
            var metrics = measure();
            run.Record(metrics, clock.Elapsed.TotalSeconds);
        }

        Checkpoint();
        while (run.Step < p.CriticSteps)
        {
            run.Cancellation.ThrowIfCancellationRequested();
            double loss = gan.CriticStep();
            run.Step++;
            if (!double.IsFinite(loss)) return new(TrialStatus.Diverged, $"non-finite critic loss at critic step {run.Step}");
            losses.Add(loss);
            bool converged = p.PlateauWindow is int window && ProtocolConfig.HasPlateaued(losses, window, p.PlateauTolerance);
            if (checkpoints.Contains(run.Step) || converged) Checkpoint();
            if (converged) break;
            if (run.Step % 50 == 0 || run.Step == p.CriticSteps) run.Progress?.Report(new TrialProgress(run.Step, p.CriticSteps, loss, double.NaN));
            if (run.Step < p.CriticSteps && run.OverBudget) return new(TrialStatus.Timeout, run.TimeoutMessage(this, p.CriticSteps));
        }
        return ScheduleEnd.Finished;
    }
}
