using GanBench.Core.Fields;
namespace GanBench.Core.Config;

/// <summary>
/// Upper bounds on sizes, so that a typo (hidden: 2147483647) is a validation error rather than an
/// out-of-memory kill an hour into a sweep. They are far above what a loss ablation uses; whether a
/// trial inside them fits this machine is decided by <see cref="TrialMemory"/> before training.
/// </summary>
public static class Limits
{
    public static readonly NumRange Hidden = new(1, false, 65_536, false);
    public static readonly NumRange Layers = new(1, false, 1_000, false);
    public static readonly NumRange LatentDim = new(1, false, 65_536, false);
    public static readonly NumRange BatchSize = new(1, false, 1_000_000, false);
    public static readonly NumRange CriticSteps = new(1, false, 10_000, false);
    /// <summary>Exact W1 is quadratic in the sample: 20,000 points already take minutes per evaluation.</summary>
    public static readonly NumRange EvalSamples = new(1, false, 20_000, false);
    public static readonly NumRange ImageSamples = new(10, false, 100_000, false);
}
