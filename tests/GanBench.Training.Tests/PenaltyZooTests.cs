using GanBench.Abstractions;
using GanBench.Training.Components;
using TorchSharp;
using static TorchSharp.torch;
using static GanBench.Training.Tests.GradientPenaltyTests;

namespace GanBench.Training.Tests;

/// <summary>
/// lp, dragan, r1, r2 and r1r2 against the same maths done by finite differences at the points
/// each penalty looks at, for 2-D points and image-shaped inputs alike. The random draws
/// (α, DRAGAN's δ) are replayed from the seed the penalty was given.
/// </summary>
public class PenaltyZooTests
{
    private const int Seed = 99;

    private static double[][] Rows(Tensor t)
    {
        var flat = t.flatten(1);
        int n = (int)flat.shape[0], f = (int)flat.shape[1];
        var data = flat.contiguous().data<double>().ToArray();
        return Enumerable.Range(0, n).Select(i => data.Skip(i * f).Take(f).ToArray()).ToArray();
    }

    private static double[][] Interpolates(Tensor real, Tensor fake)
    {
        var alpha = torch.rand([real.shape[0]], dtype: ScalarType.Float64, generator: new torch.Generator(Seed)).data<double>().ToArray();
        var r = Rows(real);
        var f = Rows(fake);
        return r.Select((row, i) => row.Select((v, j) => alpha[i] * v + (1 - alpha[i]) * f[i][j]).ToArray()).ToArray();
    }

    /// <summary>The authors' DRAGAN points: x_p = x + 0.5·std(x)·u elementwise, then x + α(x_p − x) with one α per sample, drawn in that order.</summary>
    private static double[][] DraganPoints(Tensor real)
    {
        var random = new torch.Generator(Seed);
        var u = Rows(torch.rand(real.shape, dtype: ScalarType.Float64, generator: random));
        var alpha = torch.rand([real.shape[0]], dtype: ScalarType.Float64, generator: random).data<double>().ToArray();
        double std = real.std(unbiased: false).item<double>();
        return Rows(real).Select((row, i) => row.Select((v, j) => v + alpha[i] * 0.5 * std * u[i][j]).ToArray()).ToArray();
    }

    public static TheoryData<string, long[]> Cases()
    {
        var data = new TheoryData<string, long[]>();
        foreach (var name in new[] { "lp", "dragan", "r1", "r2", "r1r2" })
        {
            data.Add(name, [6, 2]);
            data.Add(name, [4, 1, 3, 3]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Penalty_matches_finite_differences(string name, long[] shape)
    {
        int features = (int)shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var (critic, _, _, _) = SmoothCritic(features);
        var g = new torch.Generator(11);
        // Scaled inputs put some slopes above 1 and some below, so lp's one-sidedness is exercised.
        var real = torch.randn(shape, dtype: ScalarType.Float64, generator: g) * 0.7;
        var fake = torch.randn(shape, dtype: ScalarType.Float64, generator: g) + 1.5;
        var penalty = ComponentRegistry.CreateBuiltin().Penalty(name)
            .Compute(new PenaltyContext(critic, real, fake, new torch.Generator(Seed), new Dictionary<string, double>())).item<double>();

        double Mean(double[][] points, Func<double, double> of) => points.Average(p => of(FiniteDifferenceSlope(critic, p)));
        double expected = name switch
        {
            "lp" => Mean(Interpolates(real, fake), s => Math.Pow(Math.Max(0, s - 1), 2)),
            "dragan" => Mean(DraganPoints(real), s => (s - 1) * (s - 1)),
            "r1" => 0.5 * Mean(Rows(real), s => s * s),
            "r2" => 0.5 * Mean(Rows(fake), s => s * s),
            "r1r2" => 0.5 * Mean(Rows(real), s => s * s) + 0.5 * Mean(Rows(fake), s => s * s),
            _ => throw new ArgumentException(name),
        };
        Assert.True(expected > 1e-6, $"the case should make {name} non-zero, got {expected}");
        Assert.True(Math.Abs(penalty - expected) < 1e-7 * Math.Max(1, expected), $"{name}: penalty {penalty:R} vs finite differences {expected:R}");
    }

    [Theory]
    [InlineData("r1")]
    [InlineData("r2")]
    [InlineData("r1r2")]
    public void Zero_centred_penalties_follow_the_gamma_over_two_convention(string name)
    {
        // D(x) = a·x₁: ‖∇D‖² = a² everywhere, so (γ/2)·E‖∇D‖² with γ = penalty_weight means Compute returns a²/2 per term.
        var real = torch.randn([5, 2], dtype: ScalarType.Float64, generator: new torch.Generator(1));
        var fake = torch.randn([5, 2], dtype: ScalarType.Float64, generator: new torch.Generator(2));
        Func<Tensor, Tensor> critic = x => 3.0 * x.select(1, 0);
        var value = ComponentRegistry.CreateBuiltin().Penalty(name).Compute(new PenaltyContext(critic, real, fake, null, new Dictionary<string, double>())).item<double>();
        Assert.Equal(name == "r1r2" ? 9.0 : 4.5, value, 12);
    }

    [Fact]
    public void A_critic_that_ignores_its_input_gets_a_zero_slope_instead_of_aborting_the_process()
    {
        var w = torch.ones([1], dtype: ScalarType.Float64, requires_grad: true);
        Func<Tensor, Tensor> constant = x => w.expand(x.shape[0]);
        var real = torch.randn([4, 2], dtype: ScalarType.Float64);
        var norms = InputGradients.PerSampleNorm(constant, real);
        Assert.All(norms.data<double>().ToArray(), n => Assert.Equal(0.0, n));
    }
}
