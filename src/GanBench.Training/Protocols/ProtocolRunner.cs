using System.Diagnostics;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Training;
using static TorchSharp.torch;

namespace GanBench.Training.Protocols;

/// <summary>
/// Runs the non-standard schedules of <see cref="ProtocolConfig"/> and returns the same
/// <see cref="TrialOutcome"/> as the standard loop, so the sweep records them in the usual files:
/// checkpoint metrics in curves.csv (step = critic steps of the measurement phase), per-layer
/// activation-gradient norms in layer_grads.csv (network <c>critic_activation</c>). Steps in
/// runs.csv count critic steps of that phase.
/// </summary>
public static class ProtocolRunner
{
    public const string ActivationNetwork = "critic_activation";

    public static TrialOutcome Run(ComponentRegistry components, TrialSpec trial, Device device, IProgress<TrialProgress>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var curve = new List<Evaluation>();
        var layers = new List<LayerGradient>();
        int step = 0;
        double evalSeconds = 0;
        TrialOutcome Finish(TrialStatus status, string? message) => new(
            status, step, clock.Elapsed.TotalSeconds, evalSeconds, message,
            status == TrialStatus.Ok && curve.Count > 0 ? curve[^1].Metrics : new Dictionary<string, double?>(),
            curve, layers, [], null);
        try
        {
            var p = trial.Protocol;
            var checkpoints = new HashSet<int>(ProtocolConfig.LogSpacedSteps(p.CriticSteps, p.Checkpoints));
            // The arm's component options apply under a protocol exactly as in the standard loop.
            var (objective, penalty) = components.For(trial);
            using var gan = new GanTrial(trial, device, objective, penalty);
            Func<Dictionary<string, double?>> measure;
            if (p.Kind == ProtocolConfig.FrozenGenerator)
            {
                Pretrain(components, trial, device, gan, progress, cancellation);
                measure = () =>
                {
                    var (mm, ns, fakeProb, realProb, dLoss) = gan.ProbeGeneratorGradients();
                    return new Dictionary<string, double?>(StringComparer.Ordinal)
                    {
                        ["g_grad_norm_minimax"] = mm, ["g_grad_norm_ns"] = ns,
                        ["d_fake_prob"] = fakeProb, ["d_real_prob"] = realProb, ["d_loss"] = dLoss,
                    };
                };
            }
            else if (p.Kind == ProtocolConfig.FixedGenerator)
            {
                gan.UseFixedGenerator(p.NoiseStd);
                measure = () =>
                {
                    var (norms, dLoss, saturation) = gan.ProbeCriticActivations();
                    for (int i = 0; i < norms.Count; i++) layers.Add(new LayerGradient(step, ActivationNetwork, i, norms[i]));
                    double max = norms.Max(), min = norms.Min();
                    var m = new Dictionary<string, double?>(StringComparer.Ordinal)
                    {
                        ["d_loss"] = dLoss,
                        // An activation gradient that underflowed to 0 gives no finite span; leave it empty.
                        ["act_grad_span"] = min > 0 ? Math.Log10(max / min) : null,
                    };
                    if (saturation is double s) m["clip_saturation"] = s;
                    return m;
                };
            }
            else throw new ArgumentException($"unknown protocol kind '{p.Kind}'");

            void Checkpoint()
            {
                var t = Stopwatch.StartNew();
                var metrics = measure();
                foreach (var (key, value) in metrics)
                    if (value is double v && !double.IsFinite(v)) throw new NonFiniteException($"metric {key} is not finite");
                curve.Add(new Evaluation(step, clock.Elapsed.TotalSeconds, metrics));
                evalSeconds += t.Elapsed.TotalSeconds;
            }

            Checkpoint();
            while (step < p.CriticSteps)
            {
                cancellation.ThrowIfCancellationRequested();
                double loss = gan.CriticStep();
                step++;
                if (!double.IsFinite(loss)) return Finish(TrialStatus.Diverged, $"non-finite critic loss at critic step {step}");
                if (checkpoints.Contains(step)) Checkpoint();
                if (step % 50 == 0 || step == p.CriticSteps) progress?.Report(new TrialProgress(step, p.CriticSteps, loss, double.NaN));
            }
            return Finish(TrialStatus.Ok, null);
        }
        catch (NonFiniteException e) { return Finish(TrialStatus.Diverged, $"{e.Message} at critic step {step}"); }
        catch (OperationCanceledException) { throw; }
        catch (Exception e) { return Finish(TrialStatus.Failed, $"{e.GetType().Name}: {Components.ComponentPreflight.FirstLine(e.Message)}"); }
    }

    /// <summary>
    /// Pre-trains a generator with the non_saturating loss, one critic step per generator step,
    /// without penalty, clipping or instance noise, then copies it into <paramref name="target"/>,
    /// whose critic and optimizers are untouched (fresh).
    /// </summary>
    private static void Pretrain(ComponentRegistry components, TrialSpec trial, Device device, GanTrial target, IProgress<TrialProgress>? progress, CancellationToken cancellation)
    {
        if (trial.Protocol.PretrainSteps == 0) return;
        var spec = trial with
        {
            Loss = new LossSetup { Written = "non_saturating", Objective = "non_saturating" },
            Train = trial.Train with { CriticSteps = 1 },
        };
        using var pre = new GanTrial(spec, device, components.Objective("non_saturating"), components.Penalty("none"));
        for (int i = 0; i < trial.Protocol.PretrainSteps; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            double d = pre.CriticStep();
            double g = pre.GeneratorStep();
            if (!double.IsFinite(d) || !double.IsFinite(g)) throw new NonFiniteException($"non-finite loss in generator pre-training at step {i + 1}");
        }
        target.CopyGeneratorFrom(pre);
    }
}
