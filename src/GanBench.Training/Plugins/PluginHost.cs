using System.Reflection;
using System.Runtime.Loader;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Components.Discovery;

namespace GanBench.Training.Plugins;

/// <summary>A plugin could not be used; every problem found is listed, one line each.</summary>
public sealed class PluginException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>One component of a plugin, and the assembly it came from.</summary>
public sealed record PluginComponent(DiscoveredComponent Component, string AssemblyPath)
{
    public string Name => Component.Name;
    public ComponentKind Kind => Component.Kind;
    public IReadOnlyList<ParameterSpec> Parameters => Component.Parameters;
    public Type Type => Component.Type;
    public object Create(IReadOnlyDictionary<string, double> values) =>
        Component.Create?.Invoke(values) ?? throw new InvalidOperationException($"'{Name}' is a shorthand; it has no instances");
}

/// <summary>The components of every plugin an experiment names, ready to extend a catalog and a registry.</summary>
public sealed class PluginSet
{
    public static PluginSet Empty { get; } = new([]);

    public PluginSet(IReadOnlyList<PluginComponent> components) => Components = components;

    public IReadOnlyList<PluginComponent> Components { get; }

    public void AddTo(ComponentCatalog catalog)
    {
        foreach (var c in Components)
            catalog.Add(c.Component.Descriptor(Path.GetFileName(c.AssemblyPath)));
    }

    public void AddTo(ComponentRegistry registry)
    {
        var identities = Components.Select(c => c.AssemblyPath).Distinct().ToDictionary(p => p, Implementation.FileIdentity);
        foreach (var c in Components)
        {
            registry.SetExternalIdentity(c.Name, identities[c.AssemblyPath]);
            registry.Add(c.Component);
        }
    }
}

/// <summary>
/// Loads the plugin assemblies an experiment names, and only those, each in its own
/// <see cref="AssemblyLoadContext"/>, and finds their components with the same discovery as the
/// built-ins (<see cref="ComponentDiscovery"/>). GanBench.Abstractions and TorchSharp always
/// resolve to the host's copies: a second copy would make the plugin's IObjective a different type
/// from the host's, and TorchSharp's native state exists once per process. Loading runs the
/// plugin's code (static constructors, the components' constructors), so only load files you trust.
/// </summary>
public static class PluginHost
{
    /// <summary>Assemblies shared with the host by simple name.</summary>
    private static readonly string[] Shared = ["GanBench.Abstractions", "TorchSharp"];

    /// <param name="paths">Absolute assembly paths, as the experiment loader resolved them.</param>
    /// <param name="builtins">Names a plugin must not take, and parameter keys it must not reuse with another meaning.</param>
    /// <exception cref="PluginException">Every problem with every plugin, one line each.</exception>
    public static PluginSet Load(IReadOnlyList<string> paths, ComponentCatalog builtins)
    {
        var problems = new List<string>();
        var found = new List<PluginComponent>();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            var assembly = LoadAssembly(path, problems);
            if (assembly is null) continue;
            var before = problems.Count;
            var components = ComponentDiscovery.Discover(assembly, $"plugin '{path}'", problems);
            if (components.Count == 0 && problems.Count == before)
                problems.Add($"plugin '{path}': no public class implements IObjective or IPenalty (from GanBench.Abstractions); nothing to load");
            foreach (var c in components)
            {
                if (builtins.TryGet(c.Name, out var existing))
                    problems.Add($"plugin '{path}': {c.Type.FullName} is named '{c.Name}', which is already the built-in {existing.Kind.ToString().ToLowerInvariant()} '{c.Name}'; give it another Name");
                else if (found.FirstOrDefault(f => f.Name == c.Name) is { } other)
                    problems.Add($"plugin '{path}': {c.Type.FullName} is named '{c.Name}', like {other.Type.FullName} in '{other.AssemblyPath}'; names must be unique");
                else
                    found.Add(new PluginComponent(c, path));
            }
        }
        CheckParameterKeys(found, builtins, problems);
        if (problems.Count > 0) throw new PluginException(problems);
        return new PluginSet(found);
    }

    private static Assembly? LoadAssembly(string path, List<string> problems)
    {
        if (Core.Data.InputFiles.Problem(path, "the plugin's built .dll, e.g. MyLosses/bin/Release/net10.0/MyLosses.dll") is { } notAFile)
        {
            problems.Add($"plugin {notAFile}");
            return null;
        }
        try
        {
            return new PluginLoadContext(path).LoadFromAssemblyPath(Path.GetFullPath(path));
        }
        catch (BadImageFormatException)
        {
            problems.Add($"plugin '{path}' is not a .NET assembly (bad image format); name the plugin's built .dll, e.g. bin/Release/net10.0/MyLosses.dll");
        }
        catch (Exception e) when (e is FileLoadException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"plugin '{path}' cannot be loaded: {e.Message}");
        }
        return null;
    }

    /// <summary>
    /// Parameter keys share one namespace across an arm's objective and penalty, so a plugin key
    /// may not reuse an arm key or a built-in's parameter, nor one of another plugin component.
    /// </summary>
    private static void CheckParameterKeys(List<PluginComponent> found, ComponentCatalog builtins, List<string> problems)
    {
        var owners = builtins.All.SelectMany(d => d.Parameters.Select(p => (p.Key, Owner: $"built-in '{d.Name}'")))
            .Concat(ComponentCatalog.ReservedArmKeys.Select(k => (Key: k, Owner: "every arm")))
            // Options become runs.csv columns beside the metrics and the setup columns.
            .Concat(MetricCatalog.Known.Select(m => (Key: m.Name, Owner: "the metric of that name (a runs.csv column)")))
            .Concat(RunsCsv.ReservedColumns.Select(k => (Key: k, Owner: "a runs.csv column")))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Owner, StringComparer.Ordinal);
        foreach (var c in found)
        foreach (var p in c.Parameters)
        {
            if (owners.TryGetValue(p.Key, out var owner))
                problems.Add($"plugin '{c.AssemblyPath}': parameter '{p.Key}' of '{c.Name}' is already used by {owner}; prefix it with the component's name, e.g. {c.Name}_{p.Key}");
            else
                owners[p.Key] = $"plugin component '{c.Name}'";
        }
    }

    /// <summary>Resolves a plugin's own dependencies from its folder; the shared assemblies come from the host.</summary>
    private sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext($"plugin:{Path.GetFileName(pluginPath)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(Path.GetFullPath(pluginPath));
        private readonly string _folder = Path.GetDirectoryName(Path.GetFullPath(pluginPath))!;

        protected override Assembly? Load(AssemblyName name)
        {
            if (Shared.Contains(name.Name, StringComparer.Ordinal)) return null;
            var path = _resolver.ResolveAssemblyToPath(name);
            if (path is null && name.Name is { } simple && File.Exists(Path.Combine(_folder, simple + ".dll")))
                path = Path.Combine(_folder, simple + ".dll");
            // Anything else the host already has (System.*, the framework) falls back to it.
            return path is null ? null : LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }
    }
}
