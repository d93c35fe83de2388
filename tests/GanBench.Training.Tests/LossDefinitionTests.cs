using System.Text.Json;
using GanBench.Abstractions;
using GanBench.Training.Components;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Tests;

/// <summary>
/// Loss values and logit gradients against PyTorch's own loss functions (Fixtures/losses,
/// made by make_loss_fixtures.py), including confident critics where naive log(σ) forms fail.
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

    private static void AssertClose(double expected, double actual, string what)
    {
        double tolerance = 1e-10 * Math.Abs(expected) + 1e-300;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static void AssertClose(double[] expected, Tensor actual, string what)
    {
        var values = actual.data<double>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], values[i], $"{what}[{i}]");
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
        AssertClose(c.GetProperty("critic_loss").GetDouble(), critic.item<double>(), "critic loss");
        AssertClose(Doubles(c.GetProperty("critic_grad_real")), real.grad!, "critic dL/dreal");
        AssertClose(Doubles(c.GetProperty("critic_grad_fake")), fake.grad!, "critic dL/dfake");

        var fake2 = torch.tensor(Doubles(c.GetProperty("fake")), dtype: ScalarType.Float64, requires_grad: true);
        var generator = objective.GeneratorLoss(objective.GeneratorUsesRealLogits ? real.detach() : null, fake2);
        generator.backward();
        AssertClose(c.GetProperty("generator_loss").GetDouble(), generator.item<double>(), "generator loss");
        AssertClose(Doubles(c.GetProperty("generator_grad_fake")), fake2.grad!, "generator dL/dfake");
    }

    [Fact]
    public void Minimax_generator_gradient_equals_minus_sigmoid_and_vanishes_for_a_confident_critic()
    {
        var fake = torch.tensor(new[] { -2.0, -10.0, -40.0 }, dtype: ScalarType.Float64, requires_grad: true);
        new MinimaxObjective().GeneratorLoss(null, fake).backward();
        var g = fake.grad!.data<double>().ToArray();
        for (int i = 0; i < 3; i++)
            AssertClose(-1.0 / (1 + Math.Exp(-new[] { -2.0, -10.0, -40.0 }[i])) / 3, g[i], "dL/dc");
        Assert.True(Math.Abs(g[2]) < 1e-17);

        var fake3 = torch.tensor(new[] { -40.0 }, dtype: ScalarType.Float64, requires_grad: true);
        new NonSaturatingObjective().GeneratorLoss(null, fake3).backward();
        Assert.True(Math.Abs(fake3.grad!.item<double>() + 1.0) < 1e-12, "non-saturating keeps a unit gradient");
    }
}
