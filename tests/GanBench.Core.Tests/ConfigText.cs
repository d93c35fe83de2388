using GanBench.Core.Config;
using GanBench.Training.Components;

namespace GanBench.Core.Tests;

/// <summary>An experiment file given as text, loaded against the built-in catalog as `t.yaml`: what config tests share.</summary>
internal static class ConfigText
{
    public static LoadResult Load(string yaml, ComponentCatalog? catalog = null, string? baseDirectory = null) =>
        ExperimentLoader.LoadText(yaml, "t.yaml", baseDirectory ?? Path.GetTempPath(), catalog ?? BuiltinComponents.Catalog());

    /// <summary>Loaded without errors (the assertion prints them otherwise).</summary>
    public static LoadResult Ok(string yaml, ComponentCatalog? catalog = null, string? baseDirectory = null)
    {
        var r = Load(yaml, catalog, baseDirectory);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r;
    }

    /// <summary>The errors, one per line; the file must not load.</summary>
    public static string Errors(string yaml, ComponentCatalog? catalog = null)
    {
        var r = Load(yaml, catalog);
        Assert.False(r.Ok);
        return string.Join("\n", r.Errors);
    }
}
