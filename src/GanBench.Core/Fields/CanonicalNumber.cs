using System.Globalization;

namespace GanBench.Core.Fields;

/// <summary>
/// The one text of a number wherever it is hashed, written back or shown as a default: round-trip
/// ("R") invariant text with −0 written as 0, so −0.0 and 0 give the same trial.
/// </summary>
public static class CanonicalNumber
{
    public static string Format(double d) => (d == 0 ? 0.0 : d).ToString("R", CultureInfo.InvariantCulture);
}
