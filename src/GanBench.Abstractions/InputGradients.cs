using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Abstractions;

/// <summary>Gradients of the critic with respect to its inputs, the building block of every penalty.</summary>
public static class InputGradients
{
    /// <summary>
    /// ∇ₓD(x) flattened to [B, features], so 2-D points and images are treated alike. The graph
    /// is kept (create_graph and retain_graph) so that anything computed from it can be
    /// back-propagated into the critic's parameters.
    /// </summary>
    public static Tensor PerSampleGradients(Func<Tensor, Tensor> critic, Tensor inputs)
    {
        var x = inputs.detach().requires_grad_(true);
        // An error inside autograd.grad aborts the process (it cannot be caught), and a critic
        // whose output ignores x (a constant, or a bug) raises exactly that. The zero term keeps x
        // in the graph, so such a critic gets the zero gradient it has.
        var output = critic(x).sum() + (x * 0).sum();
        // retain_graph must be set explicitly: TorchSharp defaults it to false even with create_graph.
        var grads = torch.autograd.grad([output], [x], retain_graph: true, create_graph: true)[0];
        return grads.flatten(1);
    }

    /// <summary>‖∇ₓD(x)‖₂ per sample, over all non-batch dimensions.</summary>
    public static Tensor PerSampleNorm(Func<Tensor, Tensor> critic, Tensor inputs) =>
        PerSampleGradients(critic, inputs).norm(1, false, 2);

    /// <summary>
    /// ‖∇ₓD(x)‖₂² per sample. Written without the square root, whose derivative is undefined at a
    /// zero gradient, which is exactly where R1/R2 drive the critic.
    /// </summary>
    public static Tensor PerSampleSquaredNorm(Func<Tensor, Tensor> critic, Tensor inputs) =>
        PerSampleGradients(critic, inputs).pow(2).sum(1);

    /// <summary>One interpolation coefficient per sample, broadcast over the remaining dimensions.</summary>
    public static Tensor Interpolate(Tensor real, Tensor fake, Generator? random)
    {
        var alpha = torch.rand(PerSampleShape(real), dtype: real.dtype, device: real.device, generator: random);
        return alpha * real.detach() + (1 - alpha) * fake.detach();
    }

    /// <summary>[B, 1, 1, ...]: one value per sample that broadcasts over an input of this shape.</summary>
    public static long[] PerSampleShape(Tensor like)
    {
        var shape = new long[like.dim()];
        shape[0] = like.shape[0];
        for (int i = 1; i < shape.Length; i++) shape[i] = 1;
        return shape;
    }
}
