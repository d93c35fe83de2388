using System.Globalization;
using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Conformance;

/// <summary>What an objective is expected to do where objectives legitimately differ.</summary>
/// <param name="SaturatesAtConfidentCritic">
/// True only for the saturating minimax game: its generator gradient must vanish (below 1e-9)
/// when the critic rejects every fake with a logit of −30, which is the pathology the benchmark
/// measures. Every other objective must keep a usable gradient there.
/// </param>
public sealed record ObjectiveExpectations(bool SaturatesAtConfidentCritic = false);

/// <summary>
/// Where a penalty must be zero and where it must not, on critics with the same input-gradient
/// norm (slope) everywhere: D(x) = slope·(u·x) with a fixed unit vector u.
/// </summary>
/// <param name="ZeroAtSlopes">Slopes at which the penalty must be 0 (lp: 0.5 and 1; gp: K; r1: 0).</param>
/// <param name="NonZeroAtSlopes">Slopes at which it must be clearly positive (lp: 2; r1: 1).</param>
/// <param name="Parameters">The component parameters to call it with (e.g. gp_target).</param>
public sealed record PenaltyExpectations(
    IReadOnlyList<double> ZeroAtSlopes,
    IReadOnlyList<double> NonZeroAtSlopes,
    IReadOnlyDictionary<string, double>? Parameters = null);

/// <summary>The problems one check found, thrown by the Assert helpers.</summary>
public sealed class ConformanceException(string component, IReadOnlyList<string> problems)
    : Exception($"{component} fails conformance:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// The checks every registered loss and penalty must pass. All maths runs in float64 on the
/// CPU with fixed seeds, so a failure reproduces exactly.
/// </summary>
public static class ConformanceKit
{
    private const int Batch = 16;

    public static void AssertObjective(IObjective objective, ObjectiveExpectations? expect = null)
    {
        var problems = CheckObjective(objective, expect);
        if (problems.Count > 0) throw new ConformanceException(objective.Name, problems);
    }

    public static void AssertPenalty(IPenalty penalty, PenaltyExpectations expect)
    {
        var problems = CheckPenalty(penalty, expect);
        if (problems.Count > 0) throw new ConformanceException(penalty.Name, problems);
    }

    /// <summary>Every problem found with an objective; empty when it conforms.</summary>
    public static IReadOnlyList<string> CheckObjective(IObjective objective, ObjectiveExpectations? expect = null)
    {
        expect ??= new ObjectiveExpectations();
        var problems = new List<string>();
        using var scope = torch.NewDisposeScope();
        var random = new torch.Generator(20240501);

        // Finite on ordinary and on extreme logits: confident critics must not overflow.
        foreach (double scale in new[] { 1.0, 30.0, 300.0 })
        {
            var real = torch.randn([Batch], dtype: ScalarType.Float64, generator: random) * scale;
            var fake = torch.randn([Batch], dtype: ScalarType.Float64, generator: random) * scale;
            var (d, dReal, dFake) = Critic(objective, real, fake);
            var (g, gFake) = Generator(objective, real, fake);
            foreach (var (what, t) in new[] { ("critic loss", d), ("critic dL/dreal", dReal), ("critic dL/dfake", dFake), ("generator loss", g), ("generator dL/dfake", gFake) })
                if (!torch.isfinite(t).all().item<bool>())
                    problems.Add($"{what} is not finite for logits of scale {F(scale)}");
        }

        // Near an undecided critic, better separation must lower the critic's loss, and a fake
        // that the critic rates higher must lower the generator's loss.
        {
            var real = torch.randn([Batch], dtype: ScalarType.Float64, generator: random) * 0.1;
            var fake = torch.randn([Batch], dtype: ScalarType.Float64, generator: random) * 0.1;
            const double step = 0.1;
            double before = Critic(objective, real, fake).Loss.item<double>();
            double after = Critic(objective, real + step, fake - step).Loss.item<double>();
            if (!(after < before))
                problems.Add($"critic loss does not decrease when real logits rise and fake logits fall ({F(before)} -> {F(after)})");
            var (g0, gradient) = Generator(objective, real, fake);
            double g1 = Generator(objective, real, fake + step).Loss.item<double>();
            if (!(g1 < g0.item<double>()))
                problems.Add($"generator loss does not decrease when fake logits rise ({F(g0.item<double>())} -> {F(g1)})");
            double smallest = gradient.abs().min().item<double>();
            if (!(smallest > 1e-6 / Batch))
                problems.Add($"generator gradient vanishes for some fake at an undecided critic (smallest |dL/dc_fake| = {F(smallest)})");
        }

        // A critic that rejects every fake confidently (logit −30, reals at +30).
        {
            var real = torch.full([Batch], 30.0, dtype: ScalarType.Float64);
            var fake = torch.full([Batch], -30.0, dtype: ScalarType.Float64);
            double largest = Generator(objective, real, fake).FakeGradient.abs().max().item<double>() * Batch;
            if (expect.SaturatesAtConfidentCritic && !(largest < 1e-9))
                problems.Add($"expected the saturating generator gradient to vanish at a confident critic, but |dL/dc_fake| per sample is {F(largest)}");
            if (!expect.SaturatesAtConfidentCritic && !(largest > 1e-3))
                problems.Add($"generator gradient vanishes at a confident critic (|dL/dc_fake| per sample {F(largest)}); if that is intended, declare SaturatesAtConfidentCritic");
        }
        return problems;
    }

    /// <summary>Every problem found with a penalty; empty when it conforms.</summary>
    public static IReadOnlyList<string> CheckPenalty(IPenalty penalty, PenaltyExpectations expect)
    {
        var problems = new List<string>();
        var parameters = expect.Parameters ?? new Dictionary<string, double>();
        using var scope = torch.NewDisposeScope();

        foreach (var shape in new long[][] { [Batch, 2], [4, 1, 3, 3] })
        {
            string where = $"inputs [{string.Join(", ", shape)}]";
            var data = new torch.Generator(7);
            var real = torch.randn(shape, dtype: ScalarType.Float64, generator: data);
            var fake = torch.randn(shape, dtype: ScalarType.Float64, generator: data) * 0.5 + 1;
            var critic = new SmoothCritic(shape.Skip(1).Aggregate(1L, (a, b) => a * b));

            Tensor Value(int seed) => penalty.Compute(new PenaltyContext(critic.Forward, real, fake, new torch.Generator((ulong)seed), parameters));

            // Finite, a scalar, and differentiable into the critic's parameters.
            var value = Value(3);
            if (value.numel() != 1) { problems.Add($"{where}: Compute returned {value.numel()} values, not a scalar"); continue; }
            if (!double.IsFinite(value.item<double>())) { problems.Add($"{where}: penalty is not finite ({value.item<double>()})"); continue; }
            critic.ZeroGrad();
            if (value.requires_grad)
            {
                value.backward();
                if (!critic.GradientsFinite())
                    problems.Add($"{where}: gradient into the critic's parameters is not finite");
            }

            // The gradient into the parameters matches central differences of the value, with
            // the penalty's random draws replayed from the same seed.
            if (value.requires_grad)
            {
                var analytic = critic.FirstWeightGradient();
                const double h = 1e-6;
                critic.NudgeFirstWeight(h);
                double plus = Value(3).item<double>();
                critic.NudgeFirstWeight(-2 * h);
                double minus = Value(3).item<double>();
                critic.NudgeFirstWeight(h);
                double numeric = (plus - minus) / (2 * h);
                if (!(Math.Abs(analytic - numeric) <= 1e-5 * Math.Max(1, Math.Abs(numeric))))
                    problems.Add($"{where}: parameter gradient {F(analytic)} does not match finite differences {F(numeric)}");
            }

            foreach (double slope in expect.ZeroAtSlopes)
            {
                double v = AtSlope(penalty, real, fake, slope, parameters);
                if (!(Math.Abs(v) <= 1e-10))
                    problems.Add($"{where}: expected 0 for a critic of slope {F(slope)} everywhere, got {F(v)}");
            }
            foreach (double slope in expect.NonZeroAtSlopes)
            {
                double v = AtSlope(penalty, real, fake, slope, parameters);
                if (!(v > 1e-6))
                    problems.Add($"{where}: expected a positive value for a critic of slope {F(slope)} everywhere, got {F(v)}");
            }
        }
        return problems;
    }

    private static double AtSlope(IPenalty penalty, Tensor real, Tensor fake, double slope, IReadOnlyDictionary<string, double> parameters)
    {
        long features = real.numel() / real.shape[0];
        var u = torch.ones([features], dtype: ScalarType.Float64) / Math.Sqrt(features);
        // The weight takes part in the graph even at slope 0, as a trained critic's would.
        var w = (u * slope).requires_grad_(true);
        Func<Tensor, Tensor> critic = x => x.flatten(1).matmul(w);
        return penalty.Compute(new PenaltyContext(critic, real, fake, new torch.Generator(5), parameters)).item<double>();
    }

    private static (Tensor Loss, Tensor RealGradient, Tensor FakeGradient) Critic(IObjective objective, Tensor real, Tensor fake)
    {
        var r = real.detach().requires_grad_(true);
        var f = fake.detach().requires_grad_(true);
        var loss = objective.CriticLoss(r, f);
        var grads = torch.autograd.grad([loss], [r, f]);
        return (loss.detach(), grads[0], grads[1]);
    }

    private static (Tensor Loss, Tensor FakeGradient) Generator(IObjective objective, Tensor real, Tensor fake)
    {
        var f = fake.detach().requires_grad_(true);
        var loss = objective.GeneratorLoss(objective.GeneratorUsesRealLogits ? real.detach() : null, f);
        var grad = torch.autograd.grad([loss], [f])[0];
        return (loss.detach(), grad);
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A fixed two-layer tanh critic in float64: smooth, so finite differences are accurate.</summary>
    private sealed class SmoothCritic
    {
        private readonly Tensor _w, _b, _v;

        public SmoothCritic(long inputs)
        {
            var g = new torch.Generator(11);
            _w = (torch.randn([inputs, 8], dtype: ScalarType.Float64, generator: g) * 0.7).requires_grad_(true);
            _b = torch.randn([8], dtype: ScalarType.Float64, generator: g).requires_grad_(true);
            _v = torch.randn([8], dtype: ScalarType.Float64, generator: g).requires_grad_(true);
        }

        public Tensor Forward(Tensor x) => torch.tanh(x.flatten(1).matmul(_w) + _b).matmul(_v);

        private IEnumerable<Tensor> Parameters => [_w, _b, _v];

        public void ZeroGrad()
        {
            foreach (var p in Parameters) p.grad?.zero_();
        }

        public bool GradientsFinite() => Parameters.All(p => p.grad is null || torch.isfinite(p.grad).all().item<bool>());

        public double FirstWeightGradient() => _w.grad is { } g ? g[0, 0].item<double>() : 0.0;

        public void NudgeFirstWeight(double h)
        {
            using var noGrad = torch.no_grad();
            _w[0, 0].add_(h);
        }
    }
}
