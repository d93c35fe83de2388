using GanBench.Core.Config;
using GanBench.Core.Evaluation;
using GanBench.Training.Training;

namespace GanBench.Training.Schedules;

/// <summary>
/// fixed_generator (Gulrajani et al. 2017, Fig. 4b): the generator is the real data plus Gaussian
/// noise of protocol.noise_std; the critic trains against it, and the per-layer gradients of the
/// critic loss with respect to the hidden activations show vanishing or exploding gradients.
/// </summary>
public sealed class FixedGeneratorSchedule : CriticProbeSchedule
{
    /// <summary>The network name of the activation-gradient rows in layer_grads.csv.</summary>
    public const string ActivationNetwork = "critic_activation";

    public override string Name => ProtocolConfig.FixedGenerator;

    protected override Func<Dictionary<string, double?>> Prepare(ScheduleRun run, GanTrial gan)
    {
        gan.UseFixedGenerator(run.Trial.Protocol.NoiseStd);
        return () =>
        {
            var (norms, criticLoss, saturation) = gan.ProbeCriticActivations();
            for (int i = 0; i < norms.Count; i++) run.LayerGradients.Add(new LayerGradient(run.Step, ActivationNetwork, i, norms[i]));
            double max = norms.Max(), min = norms.Min();
            var metrics = new Dictionary<string, double?>(StringComparer.Ordinal)
            {
                [CriticMetrics.CriticLoss.Name] = criticLoss,
                // An activation gradient that underflowed to 0 gives no finite span; leave it empty.
                [ProtocolMetrics.ActivationGradSpan.Name] = min > 0 ? Math.Log10(max / min) : null,
            };
            if (saturation is double s) metrics[CriticMetrics.ClipSaturation.Name] = s;
            return metrics;
        };
    }
}
