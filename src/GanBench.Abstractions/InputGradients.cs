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
    public static Tensor PerSampleGradients(Func<Tensor, Tensor> critic, Tensor inputs) => InputGradient(critic, inputs).flatten(1);

    /// <summary>
    /// The same for the members of an ensemble: inputs [K, B, …] → [K, B, features]. The critic's
    /// member k reads only row k, so the gradient of the sum of all logits is each member's own.
    /// </summary>
    public static Tensor PerMemberSampleGradients(Func<Tensor, Tensor> critic, Tensor inputs) => InputGradient(critic, inputs).flatten(2);

    private static Tensor InputGradient(Func<Tensor, Tensor> critic, Tensor inputs)
    {
        var x = inputs.detach().requires_grad_(true);
        // An error inside autograd.grad aborts the process (it cannot be caught), and a critic
        // whose output ignores x (a constant, or a bug) raises exactly that. The zero term keeps x
        // in the graph, so such a critic gets the zero gradient it has.
        var output = critic(x).sum() + (x * 0).sum();
        // retain_graph must be set explicitly: TorchSharp defaults it to false even with create_graph.
        return torch.autograd.grad([output], [x], retain_graph: true, create_graph: true)[0];
    }

    /// <summary>‖∇ₓD(x)‖₂ per sample of each member: [K, B].</summary>
    public static Tensor PerMemberSampleNorm(Func<Tensor, Tensor> critic, Tensor inputs) =>
        PerMemberSampleGradients(critic, inputs).norm(2, false, 2);

    /// <summary>‖∇ₓD(x)‖₂² per sample of each member: [K, B] (no square root; see <see cref="PerSampleSquaredNorm"/>).</summary>
    public static Tensor PerMemberSampleSquaredNorm(Func<Tensor, Tensor> critic, Tensor inputs) =>
        PerMemberSampleGradients(critic, inputs).pow(2).sum(2);

    /// <summary>
    /// <see cref="Interpolate"/> for stacked members [K, B, …]: member k draws its coefficients from its
    /// own stream, exactly as it does alone.
    /// </summary>
    public static Tensor InterpolateMembers(Tensor real, Tensor fake, IReadOnlyList<Generator?> random)
    {
        var alpha = PerMemberUniform(real, random, perSample: true);
        return alpha * real.detach() + (1 - alpha) * fake.detach();
    }

    /// <summary>
    /// U[0, 1) draws for stacked members [K, B, …], member k from its own stream: one per sample
    /// ([K, B, 1, …]) or one per element; a lone trial makes the same draw on its [B, …] slice.
    /// </summary>
    public static Tensor PerMemberUniform(Tensor like, IReadOnlyList<Generator?> random, bool perSample)
    {
        ArgumentNullException.ThrowIfNull(random);
        var draws = new Tensor[random.Count];
        for (int k = 0; k < draws.Length; k++)
        {
            var member = like[k];
            draws[k] = torch.rand(perSample ? PerSampleShape(member) : member.shape, dtype: like.dtype, device: like.device, generator: random[k]);
        }
        return torch.stack(draws);
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
    public static Tensor Interpolate(Tensor real, Tensor fake, Generator? random) =>
        InterpolateMembers(real.unsqueeze(0), fake.unsqueeze(0), [random]).squeeze(0);

    /// <summary>[B, 1, 1, ...]: one value per sample that broadcasts over an input of this shape.</summary>
    public static long[] PerSampleShape(Tensor like)
    {
        var shape = new long[like.dim()];
        shape[0] = like.shape[0];
        for (int i = 1; i < shape.Length; i++) shape[i] = 1;
        return shape;
    }
}
