using GanBench.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.TestPlugins;

/// <summary>Forgets to reduce its critic loss over the batch: a contract violation GanBench must report, not crash on.</summary>
[Component("test plugin: returns the per-sample critic loss instead of its mean")]
public sealed class BatchLoss : IObjective
{
    public string Name => "batch_loss";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) => StableMath.Softplus(-realLogits) + StableMath.Softplus(fakeLogits);
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => StableMath.Softplus(-fakeLogits).mean();
}

public sealed record CrashOptions
{
    [ComponentParameter("crash_batch", 1_000_000, Min = 1, Description = "kill the process on a critic batch of at least this many samples")]
    public int Batch { get; init; } = 1_000_000;
}

/// <summary>
/// The non-saturating loss, except that a critic batch of crash_batch samples or more ends the whole
/// process at once, as a native crash would: a worker process dies in the middle of a trial.
/// </summary>
[Component("test plugin: non-saturating, but kills its process on large critic batches")]
public sealed class CrashingLoss(CrashOptions options) : IObjective
{
    public string Name => "crashing_loss";
    public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits)
    {
        if (realLogits.shape[0] >= options.Batch) Environment.FailFast("crashing_loss: deliberate crash for a test");
        return StableMath.Softplus(-realLogits).mean() + StableMath.Softplus(fakeLogits).mean();
    }
    public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => StableMath.Softplus(-fakeLogits).mean();
}
