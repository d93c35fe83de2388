using GanBench.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanBench.Training.Ensembles;

/// <summary>
/// K ReLU MLPs of one architecture as one module: layer l's weights are one [K, in, out] tensor and its
/// biases one [K, 1, out] tensor, so a forward pass over all members is one batched matmul per layer
/// (baddbmm) instead of K small ones. Tiny MLPs are bound by per-operation overhead, not arithmetic,
/// so K members cost little more than one. Member k computes exactly what <see cref="Mlp"/> computes
/// with member k's weights; it is built from K such networks, so each keeps its own initialisation.
/// </summary>
public sealed class EnsembleMlp : Module<Tensor, Tensor>
{
    private readonly List<Parameter> _weights = [];
    private readonly List<Parameter> _biases = [];

    public int Members { get; }

    /// <summary>Stacks <paramref name="members"/>' weights; they must share their layer shapes and live on one device.</summary>
    public EnsembleMlp(string name, IReadOnlyList<Mlp> members) : base(name)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("an ensemble needs at least one member", nameof(members));
        Members = members.Count;
        int layers = members[0].Layers.Count;
        if (members.Any(m => m.Layers.Count != layers))
            throw new ArgumentException("ensemble members must have the same number of layers", nameof(members));
        using var noGrad = torch.no_grad();
        for (int l = 0; l < layers; l++)
        {
            var shape = members[0].Layers[l].weight!.shape;
            if (members.Any(m => !m.Layers[l].weight!.shape.SequenceEqual(shape)))
                throw new ArgumentException($"ensemble members differ in the shape of layer {l}", nameof(members));
            var weight = torch.stack(members.Select(m => InStackedLayout(2 * l, m.Layers[l].weight!.detach()))).contiguous();
            var bias = torch.stack(members.Select(m => InStackedLayout(2 * l + 1, m.Layers[l].bias!.detach()))).contiguous();
            var w = new Parameter(weight);
            var b = new Parameter(bias);
            register_parameter($"weight{l}", w);
            register_parameter($"bias{l}", b);
            _weights.Add(w);
            _biases.Add(b);
        }
    }

    /// <summary>The stacked parameters, layer by layer (weight, then bias), each with the member index first:
    /// the order of a lone <see cref="Mlp"/>'s parameters(), and so of its optimizer's state.</summary>
    public IReadOnlyList<Parameter> Stacked => _weights.Zip(_biases).SelectMany(p => new[] { p.First, p.Second }).ToList();

    // Linear stores its weight as [out, in] and computes x·Wᵀ + b; stacked as [K, in, out] (and the bias as
    // [K, 1, out]), x·W + b is one baddbmm. These two views are the only place that layout is spelled out:
    // weights, optimizer moments and checkpoints all cross between a member and its lone network through them.

    /// <summary>Member <paramref name="member"/>'s slice of a tensor shaped like Stacked[<paramref name="index"/>], in the lone Linear's layout (a view).</summary>
    public static Tensor InLoneLayout(int index, Tensor stacked, int member) =>
        index % 2 == 0 ? stacked[member].t() : stacked[member].squeeze(0);

    /// <summary>A lone Linear's tensor (its weight or bias, or an optimizer moment of it) as one member's slice of Stacked[<paramref name="index"/>] (a view).</summary>
    public static Tensor InStackedLayout(int index, Tensor lone) =>
        index % 2 == 0 ? lone.t() : lone.unsqueeze(0);

    /// <summary>Input [K, B, in] (member k's batch in row k), output [K, B, out].</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 3 || input.shape[0] != Members)
            throw new ArgumentException($"expected input [members={Members}, batch, features], got [{string.Join(", ", input.shape)}]", nameof(input));
        var x = input;
        for (int l = 0; l < _weights.Count - 1; l++)
            x = functional.relu(Affine(x, l));
        return Affine(x, _weights.Count - 1);
    }

    // TorchSharp's instance baddbmm is batch1.baddbmm(batch2, mat) = mat + batch1·batch2 (libtorch's
    // mat.baddbmm(batch1, batch2)); its static torch.baddbmm(a, b, c) passes a as batch1, not as the addend.
    private Tensor Affine(Tensor x, int layer) => x.baddbmm(_weights[layer], _biases[layer]);

    /// <summary>Writes member <paramref name="member"/>'s weights into <paramref name="target"/>, an <see cref="Mlp"/> of
    /// the same architecture (for a checkpoint, an evaluation or a comparison with a trial run alone).</summary>
    public void CopyMemberTo(int member, Mlp target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var noGrad = torch.no_grad();
        var stacked = Stacked;
        var lone = target.parameters().ToList();
        for (int i = 0; i < stacked.Count; i++)
            lone[i].copy_(InLoneLayout(i, stacked[i], member));
    }
}
