using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Training;

namespace GanBench.Training.Schedules;

/// <summary>
/// Finds a trial's schedule by its protocol kind and runs it through the one finish and error path:
/// a NaN or infinity ends the trial as diverged, an exception as failed, running past
/// train.max_minutes as timeout (its curve so far is kept). None of these escapes to the sweep;
/// only the sweep's own cancellation does.
/// </summary>
public static class ScheduleRunner
{
    private static readonly Lazy<IReadOnlyDictionary<string, ISchedule>> Found = new(() => typeof(ISchedule).Assembly.GetTypes()
        .Where(t => typeof(ISchedule).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (ISchedule)Activator.CreateInstance(t)!)
        .ToDictionary(s => s.Name, StringComparer.Ordinal));

    /// <summary>Every schedule of this assembly by protocol kind; a test checks it matches <see cref="ProtocolConfig.Kinds"/>.</summary>
    public static IReadOnlyDictionary<string, ISchedule> All => Found.Value;

    public static TrialOutcome Run(ISchedule schedule, ScheduleRun run)
    {
        try
        {
            return run.Finish(schedule.Execute(run));
        }
        catch (NonFiniteException e)
        {
            return run.Finish(new(TrialStatus.Diverged, $"{e.Message} at {schedule.StepWord} {run.Step}"));
        }
        catch (OperationCanceledException) when (run.Budget.IsCancellationRequested && !run.Cancellation.IsCancellationRequested)
        {
            return run.Finish(new(TrialStatus.Timeout, run.TimeoutMessage(schedule, TotalSteps(run.Trial))));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            return run.Finish(new(TrialStatus.Failed, $"{e.GetType().Name}: {ComponentPreflight.FirstLine(e.Message)}")) with
            {
                NativeFailure = e is System.Runtime.InteropServices.ExternalException,
            };
        }
    }

    /// <summary>The steps a trial's schedule runs: generator steps, or a protocol's critic steps.</summary>
    public static int TotalSteps(TrialSpec trial) => trial.Protocol.IsStandard ? trial.Train.Iterations : trial.Protocol.CriticSteps;

    public static ISchedule For(TrialSpec trial) => All.TryGetValue(trial.Protocol.Kind, out var schedule) ? schedule
        : throw new ArgumentException($"unknown protocol kind '{trial.Protocol.Kind}'");
}
