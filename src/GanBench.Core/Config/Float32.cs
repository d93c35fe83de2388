namespace GanBench.Core.Config;

/// <summary>
/// Training runs in float32, so every number of an experiment must survive the conversion: a
/// learning rate of 1e100 overflows to infinity and a clip bound of 1e-50 rounds to 0, and either
/// would make every trial fail or silently train something else. Zero is kept as zero.
/// </summary>
public static class Float32
{
    /// <summary>The smallest positive normal float32; below it values lose precision and then become 0.</summary>
    public const double MinNormal = 1.1754943508222875e-38;

    public static bool Represents(double v) => v == 0 || (Math.Abs(v) >= MinNormal && Math.Abs(v) <= float.MaxValue);

    public static string Problem(double v) => Math.Abs(v) > float.MaxValue
        ? $"is larger than float32 can hold (3.4e38); training runs in float32, where it would be infinite"
        : $"is smaller than float32 can hold (1.2e-38); training runs in float32, where it would round to 0";
}
