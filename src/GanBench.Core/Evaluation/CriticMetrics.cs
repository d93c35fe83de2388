using GanBench.Core.Results;

namespace GanBench.Core.Evaluation;

/// <summary>
/// What the critic and gradient diagnostics of a standard evaluation record. They need the networks,
/// so GanBench.Training computes them; they are declared here, torch-free, so that reports and
/// summaries know them without TorchSharp.
/// </summary>
public static class CriticMetrics
{
    private const string Standard = Config.ProtocolConfig.Standard, Frozen = Config.ProtocolConfig.FrozenGenerator, Fixed = Config.ProtocolConfig.FixedGenerator;

    public static readonly MetricInfo CriticGap = new("critic_w_estimate", MetricDirection.Neutral, "critic gap E D(real) - E D(fake)") { ConsoleColumn = 11, PointPanel = 3, ImagePanel = 5 };
    public static readonly MetricInfo LipschitzMax = new("critic_lipschitz_max", MetricDirection.Neutral, "largest measured input-gradient norm of the critic") { Minimum = 0 };
    public static readonly MetricInfo LipschitzMean = new("critic_lipschitz_mean", MetricDirection.Neutral, "mean measured input-gradient norm of the critic") { Minimum = 0 };
    public static readonly MetricInfo Tightness = new("w_tightness", MetricDirection.Neutral, "critic gap divided by exact W1 (1 for a tight 1-Lipschitz critic)", MetricScope.Points);
    public static readonly MetricInfo GeneratorGradNorm = new("g_grad_norm", MetricDirection.Neutral, "norm of the generator's parameter gradient") { Minimum = 0, ConsoleColumn = 12, PointPanel = 4, ImagePanel = 6, LogScale = true };
    public static readonly MetricInfo CriticGradNorm = new("d_grad_norm", MetricDirection.Neutral, "norm of the critic's parameter gradient") { Minimum = 0, PointPanel = 5, ImagePanel = 7, LogScale = true };
    public static readonly MetricInfo ClipSaturation = new("clip_saturation", MetricDirection.Neutral, "fraction of critic weights within 1% of the clipping bound", MetricScope.Any, Standard, Fixed) { Minimum = 0, Maximum = 1 };
    public static readonly MetricInfo NoiseSigma = new("noise_sigma", MetricDirection.Neutral, "instance-noise standard deviation in force at the evaluation") { Minimum = 0 };
    public static readonly MetricInfo GeneratorLoss = new("g_loss", MetricDirection.Neutral, "generator loss");
    public static readonly MetricInfo CriticLoss = new("d_loss", MetricDirection.Neutral, "critic loss", MetricScope.Any, Standard, Frozen, Fixed);
    /// <summary>The training critic lags the generator, so its gap mixes distance with lag; a fresh critic
    /// trained for the frozen generator under the arm's constraint reads the distance alone. A clipped
    /// critic's gap is W1 only up to an unknown scale (its Lipschitz bound), so compare it by rank.</summary>
    public static readonly MetricInfo CriticRefitGap = new("critic_refit_gap", MetricDirection.Neutral,
        "eval.critic_refit: E D(real) - E D(fake) of a fresh critic trained against the frozen generator under the arm's objective and constraint, on the samples of w1_exact",
        MetricScope.Points) { OnlyWith = Config.EvalConfig.CriticRefitKey };

    public static IReadOnlyList<MetricInfo> All { get; } =
        [CriticGap, LipschitzMax, LipschitzMean, Tightness, GeneratorGradNorm, CriticGradNorm, ClipSaturation, NoiseSigma, GeneratorLoss, CriticLoss, CriticRefitGap];
}

/// <summary>What the frozen_generator and fixed_generator schedules record (see ProtocolConfig).</summary>
public static class ProtocolMetrics
{
    private const string Frozen = Config.ProtocolConfig.FrozenGenerator, Fixed = Config.ProtocolConfig.FixedGenerator;

    public static readonly MetricInfo MinimaxGradNorm = new("g_grad_norm_minimax", MetricDirection.Neutral, "frozen_generator: norm of the generator gradient of the minimax loss log(1 - D(G(z)))", MetricScope.Points, Frozen) { Minimum = 0 };
    public static readonly MetricInfo NonSaturatingGradNorm = new("g_grad_norm_ns", MetricDirection.Neutral, "frozen_generator: norm of the generator gradient of the non-saturating loss -log D(G(z))", MetricScope.Points, Frozen) { Minimum = 0 };
    public static readonly MetricInfo FakeProb = new("d_fake_prob", MetricDirection.Neutral, "frozen_generator: mean D(G(z)) = sigmoid of the critic logit on generated samples", MetricScope.Points, Frozen) { Minimum = 0, Maximum = 1 };
    /// <summary>The confidence that decides the minimax gradient: its chain factor is D(G(z)) per sample, so the least
    /// confident fakes dominate it, and a mean can be tiny while a tenth of the fakes still carry the gradient.</summary>
    public static readonly MetricInfo FakeProbQ90 = new("d_fake_prob_q90", MetricDirection.Neutral, "frozen_generator: 90th percentile of D(G(z)) over the evaluation latents (the least confident fakes, which carry the minimax gradient)", MetricScope.Points, Frozen) { Minimum = 0, Maximum = 1 };
    public static readonly MetricInfo RealProb = new("d_real_prob", MetricDirection.Neutral, "frozen_generator: mean D(x) = sigmoid of the critic logit on real samples", MetricScope.Points, Frozen) { Minimum = 0, Maximum = 1 };
    public static readonly MetricInfo ActivationGradSpan = new("act_grad_span", MetricDirection.Neutral, "fixed_generator: log10(max/min) of the critic loss gradient norms over hidden-layer activations", MetricScope.Points, Fixed) { Minimum = 0 };

    public static IReadOnlyList<MetricInfo> All { get; } = [MinimaxGradNorm, NonSaturatingGradNorm, FakeProb, FakeProbQ90, RealProb, ActivationGradSpan];
}

/// <summary>What an image evaluation records through the domain classifier (see ImageMetrics in the README).</summary>
public static class ImageMetricInfos
{
    public static readonly MetricInfo ClassesCovered = new("classes_covered", MetricDirection.HigherIsBetter, "classes predicted for at least one generated image (of 10)", MetricScope.Images) { Minimum = 0, Headline = true, ConsoleColumn = 5, ImagePanel = 3 };
    public static readonly MetricInfo ClassKl = new("class_kl", MetricDirection.LowerIsBetter, "KL of the predicted-class histogram from uniform", MetricScope.Images) { Minimum = 0 };
    public static readonly MetricInfo ModeKl = new("mode_kl", MetricDirection.LowerIsBetter, "stacked images: KL of the class-triple histogram from uniform over 1000", MetricScope.Images) { Minimum = 0, ConsoleColumn = 6 };
    public static readonly MetricInfo Fcd = new("fcd", MetricDirection.LowerIsBetter, "Frechet distance in the classifier's penultimate features", MetricScope.Images) { Minimum = 0, Headline = true, ConsoleColumn = 7, ImagePanel = 1, LogScale = true };
    public static readonly MetricInfo Precision = new("precision", MetricDirection.HigherIsBetter, "share of generated images inside the real feature manifold (k = 3)", MetricScope.Images) { Minimum = 0, Maximum = 1, ConsoleColumn = 8 };
    public static readonly MetricInfo Recall = new("recall", MetricDirection.HigherIsBetter, "share of real images inside the generated feature manifold (k = 3)", MetricScope.Images) { Minimum = 0, Maximum = 1, ConsoleColumn = 9 };
    public static readonly MetricInfo Density = new("density", MetricDirection.HigherIsBetter, "mean count of real k-NN balls holding a generated image, over k (k = 5)", MetricScope.Images) { Minimum = 0 };
    public static readonly MetricInfo Coverage = new("coverage", MetricDirection.HigherIsBetter, "share of real k-NN balls holding at least one generated image (k = 5)", MetricScope.Images) { Minimum = 0, Maximum = 1, Headline = true, ConsoleColumn = 10, ImagePanel = 2 };

    public static IReadOnlyList<MetricInfo> All { get; } = [ClassesCovered, ClassKl, ModeKl, Fcd, Precision, Recall, Density, Coverage];
}
