using GanBench.Abstractions;
using GanBench.Training.Components;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Tests;

public class GradientPenaltyTests
{
    // A fixed smooth critic in double precision: D(x) = Σ_j v_j tanh(w_j·x + b_j), summed over non-batch dims.
    internal static (Func<Tensor, Tensor> Critic, Tensor W, Tensor B, Tensor V) SmoothCritic(int inputs)
    {
        var g = new torch.Generator(7);
        var w = torch.randn([inputs, 5], dtype: ScalarType.Float64, generator: g).requires_grad_(true);
        var b = torch.randn([5], dtype: ScalarType.Float64, generator: g).requires_grad_(true);
        var v = torch.randn([5], dtype: ScalarType.Float64, generator: g).requires_grad_(true);
        return (x => torch.tanh(x.flatten(1).matmul(w) + b).matmul(v), w, b, v);
    }

    internal static double FiniteDifferenceSlope(Func<Tensor, Tensor> critic, double[] point, double h = 1e-6)
    {
        double squares = 0;
        for (int j = 0; j < point.Length; j++)
        {
            var plus = (double[])point.Clone(); plus[j] += h;
            var minus = (double[])point.Clone(); minus[j] -= h;
            using var noGrad = torch.no_grad();
            double dp = critic(torch.tensor(plus, [1, point.Length], ScalarType.Float64)).item<double>();
            double dm = critic(torch.tensor(minus, [1, point.Length], ScalarType.Float64)).item<double>();
            double d = (dp - dm) / (2 * h);
            squares += d * d;
        }
        return Math.Sqrt(squares);
    }

    [Theory]
    [InlineData(new long[] { 6, 2 }, 1.0)]
    [InlineData(new long[] { 4, 1, 3, 3 }, 0.5)]   // image-shaped inputs: same code path, per-sample norms
    public void Two_sided_penalty_matches_finite_differences_with_one_alpha_per_sample(long[] shape, double target)
    {
        int features = (int)shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var (critic, _, _, _) = SmoothCritic(features);
        var g = new torch.Generator(11);
        var real = torch.randn(shape, dtype: ScalarType.Float64, generator: g);
        var fake = torch.randn(shape, dtype: ScalarType.Float64, generator: g) + 1.5;

        var penalty = new GradientPenalty(new GradientPenaltyOptions { Target = target }).Compute(new PenaltyContext(critic, real, fake, new torch.Generator(99),
            new Dictionary<string, double>())).item<double>();

        // Replay the per-sample α from the same seed and do the maths by finite differences.
        var alpha = torch.rand([shape[0]], dtype: ScalarType.Float64, generator: new torch.Generator(99)).data<double>().ToArray();
        var r = real.flatten(1).data<double>().ToArray();
        var f = fake.flatten(1).data<double>().ToArray();
        double expected = 0;
        for (int i = 0; i < shape[0]; i++)
        {
            var point = Enumerable.Range(0, features).Select(j => alpha[i] * r[i * features + j] + (1 - alpha[i]) * f[i * features + j]).ToArray();
            double slope = FiniteDifferenceSlope(critic, point);
            expected += (slope - target) * (slope - target);
        }
        expected /= shape[0];
        Assert.True(Math.Abs(penalty - expected) < 1e-7 * Math.Max(1, expected), $"penalty {penalty:R} vs finite differences {expected:R}");
    }

    [Fact]
    public void Penalty_gradient_reaches_the_critic_parameters_and_matches_finite_differences()
    {
        var (critic, w, _, _) = SmoothCritic(2);
        var real = torch.tensor(new[] { 0.3, -0.2, 1.0, 0.5, -0.7, 0.1 }, [3, 2], ScalarType.Float64);
        var fake = torch.tensor(new[] { -1.0, 0.4, 0.2, 0.9, 0.6, -0.3 }, [3, 2], ScalarType.Float64);
        double Penalty() => new GradientPenalty(new GradientPenaltyOptions()).Compute(new PenaltyContext(critic, real, fake, new torch.Generator(5), new Dictionary<string, double>())).item<double>();

        var value = new GradientPenalty(new GradientPenaltyOptions()).Compute(new PenaltyContext(critic, real, fake, new torch.Generator(5), new Dictionary<string, double>()));
        value.backward();
        double analytic = w.grad![0, 0].item<double>();

        const double h = 1e-6;
        using (torch.no_grad()) w[0, 0].add_(h);
        double plus = Penalty();
        using (torch.no_grad()) w[0, 0].sub_(2 * h);
        double minus = Penalty();
        double numeric = (plus - minus) / (2 * h);
        Assert.True(Math.Abs(analytic - numeric) < 1e-6 * Math.Max(1, Math.Abs(numeric)), $"analytic {analytic:R} vs numeric {numeric:R}");
    }
}
