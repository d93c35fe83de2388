using GanBench.Core.Config;
using GanBench.Core.Evaluation;
using GanBench.Training.Training;

namespace GanBench.Training.Schedules;

/// <summary>
/// frozen_generator (Arjovsky &amp; Bottou 2017, Fig. 2): pre-train a generator with the
/// non_saturating loss, freeze it, train a fresh critic and measure how the minimax and
/// non-saturating generator gradients behave as the critic wins.
/// </summary>
public sealed class FrozenGeneratorSchedule : CriticProbeSchedule
{
    public override string Name => ProtocolConfig.FrozenGenerator;

    protected override Func<Dictionary<string, double?>> Prepare(ScheduleRun run, GanTrial gan)
    {
        Pretrain(run, gan);
        return () =>
        {
            var probe = gan.ProbeGeneratorGradients();
            return new Dictionary<string, double?>(StringComparer.Ordinal)
            {
                [ProtocolMetrics.MinimaxGradNorm.Name] = probe.MinimaxNorm, [ProtocolMetrics.NonSaturatingGradNorm.Name] = probe.NonSaturatingNorm,
                [ProtocolMetrics.FakeProb.Name] = probe.FakeProb, [ProtocolMetrics.FakeProbQ90.Name] = probe.FakeProbQ90,
                [ProtocolMetrics.RealProb.Name] = probe.RealProb, [CriticMetrics.CriticLoss.Name] = probe.CriticLoss,
            };
        };
    }

    /// <summary>
    /// Pre-trains a generator with the non_saturating loss, one critic step per generator step,
    /// without penalty, clipping or instance noise, then copies it into <paramref name="target"/>,
    /// whose critic and optimizers are untouched (fresh).
    /// </summary>
    private static void Pretrain(ScheduleRun run, GanTrial target)
    {
        var trial = run.Trial;
        if (trial.Protocol.PretrainSteps == 0) return;
        var spec = trial with
        {
            Loss = new LossSetup { Written = "non_saturating", Objective = "non_saturating" },
            Train = trial.Train with { CriticSteps = 1 },
        };
        using var pre = new GanTrial(spec, run.Device, run.Components.Objective("non_saturating"), run.Components.Penalty("none"));
        for (int i = 0; i < trial.Protocol.PretrainSteps; i++)
        {
            run.Cancellation.ThrowIfCancellationRequested();
            run.Budget.ThrowIfCancellationRequested();
            double d = pre.CriticStep();
            double g = pre.GeneratorStep();
            if (!double.IsFinite(d) || !double.IsFinite(g)) throw new NonFiniteException($"non-finite loss in generator pre-training at step {i + 1}");
        }
        target.CopyGeneratorFrom(pre);
    }
}
