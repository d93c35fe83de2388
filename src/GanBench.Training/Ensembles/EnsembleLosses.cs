using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Ensembles;

/// <summary>
/// Losses of all members at once, each reduced over its own batch only ([K, B] logits → [K] losses), so
/// that Σₖ lossₖ back-propagates into member k's slice exactly lossₖ's gradient: members share tensors,
/// never terms. The WGAN-GP critic loss is the one the throughput benchmarks time (the GP's double
/// backward is the costliest step a sweep runs).
/// </summary>
public static class EnsembleLosses
{
    /// <summary>
    /// Per member: E D(fake) − E D(real) + λₖ·E(‖∇D(x̂)‖ − 1)², x̂ = α·real + (1 − α)·fake with one α per
    /// sample. The input gradient of Σₖ Σᵢ Dₖ(x̂ₖᵢ) with respect to x̂ₖᵢ is member k's own, because
    /// Dₖ reads only row k.
    /// </summary>
    /// <param name="real">[K, B, features].</param>
    /// <param name="fake">[K, B, features], without a graph into a generator.</param>
    /// <param name="alpha">[K, B, 1] in [0, 1].</param>
    /// <param name="gpWeight">[K]: λ per member.</param>
    public static Tensor WassersteinGpCritic(EnsembleMlp critic, Tensor real, Tensor fake, Tensor alpha, Tensor gpWeight)
    {
        // Real and fake pass through the critic separately, as a lone trial passes them: one concatenated
        // pass would save matmuls but sums in another order, and Adam turns the rounding noise of a
        // gradient that is exactly zero in theory (the last bias under E D(fake) − E D(real)) into a
        // full step of either sign, so members would drift from their lone trials by ~lr per step.
        var realLogits = critic.forward(real).squeeze(-1);
        var fakeLogits = critic.forward(fake).squeeze(-1);
        var x = (alpha * real.detach() + (1 - alpha) * fake.detach()).requires_grad_(true);
        var output = critic.forward(x).sum();
        // retain_graph must be set explicitly: TorchSharp defaults it to false even with create_graph.
        var grads = torch.autograd.grad([output], [x], retain_graph: true, create_graph: true)[0];
        var penalty = (grads.norm(2, false, 2) - 1).pow(2).mean(dimensions: [1]);
        return fakeLogits.mean(dimensions: [1]) - realLogits.mean(dimensions: [1]) + gpWeight * penalty;
    }
}
