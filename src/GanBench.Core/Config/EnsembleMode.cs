using System.Globalization;

namespace GanBench.Core.Config;

/// <summary>
/// <c>train.ensemble:</c> how many trials may train together as one batched model. Trials that share
/// architecture and schedule are grouped by the runner, at most <see cref="MaxMembers"/> to a group;
/// each member keeps its own seed and loss settings. Not part of trial ids: how trials are batched
/// decides how fast they run, not what they compute, so a sweep may be resumed with ensembles on or off.
/// Made only through <see cref="Auto"/>, <see cref="Off"/> and <see cref="AtMost"/>, so that
/// <see cref="MaxMembers"/> is always in [1, <see cref="Limit"/>].
/// </summary>
public sealed record EnsembleMode
{
    /// <summary>The group size <c>auto</c> stands for: past about four members a member's step costs the same
    /// (EnsembleCriticStepBenchmarks), so larger units only make the workers' loads less even.</summary>
    public const int AutoMaxMembers = 8;
    /// <summary>The largest K <c>train.ensemble: K</c> accepts.</summary>
    public const int Limit = 64;

    private EnsembleMode() { }

    /// <summary>At most this many trials in one batched model; 1 trains every trial alone.</summary>
    public int MaxMembers { get; init; }
    /// <summary>Written as <c>auto</c> (or left out): the runner chooses, up to <see cref="AutoMaxMembers"/>.</summary>
    public bool IsAuto { get; init; }

    /// <summary><c>auto</c>, the default: compatible trials are grouped, at most <see cref="AutoMaxMembers"/> to a group.</summary>
    public static readonly EnsembleMode Auto = new() { IsAuto = true, MaxMembers = AutoMaxMembers };
    /// <summary><c>off</c>: every trial trains alone.</summary>
    public static readonly EnsembleMode Off = new() { MaxMembers = 1 };

    /// <summary><c>K</c>: at most <paramref name="k"/> members to a group; 1 is <see cref="Off"/> (and equal to it).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not in [1, <see cref="Limit"/>].</exception>
    public static EnsembleMode AtMost(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Limit);
        return k == 1 ? Off : new() { MaxMembers = k };
    }

    /// <summary>Whether trials may share a batched model at all.</summary>
    public bool GroupsTrials => MaxMembers > 1;

    /// <summary>The YAML form: "auto", "off", or the integer.</summary>
    public override string ToString() =>
        IsAuto ? "auto" : MaxMembers == 1 ? "off" : MaxMembers.ToString(CultureInfo.InvariantCulture);
}
