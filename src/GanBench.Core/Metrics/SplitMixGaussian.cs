namespace GanBench.Core.Metrics;

/// <summary>
/// Seeded standard-normal generator (SplitMix64 + Box–Muller). Written out rather than taken from
/// System.Random so that sliced-W1 values are reproducible across .NET versions and platforms,
/// which matters when results from different runs are compared.
/// </summary>
/// <summary>SplitMix64 (Steele, Lea and Flood 2014): the one mixing function every seeded stream here uses.</summary>
public static class SplitMix64
{
    public const ulong Increment = 0x9E3779B97F4A7C15UL;

    /// <summary>The SplitMix64 finaliser: spreads nearby inputs (seeds 0, 1, 2...) far apart.</summary>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

internal struct SplitMixGaussian
{
    private ulong _state;
    private double _spare;
    private bool _hasSpare;

    public SplitMixGaussian(int seed)
    {
        _state = unchecked((ulong)(long)seed * 0x9E3779B97F4A7C15UL + 0xD1B54A32D192ED03UL);
        _spare = 0;
        _hasSpare = false;
    }

    public ulong NextUInt64() => SplitMix64.Mix(unchecked(_state += SplitMix64.Increment));

    /// <summary>Uniform in (0, 1]: never 0, so the logarithm in Box–Muller stays finite.</summary>
    public double NextOpenUniform() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double radius = Math.Sqrt(-2.0 * Math.Log(NextOpenUniform()));
        double angle = 2.0 * Math.PI * NextOpenUniform();
        _spare = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }
}
