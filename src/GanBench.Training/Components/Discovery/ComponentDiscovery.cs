using System.Reflection;
using System.Text.RegularExpressions;
using GanBench.Abstractions;
using GanBench.Core.Config;

namespace GanBench.Training.Components.Discovery;

/// <summary>One objective, penalty or shorthand found in an assembly, ready to describe and to create.</summary>
/// <param name="Create">Builds the component bound to a trial's parameter values (defaults fill the rest); null for a shorthand.</param>
public sealed record DiscoveredComponent(
    string Name,
    ComponentKind Kind,
    string Description,
    IReadOnlyList<ParameterSpec> Parameters,
    Type Type,
    Func<IReadOnlyDictionary<string, double>, object>? Create,
    ShorthandExpansion? Expansion = null)
{
    /// <summary>What the configuration layer sees; <paramref name="plugin"/> names the assembly of a plugin component.</summary>
    public ComponentDescriptor Descriptor(string? plugin = null) =>
        new(Name, Kind, plugin is null ? Description : $"{Description} [plugin {plugin}]", Parameters) { Expansion = Expansion };
}

/// <summary>
/// Finds the components of an assembly the one way GanBench knows: public concrete classes that
/// implement <see cref="IObjective"/> or <see cref="IPenalty"/> (their parameters are the
/// <see cref="ComponentParameterAttribute"/> properties of the options record their constructor
/// takes), and classes marked <see cref="ShorthandAttribute"/>. Built-in components are found in
/// GanBench.Training exactly as plugin components are found in a plugin assembly.
/// </summary>
public static class ComponentDiscovery
{
    private static readonly Regex ComponentName = new("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant);

    /// <param name="where">How problems name the assembly, e.g. "plugin 'x.dll'".</param>
    public static List<DiscoveredComponent> Discover(Assembly assembly, string where, List<string> problems)
    {
        Type[] types;
        try { types = assembly.GetExportedTypes(); }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            var detail = e is ReflectionTypeLoadException rtl
                ? string.Join("; ", rtl.LoaderExceptions.Where(x => x is not null).Select(x => x!.Message).Distinct().Take(3))
                : e.Message;
            problems.Add($"{where}: its types cannot be loaded ({detail}); was it built against this GanBench.Abstractions?");
            return [];
        }
        var found = new List<DiscoveredComponent>();
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
            if (DescribeType(type, where, problems) is { } component) found.Add(component);
        return found;
    }

    private static DiscoveredComponent? DescribeType(Type type, string where, List<string> problems)
    {
        if (type.GetCustomAttribute<ShorthandAttribute>() is { } shorthand)
            return Shorthand(type, shorthand, where, problems);
        bool objective = typeof(IObjective).IsAssignableFrom(type), penalty = typeof(IPenalty).IsAssignableFrom(type);
        var marker = type.GetCustomAttribute<ComponentAttribute>();
        string at = $"{where}: {type.FullName}";
        if (!objective && !penalty)
        {
            if (marker is not null) problems.Add($"{at} is marked [Component] but implements neither IObjective nor IPenalty");
            return null;
        }
        if (type.IsAbstract || type.IsInterface || type.ContainsGenericParameters)
        {
            if (marker is not null) problems.Add($"{at} is marked [Component] but is abstract or generic, so it cannot be created");
            return null;
        }
        if (objective && penalty)
        {
            problems.Add($"{at} implements both IObjective and IPenalty; split it into two classes");
            return null;
        }
        return Component(type, objective ? ComponentKind.Objective : ComponentKind.Penalty, marker, at, problems);
    }

    private static DiscoveredComponent? Component(Type type, ComponentKind kind, ComponentAttribute? marker, string at, List<string> problems)
    {
        var constructors = type.GetConstructors();
        var withOptions = constructors.Where(c => c.GetParameters().Length == 1).ToList();
        var parameterless = constructors.FirstOrDefault(c => c.GetParameters().Length == 0);
        if (withOptions.Count > 1 || (withOptions.Count == 0 && parameterless is null))
        {
            problems.Add($"{at} needs exactly one public constructor, either parameterless or taking its options record");
            return null;
        }
        var options = withOptions.Count == 1 ? OptionsBinder.For(withOptions[0].GetParameters()[0].ParameterType, at, problems) : null;
        if (withOptions.Count == 1 && options is null) return null;

        object Create(IReadOnlyDictionary<string, double> values) =>
            options is null ? Activator.CreateInstance(type)! : withOptions[0].Invoke([options.Bind(values)]);

        object sample;
        string? name;
        try
        {
            sample = Create(new Dictionary<string, double>());
        }
        catch (TargetInvocationException e)
        {
            problems.Add($"{at}: its constructor failed: {e.InnerException?.Message.ReplaceLineEndings(" ")}");
            return null;
        }
        try { name = sample is IObjective o ? o.Name : ((IPenalty)sample).Name; }
        catch (Exception e)
        {
            // A plugin's code is the user's code: whatever it throws is a problem with the plugin, not a crash of GanBench.
            problems.Add($"{at}: its Name property failed: {e.Message.ReplaceLineEndings(" ")}");
            return null;
        }
        if (name is null || !ComponentName.IsMatch(name))
        {
            problems.Add($"{at}: Name '{name}' must match [a-z][a-z0-9_]* (it is written after loss: or penalty: in YAML)");
            return null;
        }
        string description = marker?.Description ?? $"{kind.ToString().ToLowerInvariant()} {type.FullName}";
        return new DiscoveredComponent(name, kind, description, options?.Specs ?? [], type, Create);
    }

    private static DiscoveredComponent? Shorthand(Type type, ShorthandAttribute s, string where, List<string> problems)
    {
        string at = $"{where}: {type.FullName}";
        if (!typeof(IShorthand).IsAssignableFrom(type))
            problems.Add($"{at} is marked [Shorthand] but does not implement IShorthand");
        else if (!ComponentName.IsMatch(s.Name))
            problems.Add($"{at}: shorthand name '{s.Name}' must match [a-z][a-z0-9_]*");
        else if (s.Objective.Length == 0)
            problems.Add($"{at}: shorthand '{s.Name}' names no objective to expand to");
        else
        {
            double? clip = double.IsNaN(s.Clip) ? null : s.Clip, weight = double.IsNaN(s.PenaltyWeight) ? null : s.PenaltyWeight;
            var parameters = new List<ParameterSpec>();
            if (clip is double c) parameters.Add(new ParameterSpec("clip", c, 0, double.PositiveInfinity, true, "weight-clipping bound c"));
            if (weight is double w)
                parameters.Add(new ParameterSpec(s.Penalty == "gp" ? "gp_weight" : "penalty_weight", w, 0, double.PositiveInfinity, false,
                    s.PenaltyWeightDescription.Length > 0 ? s.PenaltyWeightDescription : $"weight of the {s.Penalty} penalty"));
            return new DiscoveredComponent(s.Name, ComponentKind.Shorthand, s.Description, parameters, type, null,
                new ShorthandExpansion(s.Objective, s.Penalty, clip, weight));
        }
        return null;
    }
}
