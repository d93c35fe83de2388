using System.Text.Json;
using GanBench.Abstractions;
using GanBench.Training.Components;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Tests;

/// <summary>
/// Loss values and logit gradients against PyTorch's own loss functions (Fixtures/losses,
/// made by make_loss_fixtures.py), including confident critics where naive log(σ) forms fail.
/// PyTorch's binary_cross_entropy_with_logits itself rounds tiny losses (3e-8 relative at a logit
/// of 20) and flushes gradients below 1e-20 to zero, so values and gradients are held to the
/// closed forms within 1e-12 relative, and to PyTorch within 1e-7 relative plus 1e-15 absolute.
/// </summary>
public class LossDefinitionTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Fixture().RootElement.GetProperty("cases").EnumerateArray())
            data.Add(c.GetProperty("objective").GetString()!, c.GetProperty("case").GetString()!);
        return data;
    }

    private static JsonDocument Fixture() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "losses", "losses.json")));

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    private const double ExactRelative = 1e-12, PytorchRelative = 1e-7, PytorchAbsolute = 1e-15;

    private static void AssertClose(double expected, double actual, string what, double relative, double absolute = 1e-300)
    {
        double tolerance = relative * Math.Abs(expected) + absolute;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static void AssertMatchesReferences(JsonElement c, string key, Tensor actual, string what)
    {
        var values = actual.data<double>().ToArray();
        var exact = Doubles(c.GetProperty(key + "_exact"));
        var pytorch = Doubles(c.GetProperty(key));
        Assert.Equal(exact.Length, values.Length);
        for (int i = 0; i < exact.Length; i++)
        {
            AssertClose(exact[i], values[i], $"{what}[{i}] (exact)", ExactRelative);
            AssertClose(pytorch[i], values[i], $"{what}[{i}] (PyTorch)", PytorchRelative, PytorchAbsolute);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch_value_and_gradient(string objectiveName, string caseName)
    {
        var c = Fixture().RootElement.GetProperty("cases").EnumerateArray()
            .Single(x => x.GetProperty("objective").GetString() == objectiveName && x.GetProperty("case").GetString() == caseName);
        IObjective objective = ComponentRegistry.CreateBuiltin().Objective(objectiveName);

        var real = torch.tensor(Doubles(c.GetProperty("real")), dtype: ScalarType.Float64, requires_grad: true);
        var fake = torch.tensor(Doubles(c.GetProperty("fake")), dtype: ScalarType.Float64, requires_grad: true);
        var critic = objective.CriticLoss(real, fake);
        critic.backward();
        AssertClose(c.GetProperty("critic_loss_exact").GetDouble(), critic.item<double>(), "critic loss (exact)", ExactRelative);
        AssertClose(c.GetProperty("critic_loss").GetDouble(), critic.item<double>(), "critic loss (PyTorch)", PytorchRelative, PytorchAbsolute);
        AssertMatchesReferences(c, "critic_grad_real", real.grad!, "critic dL/dreal");
        AssertMatchesReferences(c, "critic_grad_fake", fake.grad!, "critic dL/dfake");

        var fake2 = torch.tensor(Doubles(c.GetProperty("fake")), dtype: ScalarType.Float64, requires_grad: true);
        var generator = objective.GeneratorLoss(objective.GeneratorUsesRealLogits ? real.detach() : null, fake2);
        generator.backward();
        AssertClose(c.GetProperty("generator_loss_exact").GetDouble(), generator.item<double>(), "generator loss (exact)", ExactRelative);
        AssertClose(c.GetProperty("generator_loss").GetDouble(), generator.item<double>(), "generator loss (PyTorch)", PytorchRelative, PytorchAbsolute);
        AssertMatchesReferences(c, "generator_grad_fake", fake2.grad!, "generator dL/dfake");
    }

    [Fact]
    public void Minimax_generator_gradient_equals_minus_sigmoid_and_vanishes_for_a_confident_critic()
    {
        var fake = torch.tensor(new[] { -2.0, -10.0, -40.0 }, dtype: ScalarType.Float64, requires_grad: true);
        new MinimaxObjective().GeneratorLoss(null, fake).backward();
        var g = fake.grad!.data<double>().ToArray();
        for (int i = 0; i < 3; i++)
            AssertClose(-1.0 / (1 + Math.Exp(-new[] { -2.0, -10.0, -40.0 }[i])) / 3, g[i], "dL/dc", ExactRelative);
        Assert.True(Math.Abs(g[2]) < 1e-17);

        var fake3 = torch.tensor(new[] { -40.0 }, dtype: ScalarType.Float64, requires_grad: true);
        new NonSaturatingObjective().GeneratorLoss(null, fake3).backward();
        Assert.True(Math.Abs(fake3.grad!.item<double>() + 1.0) < 1e-12, "non-saturating keeps a unit gradient");
    }
}
