namespace GanBench.Training.Training;

/// <summary>
/// Independent, reproducible random streams per trial: model initialisation, training draws and
/// evaluation draws never share a stream, so adding an evaluation cannot change training.
/// </summary>
public static class SeedStreams
{
    public const string Init = "init";
    public const string Train = "train";
    public const string EvalFixtures = "eval-fixtures";
    public const string EvalDraws = "eval-draws";
    /// <summary>The evaluation's refit critic: its initial weights and its batches, apart from every stream training reads.</summary>
    public const string CriticRefit = "critic-refit";

    public static ulong Derive(int seed, string stream)
    {
        // FNV-1a over the stream name, then the SplitMix64 finaliser to spread nearby seeds apart.
        ulong h = 14695981039346656037UL;
        foreach (char c in stream) { h ^= c; h *= 1099511628211UL; }
        ulong z = Core.Metrics.SplitMix64.Mix(h ^ ((ulong)(uint)seed * Core.Metrics.SplitMix64.Increment));
        return z & 0x7FFF_FFFF_FFFF_FFFFUL; // torch seeds are signed 64-bit
    }
}
