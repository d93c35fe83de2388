using GanBench.Abstractions;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components.Discovery;

namespace GanBench.Training.Components;

/// <summary>
/// Implementations by registered name; the config layer's catalog holds the same names, because
/// both come from one discovery (<see cref="BuiltinComponents"/>, <see cref="Plugins.PluginHost"/>).
/// A component is registered as a factory of its parameters, so a component with an options
/// record gets one instance per trial, bound to that trial's values.
/// </summary>
public sealed class ComponentRegistry
{
    private static readonly IReadOnlyDictionary<string, double> NoParameters = new Dictionary<string, double>();
    private readonly Dictionary<string, Func<IReadOnlyDictionary<string, double>, IObjective>> _objectives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IReadOnlyDictionary<string, double>, IPenalty>> _penalties = new(StringComparer.Ordinal);
    /// <summary>Components that are not part of GanBench (plugins), with what identifies their code.</summary>
    private readonly Dictionary<string, string> _externalIdentities = new(StringComparer.Ordinal);

    /// <summary>The built-in objectives and penalties.</summary>
    public static ComponentRegistry CreateBuiltin() => BuiltinComponents.Registry();

    /// <summary>GanBench's own identity: its version and a hash of the source of the assemblies that compute numbers.</summary>
    public static string GanBenchIdentity { get; } = Implementation.GanBenchIdentity(
        [typeof(IObjective).Assembly, typeof(TrialSpec).Assembly, typeof(ComponentRegistry).Assembly]);

    /// <summary>What computes a trial's numbers: GanBench, and the plugin code of its objective and penalty, if any.</summary>
    public string ImplementationOf(TrialSpec trial) => Implementation.Describe(GanBenchIdentity,
        new[] { trial.Loss.Objective, trial.Loss.Penalty }.Where(_externalIdentities.ContainsKey).Select(n => (n, _externalIdentities[n])));

    /// <summary>Marks a component as external code identified by <paramref name="identity"/> (see <see cref="Implementation.FileIdentity"/>).</summary>
    public void SetExternalIdentity(string name, string identity) => _externalIdentities[name] = identity;

    public IReadOnlyCollection<string> ObjectiveNames => _objectives.Keys;
    public IReadOnlyCollection<string> PenaltyNames => _penalties.Keys;

    /// <summary>Registers a discovered objective or penalty by its factory; a shorthand has nothing to build.</summary>
    public void Add(DiscoveredComponent component)
    {
        var create = component.Create;
        if (create is null) return;
        if (component.Kind == ComponentKind.Objective) AddObjective(component.Name, p => (IObjective)create(p));
        else if (component.Kind == ComponentKind.Penalty) AddPenalty(component.Name, p => (IPenalty)create(p));
    }

    /// <summary>Registers one shared instance (tests, and components without options).</summary>
    public void Add(IObjective objective) => AddObjective(objective.Name, _ => objective);

    public void Add(IPenalty penalty) => AddPenalty(penalty.Name, _ => penalty);

    public void AddObjective(string name, Func<IReadOnlyDictionary<string, double>, IObjective> factory)
    {
        if (!_objectives.TryAdd(name, factory))
            throw new InvalidOperationException($"an objective named '{name}' is already registered");
    }

    public void AddPenalty(string name, Func<IReadOnlyDictionary<string, double>, IPenalty> factory)
    {
        if (!_penalties.TryAdd(name, factory))
            throw new InvalidOperationException($"a penalty named '{name}' is already registered");
    }

    /// <summary>The objective and penalty of a trial, bound to its parameters: every schedule builds them here, so none forgets an option.</summary>
    public (IObjective Objective, IPenalty Penalty) For(TrialSpec trial) =>
        (Objective(trial.Loss.Objective, trial.Loss.Parameters), Penalty(trial.Loss.Penalty, trial.Loss.Parameters));

    /// <param name="parameters">The trial's component parameters by YAML key; defaults fill the rest.</param>
    public IObjective Objective(string name, IReadOnlyDictionary<string, double>? parameters = null) => _objectives.TryGetValue(name, out var o)
        ? o(parameters ?? NoParameters) : throw new KeyNotFoundException($"no objective named '{name}' (registered: {string.Join(", ", _objectives.Keys.Order())})");

    public IPenalty Penalty(string name, IReadOnlyDictionary<string, double>? parameters = null) => _penalties.TryGetValue(name, out var p)
        ? p(parameters ?? NoParameters) : throw new KeyNotFoundException($"no penalty named '{name}' (registered: {string.Join(", ", _penalties.Keys.Order())})");
}
