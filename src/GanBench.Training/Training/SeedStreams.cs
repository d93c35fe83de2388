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

    public static ulong Derive(int seed, string stream)
    {
        // FNV-1a over the stream name, then SplitMix64 finalisation to spread nearby seeds apart.
        ulong h = 14695981039346656037UL;
        foreach (char c in stream) { h ^= c; h *= 1099511628211UL; }
        ulong z = h ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (z ^ (z >> 31)) & 0x7FFF_FFFF_FFFF_FFFFUL; // torch seeds are signed 64-bit
    }
}
