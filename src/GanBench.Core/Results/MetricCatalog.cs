namespace GanBench.Core.Results;

/// <summary>Known metrics with their direction and a one-line description used in table legends.</summary>
/// <remarks>Names found in data but not listed here are reported as Neutral rather than rejected:
/// plugins and newer trainers may log metrics this registry has not heard of yet.</remarks>
public static class MetricCatalog
{
    private const string Standard = Config.ProtocolConfig.Standard, Frozen = Config.ProtocolConfig.FrozenGenerator, Fixed = Config.ProtocolConfig.FixedGenerator;

    private static readonly MetricInfo[] KnownList =
    [
        new("modes_covered", MetricDirection.HigherIsBetter, "modes with at least one high-quality sample") { Minimum = 0 },
        new("hq_fraction", MetricDirection.HigherIsBetter, "fraction of samples within 3 std of their nearest mode", MetricScope.Points) { Minimum = 0, Maximum = 1 },
        new("reverse_kl", MetricDirection.LowerIsBetter, "KL of the high-quality mode histogram from uniform, empty when no sample is high quality", MetricScope.Points) { Minimum = 0 },
        new("w1_exact", MetricDirection.LowerIsBetter, "exact Wasserstein-1 between generated and real samples", MetricScope.Points) { Minimum = 0 },
        new("w1_sliced", MetricDirection.LowerIsBetter, "sliced Wasserstein-1 over random unit directions") { Minimum = 0 },
        new("critic_w_estimate", MetricDirection.Neutral, "critic gap E D(real) - E D(fake)"),
        new("critic_lipschitz_max", MetricDirection.Neutral, "largest measured input-gradient norm of the critic") { Minimum = 0 },
        new("critic_lipschitz_mean", MetricDirection.Neutral, "mean measured input-gradient norm of the critic") { Minimum = 0 },
        new("w_tightness", MetricDirection.Neutral, "critic gap divided by exact W1 (1 for a tight 1-Lipschitz critic)", MetricScope.Points),
        new("g_grad_norm", MetricDirection.Neutral, "norm of the generator's parameter gradient") { Minimum = 0 },
        new("d_grad_norm", MetricDirection.Neutral, "norm of the critic's parameter gradient") { Minimum = 0 },
        new("clip_saturation", MetricDirection.Neutral, "fraction of critic weights within 1% of the clipping bound", MetricScope.Any, Standard, Fixed) { Minimum = 0, Maximum = 1 },
        new("noise_sigma", MetricDirection.Neutral, "instance-noise standard deviation in force at the evaluation") { Minimum = 0 },
        new("g_loss", MetricDirection.Neutral, "generator loss"),
        new("d_loss", MetricDirection.Neutral, "critic loss", MetricScope.Any, Standard, Frozen, Fixed),
        // Written by the frozen_generator and fixed_generator protocols (see ProtocolConfig).
        new("g_grad_norm_minimax", MetricDirection.Neutral, "frozen_generator: norm of the generator gradient of the minimax loss log(1 - D(G(z)))", MetricScope.Points, Frozen) { Minimum = 0 },
        new("g_grad_norm_ns", MetricDirection.Neutral, "frozen_generator: norm of the generator gradient of the non-saturating loss -log D(G(z))", MetricScope.Points, Frozen) { Minimum = 0 },
        new("d_fake_prob", MetricDirection.Neutral, "frozen_generator: mean D(G(z)) = sigmoid of the critic logit on generated samples", MetricScope.Points, Frozen) { Minimum = 0, Maximum = 1 },
        new("d_real_prob", MetricDirection.Neutral, "frozen_generator: mean D(x) = sigmoid of the critic logit on real samples", MetricScope.Points, Frozen) { Minimum = 0, Maximum = 1 },
        new("act_grad_span", MetricDirection.Neutral, "fixed_generator: log10(max/min) of the critic loss gradient norms over hidden-layer activations", MetricScope.Points, Fixed) { Minimum = 0 },
        // Image datasets, measured through the domain classifier (see ImageMetrics in the README).
        new("classes_covered", MetricDirection.HigherIsBetter, "classes predicted for at least one generated image (of 10)", MetricScope.Images) { Minimum = 0 },
        new("class_kl", MetricDirection.LowerIsBetter, "KL of the predicted-class histogram from uniform", MetricScope.Images) { Minimum = 0 },
        new("mode_kl", MetricDirection.LowerIsBetter, "stacked images: KL of the class-triple histogram from uniform over 1000", MetricScope.Images) { Minimum = 0 },
        new("fcd", MetricDirection.LowerIsBetter, "Frechet distance in the classifier's penultimate features", MetricScope.Images) { Minimum = 0 },
        new("precision", MetricDirection.HigherIsBetter, "share of generated images inside the real feature manifold (k = 3)", MetricScope.Images) { Minimum = 0, Maximum = 1 },
        new("recall", MetricDirection.HigherIsBetter, "share of real images inside the generated feature manifold (k = 3)", MetricScope.Images) { Minimum = 0, Maximum = 1 },
        new("density", MetricDirection.HigherIsBetter, "mean count of real k-NN balls holding a generated image, over k (k = 5)", MetricScope.Images) { Minimum = 0 },
        new("coverage", MetricDirection.HigherIsBetter, "share of real k-NN balls holding at least one generated image (k = 5)", MetricScope.Images) { Minimum = 0, Maximum = 1 },
    ];

    /// <summary>
    /// The metric columns of a results folder: every metric that one of its trials records, by the
    /// kind of its dataset (points or images) and its schedule, so a standard run has no column
    /// that only a protocol fills and a point-data run none that only images fill.
    /// </summary>
    public static IReadOnlyList<string> Columns(IEnumerable<MetricScope> datasetKinds, IEnumerable<string> schedules)
    {
        var kinds = datasetKinds.ToHashSet();
        var kindsOfSchedule = schedules.ToHashSet(StringComparer.Ordinal);
        return KnownList
            .Where(m => (m.Scope == MetricScope.Any ? kinds.Count > 0 : kinds.Contains(m.Scope)) && m.WrittenBy.Any(kindsOfSchedule.Contains))
            .Select(m => m.Name)
            .ToList();
    }

    private static readonly Dictionary<string, (MetricInfo Info, int Order)> ByName =
        KnownList.Select((m, i) => (m, i)).ToDictionary(p => p.m.Name, p => (p.m, p.i), StringComparer.Ordinal);

    public static IReadOnlyList<MetricInfo> Known => KnownList;

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    /// <summary>The registered info, or Neutral with an empty description for an unknown name.</summary>
    public static MetricInfo Get(string name) =>
        ByName.TryGetValue(name, out var entry) ? entry.Info : new MetricInfo(name, MetricDirection.Neutral, "");

    /// <summary>Catalog order for known metrics, then unknown ones in ordinal order.</summary>
    /// <remarks>The order must not depend on dictionary or file column order, so that a summary built
    /// from the trainer's records and one rebuilt from runs.csv come out identical.</remarks>
    public static IReadOnlyList<MetricInfo> Order(IEnumerable<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        return distinct
            .OrderBy(n => ByName.TryGetValue(n, out var e) ? e.Order : int.MaxValue)
            .ThenBy(n => n, StringComparer.Ordinal)
            .Select(Get)
            .ToList();
    }
}
