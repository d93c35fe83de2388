using GanBench.Core.Results;

namespace GanBench.Training.Schedules;

/// <summary>
/// How one trial's networks are trained and measured: the loop between building the components and
/// the <see cref="Training.TrialOutcome"/>. <see cref="ScheduleRunner"/> finds implementations by
/// <see cref="Name"/> (the <c>protocol.kind</c> of the config, declared in Core's ProtocolConfig) and
/// gives them one finish and error path, so a schedule only says what it does per step.
/// </summary>
public interface ISchedule
{
    /// <summary>The <c>protocol.kind</c> it implements.</summary>
    string Name { get; }

    /// <summary>How runs.csv and messages name this schedule's steps ("step", "critic step").</summary>
    string StepWord { get; }

    /// <summary>
    /// Runs the trial to its end and says how it ended. Throwing <see cref="Training.NonFiniteException"/>
    /// ends it as diverged, cancelling <see cref="ScheduleRun.Budget"/> as timeout, any other exception
    /// as failed; the curve recorded so far is kept in every case.
    /// </summary>
    ScheduleEnd Execute(ScheduleRun run);
}

/// <summary>How a schedule ended: its status and, unless it finished, why.</summary>
public readonly record struct ScheduleEnd(TrialStatus Status, string? Message)
{
    public static ScheduleEnd Finished => new(TrialStatus.Ok, null);
}
