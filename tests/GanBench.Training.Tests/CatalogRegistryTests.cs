using GanBench.Core.Config;
using GanBench.Training.Components;

namespace GanBench.Training.Tests;

/// <summary>The config layer validates names the training layer must be able to build.</summary>
public class CatalogRegistryTests
{
    [Fact]
    public void Every_catalogued_objective_and_penalty_has_an_implementation_and_vice_versa()
    {
        var catalog = BuiltinComponents.Catalog();
        var registry = ComponentRegistry.CreateBuiltin();
        Assert.Equal(catalog.Names(ComponentKind.Objective).Order(), registry.ObjectiveNames.Order());
        Assert.Equal(catalog.Names(ComponentKind.Penalty).Order(), registry.PenaltyNames.Order());
        foreach (var shorthand in catalog.All.Where(d => d.Kind == ComponentKind.Shorthand))
        {
            Assert.NotNull(shorthand.Expansion);
            Assert.Contains(shorthand.Expansion!.Objective, registry.ObjectiveNames);
            Assert.Contains(shorthand.Expansion.Penalty, registry.PenaltyNames);
        }
    }
}
