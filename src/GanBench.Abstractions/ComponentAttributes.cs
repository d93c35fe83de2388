namespace GanBench.Abstractions;

/// <summary>
/// Marks a public objective or penalty in a plugin assembly and gives the one-line description
/// that <c>list</c> prints. Optional: every public concrete type implementing
/// <see cref="IObjective"/> or <see cref="IPenalty"/> is discovered anyway, but a type marked with
/// this attribute that implements neither is reported as an error instead of being skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ComponentAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}

/// <summary>
/// A numeric YAML parameter of a plugin component, on a property (double, float or int) of its
/// options record. The component receives the bound record through its constructor:
/// <code>
/// public sealed record FocalOptions
/// {
///     [ComponentParameter("focal_gamma", 2.0, Min = 0, Description = "focusing exponent")]
///     public double Gamma { get; init; } = 2.0;
/// }
/// public sealed class FocalLoss(FocalOptions options) : IObjective { ... }
/// </code>
/// Arm keys such as <c>{loss: focal, focal_gamma: [1, 2]}</c> are then checked against
/// [Min, Max] and swept exactly like a built-in's parameters. Keys share one namespace across
/// components, so prefix them with the component's name.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ComponentParameterAttribute(string key, double defaultValue) : Attribute
{
    public string Key { get; } = key;
    public double Default { get; } = defaultValue;
    public double Min { get; init; } = double.NegativeInfinity;
    public double Max { get; init; } = double.PositiveInfinity;
    /// <summary>When true, Min itself is not allowed (for example a scale that must be &gt; 0).</summary>
    public bool MinExclusive { get; init; }
    public string Description { get; init; } = "";
}

/// <summary>
/// A loss name that stands for an objective, a penalty and their defaults, written after
/// <c>loss:</c> like an objective (<c>wgan_gp</c> is the wasserstein objective with the gp penalty
/// at weight 10). Put it on a class implementing <see cref="IShorthand"/>; the class is never
/// created, it only carries the declaration, so a shorthand is one small file like any component.
/// Keys written next to a shorthand in an arm override its defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ShorthandAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;
    /// <summary>The objective it expands to (required).</summary>
    public string Objective { get; init; } = "";
    /// <summary>The penalty it expands to; "none" for none.</summary>
    public string Penalty { get; init; } = "none";
    /// <summary>Default weight-clipping bound; NaN when it does not clip.</summary>
    public double Clip { get; init; } = double.NaN;
    /// <summary>Default penalty weight; NaN for the generic default (10).</summary>
    public double PenaltyWeight { get; init; } = double.NaN;
    /// <summary>What the penalty weight means for this shorthand, for list and the README.</summary>
    public string PenaltyWeightDescription { get; init; } = "";
}

/// <summary>Marks a class that declares a <see cref="ShorthandAttribute"/>; it has no members.</summary>
public interface IShorthand;
