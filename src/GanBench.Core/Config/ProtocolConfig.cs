namespace GanBench.Core.Config;

/// <summary>
/// <c>protocol:</c> top-level mapping: which experiment schedule every trial of the file runs.
/// Each kind is an ordinary trial (arm × dataset × seed), so any loss can be run under it.
/// <list type="bullet">
/// <item><c>{kind: standard}</c> (the default, also when the key is absent): the usual GAN loop,
/// train.iterations generator steps with train.critic_steps critic steps each.</item>
/// <item><c>{kind: frozen_generator, pretrain_steps: 500, critic_steps: 4000, checkpoints: 20}</c>
/// (Arjovsky &amp; Bottou 2017, Fig. 2/3): pre-train the generator for <c>pretrain_steps</c>
/// steps with the non_saturating loss, one critic step per generator step (no penalty, clipping
/// or instance noise during pre-training); freeze it; re-initialise the critic and its optimizer
/// and train it for <c>critic_steps</c> steps with the arm's critic loss (penalty, clipping and
/// instance noise apply). At <c>checkpoints</c> log-spaced critic steps (step 0 included) it
/// records, on the fixed evaluation latents and with the arm's instance noise, ‖∇θG‖ of the
/// minimax generator loss (<c>g_grad_norm_minimax</c>), of the non-saturating generator loss
/// (<c>g_grad_norm_ns</c>), the mean D(G(z)) = σ(c_fake) (<c>d_fake_prob</c>), its 90th percentile
/// over the latents (<c>d_fake_prob_q90</c>: the least confident fakes carry the minimax gradient) and
/// mean D(x_real) (<c>d_real_prob</c>). train.iterations and train.critic_steps are not used.</item>
/// <item><c>{kind: fixed_generator, noise_std: 1.0, critic_steps: 1000, checkpoints: 5}</c>
/// (Gulrajani et al. 2017, Fig. 1): there is no generator network; the "fake" batch is real data
/// plus N(0, noise_std²). The critic trains against it for <c>critic_steps</c> steps with the
/// arm's loss. At each checkpoint it records the norm of the critic loss's gradient (objective
/// only, without the penalty term) with respect to each hidden layer's activations (rows of
/// layer_grads.csv with network <c>critic_activation</c>, layer 0 = the first hidden layer),
/// their spread <c>act_grad_span</c> = log10(max/min) over the hidden layers, and
/// clip_saturation when the arm clips.</item>
/// </list>
/// Both measurement kinds also take <c>critic_optimizer: {type, lr, betas}</c>, the measurement
/// critic's own optimizer (keys not written take the optimizer defaults; absent: the arm's optimizer),
/// so that the critic can be trained to convergence without changing how the generator was trained,
/// and <c>plateau_window: W</c> with <c>plateau_tolerance: t</c> (default 0.01): stop the measurement
/// phase once the mean critic loss over the last W steps improved by less than t (relative) on the
/// W steps before; critic_steps is then the cap, the last checkpoint is taken at the stop step, and
/// runs.csv's steps is where it stopped.
/// Ranges: pretrain_steps integer ≥ 0; critic_steps integer ≥ 1; checkpoints integer 2..1000
/// (capped at critic_steps + 1); noise_std number &gt; 0; plateau_window integer ≥ 1;
/// plateau_tolerance number in (0, 1). Keys of another kind are errors.
/// A non-standard protocol is part of the trial id; standard is not, so existing ids stay, and the
/// optional keys enter the id only when written.
/// </summary>
public sealed record ProtocolConfig
{
    public const string Standard = "standard", FrozenGenerator = "frozen_generator", FixedGenerator = "fixed_generator";
    public static readonly IReadOnlyList<string> Kinds = [Standard, FrozenGenerator, FixedGenerator];

    /// <summary><c>kind:</c> standard | frozen_generator | fixed_generator, default standard.</summary>
    public string Kind { get; init; } = Standard;
    /// <summary><c>pretrain_steps:</c> frozen_generator only; default 500.</summary>
    public int PretrainSteps { get; init; } = 500;
    /// <summary><c>critic_steps:</c> default 4000 (frozen_generator) or 1000 (fixed_generator).</summary>
    public int CriticSteps { get; init; } = 4000;
    /// <summary><c>checkpoints:</c> log-spaced measurement points; default 20 (frozen) or 5 (fixed).</summary>
    public int Checkpoints { get; init; } = 20;
    /// <summary><c>noise_std:</c> fixed_generator only; default 1.0.</summary>
    public double NoiseStd { get; init; } = 1.0;

    /// <summary><c>critic_optimizer:</c> the measurement critic's optimizer; null: the arm's.</summary>
    public OptimizerConfig? CriticOptimizer { get; init; }
    /// <summary><c>plateau_window:</c> critic steps per window of the plateau stop rule; null: no rule, run to critic_steps.</summary>
    public int? PlateauWindow { get; init; }
    /// <summary><c>plateau_tolerance:</c> the relative improvement between two windows below which the critic has converged.</summary>
    public double PlateauTolerance { get; init; } = DefaultPlateauTolerance;
    public const double DefaultPlateauTolerance = 0.01;

    public bool IsStandard => Kind == Standard;

    /// <summary>
    /// Whether the critic loss has stopped improving: the mean of the last window against the mean of
    /// the window before, relative to the earlier one's size. A critic whose loss keeps falling by a
    /// constant factor (a minimax critic growing confident, 1e-3 → 1e-4) keeps a large relative
    /// improvement and is not stopped, which is the point: it is still getting more confident.
    /// </summary>
    public static bool HasPlateaued(IReadOnlyList<double> losses, int window, double tolerance)
    {
        if (losses.Count < 2 * window) return false;
        double earlier = 0, later = 0;
        for (int i = losses.Count - 2 * window; i < losses.Count - window; i++) earlier += losses[i];
        for (int i = losses.Count - window; i < losses.Count; i++) later += losses[i];
        earlier /= window;
        later /= window;
        double scale = Math.Abs(earlier);
        if (scale < 1e-12) return Math.Abs(later) < 1e-12;
        return (earlier - later) / scale < tolerance;
    }

    public static ProtocolConfig DefaultsFor(string kind) => kind switch
    {
        FixedGenerator => new ProtocolConfig { Kind = kind, CriticSteps = 1000, Checkpoints = 5 },
        _ => new ProtocolConfig { Kind = kind },
    };

    /// <summary>
    /// Critic steps at which a checkpoint is taken: 0, then <paramref name="count"/> − 1 points
    /// spaced evenly in log(1 + step) up to <paramref name="steps"/>, duplicates removed.
    /// </summary>
    public static IReadOnlyList<int> LogSpacedSteps(int steps, int count)
    {
        var set = new SortedSet<int> { 0, steps };
        for (int i = 1; i < count; i++)
            set.Add((int)Math.Round(Math.Exp(Math.Log(steps + 1.0) * i / (count - 1)) - 1));
        return set.ToList();
    }
}
