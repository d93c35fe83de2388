namespace GanBench.Core.Config;

/// <summary>Kinds of pluggable training component, each registered by name.</summary>
public enum ComponentKind { Objective, Penalty, Shorthand }

/// <summary>A numeric parameter a component accepts from YAML; <paramref name="Integer"/> demands a whole number (a plugin's int option).</summary>
public sealed record ParameterSpec(string Key, double Default, double Min, double Max, bool MinExclusive, string Description, bool Integer = false)
{
    /// <summary>The values the option accepts.</summary>
    public Fields.NumRange Range => new(Min, MinExclusive, Max, false);
}

/// <summary>What the configuration layer needs to know about a component: no TorchSharp here.</summary>
public sealed record ComponentDescriptor(
    string Name,
    ComponentKind Kind,
    string Description,
    IReadOnlyList<ParameterSpec> Parameters)
{
    /// <summary>For <see cref="ComponentKind.Shorthand"/> only: what the name stands for.</summary>
    public ShorthandExpansion? Expansion { get; init; }
}

/// <summary>
/// What a shorthand loss (wgan, wgan_gp, a plugin's) expands to. Arm keys written next to the
/// shorthand override these defaults; the shorthand's <see cref="ComponentDescriptor.Parameters"/>
/// document the keys it is usually tuned with.
/// </summary>
/// <param name="Objective">Objective component name.</param>
/// <param name="Penalty">Penalty component name; "none" for no penalty.</param>
/// <param name="Clip">Default weight-clipping bound; null when the shorthand does not clip.</param>
/// <param name="PenaltyWeight">Default penalty weight; null to use the generic default (10).</param>
public sealed record ShorthandExpansion(string Objective, string Penalty = "none", double? Clip = null, double? PenaltyWeight = null);

/// <summary>
/// The names the configuration layer validates against. The training layer registers the
/// implementations under the same names; a test keeps the two in step.
/// </summary>
public sealed class ComponentCatalog
{
    private readonly Dictionary<string, ComponentDescriptor> _byName = new(StringComparer.Ordinal);

    /// <summary>Keys every arm already gives a meaning to; a component's parameter may not reuse one.</summary>
    public static IReadOnlyList<string> ReservedArmKeys => ConfigReader.ArmKeys;

    public IEnumerable<ComponentDescriptor> All => _byName.Values.OrderBy(d => d.Kind).ThenBy(d => d.Name, StringComparer.Ordinal);

    public void Add(ComponentDescriptor descriptor)
    {
        if (!_byName.TryAdd(descriptor.Name, descriptor))
            throw new InvalidOperationException($"component '{descriptor.Name}' is already registered");
    }

    public bool TryGet(string name, out ComponentDescriptor descriptor) => _byName.TryGetValue(name, out descriptor!);

    /// <summary>Names valid for an arm's <c>loss:</c> key: objectives and shorthands.</summary>
    public IEnumerable<string> LossNames => _byName.Values.Where(d => d.Kind != ComponentKind.Penalty).Select(d => d.Name).OrderBy(n => n, StringComparer.Ordinal);

    public IEnumerable<string> Names(ComponentKind kind) => _byName.Values.Where(d => d.Kind == kind).Select(d => d.Name).OrderBy(n => n, StringComparer.Ordinal);
}
