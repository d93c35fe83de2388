using GanBench.Abstractions;
using GanBench.Core.Config;
using GanBench.Training.Components;
using GanBench.Training.Sweep;

namespace GanBench.Training.Ensembles;

/// <summary>
/// Splits a sweep's pending trials into work units: trials that can share one batched model
/// (<see cref="EnsembleModel"/>) go together, up to train.ensemble members, everything else alone.
/// Members must agree on everything that shapes the model or the schedule: dataset, networks,
/// batch size, critic steps, iterations, evaluation, optimizer type, objective, penalty with its
/// options, whether the penalty is on, clipping on or off and its mode, noise schedule. They may differ
/// in seed, learning rate, betas, penalty weight, clip bound and noise σ. A group is cut into even
/// units in the sweep's trial order, so the same pending trials always give the same units.
/// </summary>
public sealed class EnsemblePlanner(ComponentRegistry components)
{
    /// <remarks>
    /// A member's numbers agree with its lone trial to float32 rounding, and their last bits depend on
    /// which members share its batched matmuls. So units depend on the pending trials alone, never on
    /// --jobs, and a group's trials are cut into units in trial order: a sweep killed mid-way (no
    /// unit half recorded, see <see cref="EnsembleTrainer"/>) re-forms exactly the units it had not
    /// finished, whichever of them were done.
    /// </remarks>
    public IReadOnlyList<WorkUnit> Plan(IReadOnlyList<PendingTrial> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var units = new List<List<PendingTrial>>();
        var groups = new Dictionary<string, List<PendingTrial>>(StringComparer.Ordinal);
        foreach (var item in pending)
        {
            if (WhyAlone(item.Trial) is not null) { units.Add([item]); continue; }
            string key = GroupKey(item.Trial);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = [];
            group.Add(item);
        }
        foreach (var group in groups.Values)
            units.AddRange(CutEvenly(group, group[0].Trial.Train.Ensemble.MaxMembers));
        return units.OrderBy(u => u[0].Index).Select(u => new WorkUnit(u)).ToList();
    }

    /// <summary>
    /// The fewest units of at most <paramref name="maxMembers"/>, as equal in size as they can be (the
    /// larger first), in trial order: 9 trials at most 8 to a unit are 5 + 4, not 8 + 1. A member costs
    /// about the same past four members (EnsembleCriticStepBenchmarks), while a unit's evaluations run
    /// one after another on its worker, so even units keep the workers evenly busy: claim 5 (evaluation-
    /// bound) took 676 s as two units of 10 on two workers, one of which sat idle for the last third.
    /// </summary>
    private static IEnumerable<List<PendingTrial>> CutEvenly(List<PendingTrial> group, int maxMembers)
    {
        int count = (group.Count + maxMembers - 1) / maxMembers;
        int start = 0;
        for (int u = 0; u < count; u++)
        {
            int size = group.Count / count + (u < group.Count % count ? 1 : 0);
            yield return group.GetRange(start, size);
            start += size;
        }
    }

    /// <summary>Why a trial cannot train as an ensemble member (it trains alone), or null when it can.</summary>
    public string? WhyAlone(TrialSpec trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!trial.Train.Ensemble.GroupsTrials) return "train.ensemble is off";
        if (!trial.Protocol.IsStandard) return $"protocol {trial.Protocol.Kind} trains one trial at a time";
        if (trial.Dataset.IsImage) return "image datasets train alone (ensembles stack MLPs on point data)";
        if (trial.Model.Generator.Type != NetworkConfig.Mlp || trial.Model.Critic.Type != NetworkConfig.Mlp) return "only MLP networks are stacked";
        if (trial.Loss.PenaltyActive && components.For(trial).Penalty is not IEnsemblePenalty)
            return $"penalty '{trial.Loss.Penalty}' does not implement IEnsemblePenalty";
        return null;
    }

    /// <summary>The trial's canonical form with the values members may differ in set to one placeholder each.</summary>
    public static string GroupKey(TrialSpec trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var shape = trial with
        {
            Seed = 0,
            Loss = trial.Loss with
            {
                PenaltyWeight = trial.Loss.PenaltyActive ? 1 : 0,
                Clip = trial.Loss.Clip is null ? null : 1,
                InstanceNoise = 0,
            },
            Train = trial.Train with { Optimizer = trial.Train.Optimizer with { Lr = 1, Beta1 = 0, Beta2 = 0 } },
        };
        return TrialIds.CanonicalJson(shape);
    }
}

/// <summary>What one worker trains in one go: a single trial, or the members of one ensemble.</summary>
public sealed record WorkUnit(IReadOnlyList<PendingTrial> Members)
{
    public bool IsEnsemble => Members.Count > 1;
}
