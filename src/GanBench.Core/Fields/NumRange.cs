using System.Globalization;

namespace GanBench.Core.Fields;

/// <summary>An allowed numeric interval, able to describe itself in an error message.</summary>
public readonly record struct NumRange(double Min, bool MinExclusive, double Max, bool MaxExclusive)
{
    public static NumRange AtLeast(double min) => new(min, false, double.PositiveInfinity, false);
    public static NumRange Above(double min) => new(min, true, double.PositiveInfinity, false);

    public bool Contains(double v) =>
        (MinExclusive ? v > Min : v >= Min) && (MaxExclusive ? v < Max : v <= Max);

    public override string ToString()
    {
        static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        bool lower = !double.IsNegativeInfinity(Min), upper = !double.IsPositiveInfinity(Max);
        if (lower && upper) return $"in {(MinExclusive ? "(" : "[")}{F(Min)}, {F(Max)}{(MaxExclusive ? ")" : "]")}";
        if (lower) return $"{(MinExclusive ? ">" : ">=")} {F(Min)}";
        if (upper) return $"{(MaxExclusive ? "<" : "<=")} {F(Max)}";
        return "finite";
    }
}
