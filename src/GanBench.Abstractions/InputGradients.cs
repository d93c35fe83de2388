using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Abstractions;

/// <summary>Gradients of the critic with respect to its inputs, the building block of every penalty.</summary>
public static class InputGradients
{
    /// <summary>
    /// ‖∇ₓD(x)‖₂ per sample, over all non-batch dimensions, so 2-D points and images are treated
    /// alike. The graph is kept (create_graph and retain_graph) so that the norm can be
    /// back-propagated into the critic's parameters.
    /// </summary>
    public static Tensor PerSampleNorm(Func<Tensor, Tensor> critic, Tensor inputs)
    {
        var x = inputs.detach().requires_grad_(true);
        var logits = critic(x);
        // retain_graph must be set explicitly: TorchSharp defaults it to false even with create_graph.
        var grads = torch.autograd.grad([logits.sum()], [x], retain_graph: true, create_graph: true)[0];
        return grads.flatten(1).norm(1, false, 2);
    }

    /// <summary>One interpolation coefficient per sample, broadcast over the remaining dimensions.</summary>
    public static Tensor Interpolate(Tensor real, Tensor fake, Generator? random)
    {
        var shape = new long[real.dim()];
        shape[0] = real.shape[0];
        for (int i = 1; i < shape.Length; i++) shape[i] = 1;
        var alpha = torch.rand(shape, dtype: real.dtype, device: real.device, generator: random);
        return alpha * real.detach() + (1 - alpha) * fake.detach();
    }
}
