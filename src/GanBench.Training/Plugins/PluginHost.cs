using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using GanBench.Abstractions;
using GanBench.Core.Config;
using GanBench.Training.Components;

namespace GanBench.Training.Plugins;

/// <summary>A plugin could not be used; every problem found is listed, one line each.</summary>
public sealed class PluginException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>One objective or penalty found in a plugin assembly.</summary>
public sealed record PluginComponent(
    string Name,
    ComponentKind Kind,
    string Description,
    IReadOnlyList<ParameterSpec> Parameters,
    string AssemblyPath,
    Type Type,
    Func<IReadOnlyDictionary<string, double>, object> Create);

/// <summary>The components of every plugin an experiment names, ready to extend a catalog and a registry.</summary>
public sealed class PluginSet
{
    public static PluginSet Empty { get; } = new([]);

    public PluginSet(IReadOnlyList<PluginComponent> components) => Components = components;

    public IReadOnlyList<PluginComponent> Components { get; }

    public void AddTo(ComponentCatalog catalog)
    {
        foreach (var c in Components)
            catalog.Add(new ComponentDescriptor(c.Name, c.Kind, $"{c.Description} [plugin {Path.GetFileName(c.AssemblyPath)}]", c.Parameters));
    }

    public void AddTo(ComponentRegistry registry)
    {
        var identities = Components.Select(c => c.AssemblyPath).Distinct().ToDictionary(p => p, Core.Results.Implementation.FileIdentity);
        foreach (var c in Components)
        {
            registry.SetExternalIdentity(c.Name, identities[c.AssemblyPath]);
            var create = c.Create;
            if (c.Kind == ComponentKind.Objective) registry.AddObjective(c.Name, p => (IObjective)create(p));
            else registry.AddPenalty(c.Name, p => (IPenalty)create(p));
        }
    }
}

/// <summary>
/// Loads the plugin assemblies an experiment names, and only those, each in its own
/// <see cref="AssemblyLoadContext"/>. GanBench.Abstractions and TorchSharp always resolve to the
/// host's copies: a second copy would make the plugin's IObjective a different type from the
/// host's, and TorchSharp's native state exists once per process. Loading runs the plugin's code
/// (static constructors, the components' constructors), so only load files you trust.
/// </summary>
public static class PluginHost
{
    private static readonly Regex ComponentName = new("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant);

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
            var components = Discover(assembly, path, problems);
            if (components.Count == 0 && problems.Count == before)
                problems.Add($"plugin '{path}': no public class implements IObjective or IPenalty (from GanBench.Abstractions); nothing to load");
            foreach (var c in components)
            {
                if (builtins.TryGet(c.Name, out var existing))
                    problems.Add($"plugin '{path}': {c.Type.FullName} is named '{c.Name}', which is already the built-in {existing.Kind.ToString().ToLowerInvariant()} '{c.Name}'; give it another Name");
                else if (found.FirstOrDefault(f => f.Name == c.Name) is { } other)
                    problems.Add($"plugin '{path}': {c.Type.FullName} is named '{c.Name}', like {other.Type.FullName} in '{other.AssemblyPath}'; names must be unique");
                else
                    found.Add(c);
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

    private static List<PluginComponent> Discover(Assembly assembly, string path, List<string> problems)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            var detail = e is ReflectionTypeLoadException rtl
                ? string.Join("; ", rtl.LoaderExceptions.Where(x => x is not null).Select(x => x!.Message).Distinct().Take(3))
                : e.Message;
            problems.Add($"plugin '{path}': its types cannot be loaded ({detail}); was it built against this GanBench.Abstractions?");
            return [];
        }

        var result = new List<PluginComponent>();
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            bool objective = typeof(IObjective).IsAssignableFrom(type), penalty = typeof(IPenalty).IsAssignableFrom(type);
            var marker = type.GetCustomAttribute<ComponentAttribute>();
            if (!objective && !penalty)
            {
                if (marker is not null)
                    problems.Add($"plugin '{path}': {type.FullName} is marked [Component] but implements neither IObjective nor IPenalty");
                continue;
            }
            if (type.IsAbstract || type.IsInterface || type.ContainsGenericParameters)
            {
                if (marker is not null)
                    problems.Add($"plugin '{path}': {type.FullName} is marked [Component] but is abstract or generic, so it cannot be created");
                continue;
            }
            if (objective && penalty)
            {
                problems.Add($"plugin '{path}': {type.FullName} implements both IObjective and IPenalty; split it into two classes");
                continue;
            }
            if (Describe(type, objective ? ComponentKind.Objective : ComponentKind.Penalty, marker, path, problems) is { } component)
                result.Add(component);
        }
        return result;
    }

    private static PluginComponent? Describe(Type type, ComponentKind kind, ComponentAttribute? marker, string path, List<string> problems)
    {
        string where = $"plugin '{path}': {type.FullName}";
        var constructors = type.GetConstructors();
        var withOptions = constructors.Where(c => c.GetParameters().Length == 1).ToList();
        var parameterless = constructors.FirstOrDefault(c => c.GetParameters().Length == 0);
        if (withOptions.Count > 1 || (withOptions.Count == 0 && parameterless is null))
        {
            problems.Add($"{where} needs exactly one public constructor, either parameterless or taking its options record");
            return null;
        }

        var options = withOptions.Count == 1 ? OptionsBinder.For(withOptions[0].GetParameters()[0].ParameterType, where, problems) : null;
        if (withOptions.Count == 1 && options is null) return null;

        object Create(IReadOnlyDictionary<string, double> values) =>
            options is null ? Activator.CreateInstance(type)! : withOptions[0].Invoke([options.Bind(values)]);

        object sample;
        try
        {
            sample = Create(new Dictionary<string, double>());
        }
        catch (TargetInvocationException e)
        {
            problems.Add($"{where}: its constructor threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
            return null;
        }
        string? name;
        try { name = sample is IObjective o ? o.Name : ((IPenalty)sample).Name; }
        catch (Exception e)
        {
            // A plugin's code is the user's code: whatever it throws is a problem with the plugin, not a crash of GanBench.
            problems.Add($"{where}: its Name property failed: {e.Message.ReplaceLineEndings(" ")}");
            return null;
        }
        if (name is null || !ComponentName.IsMatch(name))
        {
            problems.Add($"{where}: Name '{name}' must match [a-z][a-z0-9_]* (it is written after loss: or penalty: in YAML)");
            return null;
        }
        string description = marker?.Description ?? $"{kind.ToString().ToLowerInvariant()} {type.FullName}";
        return new PluginComponent(name, kind, description, options?.Specs ?? [], path, type, Create);
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
            .Concat(Core.Results.MetricCatalog.Known.Select(m => (Key: m.Name, Owner: "the metric of that name (a runs.csv column)")))
            .Concat(Core.Results.RunsCsv.ReservedColumns.Select(k => (Key: k, Owner: "a runs.csv column")))
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

/// <summary>
/// Binds YAML values to a plugin's options record through its [ComponentParameter] properties.
/// The attribute's default is the one that counts (list shows it, validation uses it), so it is
/// always written, whatever the property initialiser says.
/// </summary>
internal sealed class OptionsBinder
{
    private readonly Type _type;
    private readonly List<(PropertyInfo Property, ComponentParameterAttribute Attribute)> _properties;

    private OptionsBinder(Type type, List<(PropertyInfo, ComponentParameterAttribute)> properties, IReadOnlyList<ParameterSpec> specs)
    {
        _type = type;
        _properties = properties;
        Specs = specs;
    }

    public IReadOnlyList<ParameterSpec> Specs { get; }

    private static readonly Regex KeyPattern = new("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant);

    public static OptionsBinder? For(Type type, string where, List<string> problems)
    {
        int before = problems.Count;
        if (type.IsValueType || type.GetConstructor(Type.EmptyTypes) is null)
        {
            problems.Add($"{where}: its options type {type.Name} needs a public parameterless constructor (a record with init properties, not a positional record)");
            return null;
        }
        var properties = new List<(PropertyInfo, ComponentParameterAttribute)>();
        var specs = new List<ParameterSpec>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<ComponentParameterAttribute>() is not { } a) continue;
            bool integer = p.PropertyType == typeof(int);
            if (!integer && p.PropertyType != typeof(double) && p.PropertyType != typeof(float))
                problems.Add($"{where}: option {type.Name}.{p.Name} is {p.PropertyType.Name}; [ComponentParameter] supports double, float and int");
            else if (p.SetMethod is null || !p.SetMethod.IsPublic)
                problems.Add($"{where}: option {type.Name}.{p.Name} needs a public init or set accessor");
            else if (!KeyPattern.IsMatch(a.Key))
                problems.Add($"{where}: parameter key '{a.Key}' must match [a-z][a-z0-9_]*");
            else if (!(a.Min <= a.Max) || !double.IsFinite(a.Default) || !new NumRange(a.Min, a.MinExclusive, a.Max, false).Contains(a.Default)
                     || (integer && a.Default != Math.Floor(a.Default)))
                problems.Add($"{where}: parameter '{a.Key}' has default {a.Default} outside its own range {new NumRange(a.Min, a.MinExclusive, a.Max, false)}{(integer ? " or not a whole number" : "")}");
            else if (specs.Any(s => s.Key == a.Key))
                problems.Add($"{where}: parameter key '{a.Key}' is declared twice in {type.Name}");
            else
            {
                properties.Add((p, a));
                specs.Add(new ParameterSpec(a.Key, a.Default, a.Min, a.Max, a.MinExclusive, a.Description, integer));
            }
        }
        if (problems.Count > before) return null;
        if (specs.Count == 0)
        {
            problems.Add($"{where}: its constructor takes {type.Name}, which has no [ComponentParameter] property; add one or use a parameterless constructor");
            return null;
        }
        return new OptionsBinder(type, properties, specs);
    }

    public object Bind(IReadOnlyDictionary<string, double> values)
    {
        var options = Activator.CreateInstance(_type)!;
        foreach (var (property, attribute) in _properties)
        {
            double v = values.TryGetValue(attribute.Key, out var given) ? given : attribute.Default;
            object boxed = property.PropertyType == typeof(int) ? (object)checked((int)v)
                : property.PropertyType == typeof(float) ? (float)v : v;
            property.SetValue(options, boxed);
        }
        return options;
    }
}
