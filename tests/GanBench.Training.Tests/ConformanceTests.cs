using GanBench.Abstractions;
using GanBench.Conformance;
using GanBench.Core.Config;
using GanBench.Training.Components;

namespace GanBench.Training.Tests;

/// <summary>Every built-in objective and penalty, and the sample plugin, pass the conformance kit.</summary>
public class ConformanceTests
{
    public static TheoryData<string> Objectives() => new(ComponentRegistry.CreateBuiltin().ObjectiveNames.Order());
    public static TheoryData<string> Penalties() => new(ComponentRegistry.CreateBuiltin().PenaltyNames.Order());

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Builtin_objective_conforms(string name) =>
        ConformanceKit.AssertObjective(ComponentRegistry.CreateBuiltin().Objective(name), new ObjectiveExpectations(SaturatesAtConfidentCritic: name == "minimax"));

    /// <summary>Where each penalty is zero by definition, and a slope where it must not be.</summary>
    private static PenaltyExpectations Expect(string name) => name switch
    {
        "none" => new([0, 1, 3], []),
        "gp" => new([1], [0.5, 2]),
        "lp" => new([0, 0.5, 1], [2]),
        "dragan" => new([1], [0, 3]),
        "r1" or "r2" or "r1r2" => new([0], [1]),
        _ => throw new ArgumentException($"no expectations written for penalty '{name}'; add them here"),
    };

    [Theory]
    [MemberData(nameof(Penalties))]
    public void Builtin_penalty_conforms(string name) => ConformanceKit.AssertPenalty(ComponentRegistry.CreateBuiltin().Penalty(name), Expect(name));

    [Fact]
    public void Two_sided_penalty_is_zero_at_its_target_slope_k()
    {
        // The target is an option bound from YAML, as a plugin's would be.
        var at2 = ComponentRegistry.CreateBuiltin().Penalty("gp", new Dictionary<string, double> { ["gp_target"] = 2.0 });
        ConformanceKit.AssertPenalty(at2, new PenaltyExpectations([2], [1]));
    }

    [Fact]
    public void Minimax_is_caught_if_it_is_declared_non_saturating()
    {
        var problems = ConformanceKit.CheckObjective(new MinimaxObjective());
        Assert.Contains(problems, p => p.Contains("vanishes at a confident critic"));
        Assert.Contains(ConformanceKit.CheckObjective(new NonSaturatingObjective(), new ObjectiveExpectations(SaturatesAtConfidentCritic: true)),
            p => p.Contains("expected the saturating generator gradient to vanish"));
    }

    [Fact]
    public void A_wrong_sign_objective_fails_the_kit()
    {
        var problems = ConformanceKit.CheckObjective(new Backwards());
        Assert.Contains(problems, p => p.Contains("critic loss does not decrease"));
        Assert.Contains(problems, p => p.Contains("generator loss does not decrease"));
    }

    private sealed class Backwards : IObjective
    {
        public string Name => "backwards";
        public TorchSharp.torch.Tensor CriticLoss(TorchSharp.torch.Tensor realLogits, TorchSharp.torch.Tensor fakeLogits) => realLogits.mean() - fakeLogits.mean();
        public TorchSharp.torch.Tensor GeneratorLoss(TorchSharp.torch.Tensor? realLogits, TorchSharp.torch.Tensor fakeLogits) => fakeLogits.mean();
    }

    [Fact]
    public void Sample_plugin_conforms_at_every_setting()
    {
        var plugins = Plugins.PluginHost.Load([SamplePlugin.DllPath], BuiltinComponents.Catalog());
        var registry = ComponentRegistry.CreateBuiltin();
        plugins.AddTo(registry);
        foreach (var s in new[] { 0.0, 0.1, 0.3 })
            ConformanceKit.AssertObjective(registry.Objective("smoothed_ns", new Dictionary<string, double> { ["label_smoothing"] = s }));
    }

    [Fact]
    public void Catalog_and_registry_name_the_same_components()
    {
        var catalog = BuiltinComponents.Catalog();
        var registry = ComponentRegistry.CreateBuiltin();
        Assert.Equal(catalog.Names(ComponentKind.Objective), registry.ObjectiveNames.Order(StringComparer.Ordinal));
        Assert.Equal(catalog.Names(ComponentKind.Penalty), registry.PenaltyNames.Order(StringComparer.Ordinal));
        foreach (var shorthand in catalog.All.Where(d => d.Kind == ComponentKind.Shorthand))
        {
            Assert.Contains(shorthand.Expansion!.Objective, registry.ObjectiveNames);
            Assert.Contains(shorthand.Expansion.Penalty, registry.PenaltyNames);
        }
    }
}
