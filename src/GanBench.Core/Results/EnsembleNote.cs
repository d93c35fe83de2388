using System.Globalization;
using System.Text.RegularExpressions;

namespace GanBench.Core.Results;

/// <summary>
/// The runs.csv <c>message</c> note of a trial trained as an ensemble member: how many trials shared
/// its model and which unit (named by its first trial's id). Members share one clock, so their
/// <c>wall_seconds</c> are one measurement of speed, not several; the throughput gate reads the unit
/// from here to count each unit once.
/// </summary>
public static partial class EnsembleNote
{
    public static string Describe(string unitId, int members) =>
        string.Create(CultureInfo.InvariantCulture, $"trained in an ensemble of {members} (unit {unitId})");

    /// <summary>The note appended to a message that may already say something.</summary>
    public static string AppendTo(string? message, string unitId, int members) =>
        message is { Length: > 0 } m ? $"{m}; {Describe(unitId, members)}" : Describe(unitId, members);

    /// <summary>The unit a row's message names, or null for a trial trained alone.</summary>
    public static string? UnitOf(string? message)
    {
        if (message is null) return null;
        var match = Pattern().Match(message);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"trained in an ensemble of \d+ \(unit ([0-9A-Za-z_-]+)\)")]
    private static partial Regex Pattern();
}
