using System.Reflection;
using System.Text.RegularExpressions;
using GanBench.Abstractions;
using GanBench.Core.Config;
using GanBench.Core.Fields;

namespace GanBench.Training.Components.Discovery;

/// <summary>
/// Binds YAML values to a component's options record through its [ComponentParameter] properties.
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
                : property.PropertyType == typeof(float) ? (object)(float)v : v;
            property.SetValue(options, boxed);
        }
        return options;
    }
}
