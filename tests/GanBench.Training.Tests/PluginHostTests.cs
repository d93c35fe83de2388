using GanBench.Abstractions;
using GanBench.Core.Config;
using GanBench.Training.Components;
using GanBench.Training.Plugins;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Tests;

/// <summary>The plugin host on its own; the CLI's plugin tests are in GanBench.Cli.Tests.</summary>
public class PluginHostTests
{
    [Fact]
    public void Plugin_shares_the_hosts_abstractions_and_gets_bound_options_per_trial()
    {
        var set = PluginHost.Load([SamplePlugin.DllPath], BuiltinComponents.Catalog());
        var c = Assert.Single(set.Components);
        Assert.Equal(("smoothed_ns", ComponentKind.Objective), (c.Name, c.Kind));
        Assert.Equal([new ParameterSpec("label_smoothing", 0.1, 0, 0.5, false, "real target is 1 - label_smoothing")], c.Parameters);
        // Same IObjective type as the host's, or the cast below would fail.
        var plain = (IObjective)c.Create(new Dictionary<string, double>());
        var smoothed = (IObjective)c.Create(new Dictionary<string, double> { ["label_smoothing"] = 0.5 });
        var real = torch.tensor(new[] { 3.0 }, dtype: ScalarType.Float64);
        var fake = torch.tensor(new[] { -3.0 }, dtype: ScalarType.Float64);
        Assert.NotEqual(plain.CriticLoss(real, fake).item<double>(), smoothed.CriticLoss(real, fake).item<double>());
    }
}
