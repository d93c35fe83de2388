using System.Globalization;
using GanBench.Core.Compare;

namespace GanBench.Cli.Commands;

/// <summary>--throughput-factor and --throughput-p, as `compare` and `compare-bench` both take them:
/// one wording of their problems, one reading of their values.</summary>
internal static class ThroughputOptionTexts
{
    public const string FactorOption = "--throughput-factor", POption = "--throughput-p";

    /// <summary>One line per bad value; a null text is an option not given.</summary>
    public static IEnumerable<string> Problems(string verb, string? factorText, string? pText)
    {
        if (factorText is not null && !(Number(factorText) is double factor && factor >= 1.0))
            yield return $"error: {verb}: {FactorOption} '{factorText}' must be a number ≥ 1, e.g. {ThroughputOptions.DefaultFactor.ToString(CultureInfo.InvariantCulture)} (10% slower)";
        if (pText is not null && !(Number(pText) is double p && p > 0.0 && p < 1.0))
            yield return $"error: {verb}: {POption} '{pText}' must be a number between 0 and 1, e.g. {ThroughputOptions.DefaultPThreshold.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The options, once <see cref="Problems"/> found none; a text not given keeps asv's default.</summary>
    public static ThroughputOptions Options(string? factorText, string? pText) => new()
    {
        Factor = factorText is null ? ThroughputOptions.DefaultFactor : Number(factorText)!.Value,
        PThreshold = pText is null ? ThroughputOptions.DefaultPThreshold : Number(pText)!.Value,
    };

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null;
}
