using GanBench.Core.Config;
using GanBench.Training.Components;
using GanBench.Training.Plugins;

namespace GanBench.Cli.Application;

/// <summary>An experiment after loading, with the components (built-in and its plugins') it runs with.</summary>
public sealed record LoadedExperiment(LoadResult Result, ComponentCatalog Catalog, ComponentRegistry Components)
{
    public ExperimentConfig? Config => Result.Config;
    public IReadOnlyList<TrialSpec> Trials => Result.Trials;
}

/// <summary>Loading an experiment file for a command: every problem becomes one line and exit code 2.</summary>
public static class ExperimentInput
{
    public static ComponentCatalog Catalog() => BuiltinComponents.Catalog();

    /// <summary>
    /// Two passes, because loss names can only be checked once the plugins that define them are
    /// loaded: read just <c>plugins:</c>, load those assemblies and extend the catalog and the
    /// registry, then load the whole file against the extended catalog.
    /// </summary>
    public static LoadedExperiment LoadOrThrow(string path, SeedSet seedSet = SeedSet.Verdict)
    {
        var (pluginPaths, pluginErrors) = ExperimentLoader.PluginPaths(path);
        if (pluginErrors.Count > 0)
            throw new UsageException(pluginErrors.Select(e => e.ToString()).ToList());
        var plugins = LoadPlugins(pluginPaths);
        var (catalog, registry) = Components(plugins);
        var result = ExperimentLoader.Load(path, catalog, seedSet);
        if (!result.Ok)
            throw new UsageException(result.Errors.Select(e => e.ToString()).ToList());
        return new LoadedExperiment(result, catalog, registry);
    }

    /// <exception cref="UsageException">A plugin is missing, broken, clashes with a built-in or holds no component (exit 2).</exception>
    public static PluginSet LoadPlugins(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) return PluginSet.Empty;
        try
        {
            return PluginHost.Load(paths, Catalog());
        }
        catch (PluginException e)
        {
            throw new UsageException(e.Problems.Select(p => "error: " + p).ToList());
        }
    }

    public static (ComponentCatalog, ComponentRegistry) Components(PluginSet plugins)
    {
        var catalog = Catalog();
        plugins.AddTo(catalog);
        var registry = ComponentRegistry.CreateBuiltin();
        plugins.AddTo(registry);
        return (catalog, registry);
    }
}
