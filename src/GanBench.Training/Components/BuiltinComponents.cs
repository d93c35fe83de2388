using GanBench.Core.Config;
using GanBench.Training.Components.Discovery;

namespace GanBench.Training.Components;

/// <summary>
/// GanBench's own objectives, penalties and shorthands, found in this assembly by the same
/// discovery that reads a plugin: a built-in is a class with a [Component] or [Shorthand]
/// attribute and, when it has options, an options record. Adding one is adding its file.
/// </summary>
public static class BuiltinComponents
{
    private static readonly Lazy<IReadOnlyList<DiscoveredComponent>> Found = new(() =>
    {
        var problems = new List<string>();
        var found = ComponentDiscovery.Discover(typeof(BuiltinComponents).Assembly, "GanBench.Training", problems);
        return problems.Count == 0 ? found
            : throw new InvalidOperationException("a built-in component is declared wrongly: " + string.Join("; ", problems));
    });

    public static IReadOnlyList<DiscoveredComponent> All => Found.Value;

    /// <summary>A new catalog of the built-ins, for the configuration layer (plugins extend their own copy).</summary>
    public static ComponentCatalog Catalog()
    {
        var catalog = new ComponentCatalog();
        foreach (var c in Found.Value) catalog.Add(c.Descriptor());
        return catalog;
    }

    /// <summary>A new registry of the built-ins' implementations.</summary>
    public static ComponentRegistry Registry()
    {
        var registry = new ComponentRegistry();
        foreach (var c in Found.Value) registry.Add(c);
        return registry;
    }
}
