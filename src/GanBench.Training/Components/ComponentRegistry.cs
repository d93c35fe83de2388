using GanBench.Abstractions;

namespace GanBench.Training.Components;

/// <summary>Implementations by registered name; the config layer's catalog holds the same names.</summary>
public sealed class ComponentRegistry
{
    private readonly Dictionary<string, IObjective> _objectives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IPenalty> _penalties = new(StringComparer.Ordinal);

    public static ComponentRegistry CreateBuiltin()
    {
        var registry = new ComponentRegistry();
        registry.Add(new MinimaxObjective());
        registry.Add(new NonSaturatingObjective());
        registry.Add(new WassersteinObjective());
        registry.Add(new LeastSquaresObjective());
        registry.Add(new HingeObjective());
        registry.Add(new RelativisticAverageObjective());
        registry.Add(new RelativisticPairingObjective());
        registry.Add(new NoPenalty());
        registry.Add(new GradientPenalty());
        registry.Add(new LipschitzPenalty());
        registry.Add(new DraganPenalty());
        registry.Add(new R1Penalty());
        registry.Add(new R2Penalty());
        registry.Add(new R1R2Penalty());
        return registry;
    }

    public IReadOnlyCollection<string> ObjectiveNames => _objectives.Keys;
    public IReadOnlyCollection<string> PenaltyNames => _penalties.Keys;

    public void Add(IObjective objective)
    {
        if (!_objectives.TryAdd(objective.Name, objective))
            throw new InvalidOperationException($"an objective named '{objective.Name}' is already registered");
    }

    public void Add(IPenalty penalty)
    {
        if (!_penalties.TryAdd(penalty.Name, penalty))
            throw new InvalidOperationException($"a penalty named '{penalty.Name}' is already registered");
    }

    public IObjective Objective(string name) => _objectives.TryGetValue(name, out var o)
        ? o : throw new KeyNotFoundException($"no objective named '{name}' (registered: {string.Join(", ", _objectives.Keys.Order())})");

    public IPenalty Penalty(string name) => _penalties.TryGetValue(name, out var p)
        ? p : throw new KeyNotFoundException($"no penalty named '{name}' (registered: {string.Join(", ", _penalties.Keys.Order())})");
}
