using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Ensembles;

/// <summary>
/// Adam over stacked ensemble parameters (member index first), with each member's own learning rate and
/// betas as [K, 1, 1] tensors: one fused update per stacked tensor, where K separate optimisers would
/// loop over K times as many small tensors in managed code. The update is PyTorch's (torch.optim.Adam
/// without weight decay or amsgrad): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², and
/// p ← p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε); Adam is elementwise, so member k's slice follows
/// exactly the update a lone optimizer would give it.
/// </summary>
public sealed class EnsembleAdam : IDisposable
{
    private readonly IReadOnlyList<Tensor> _parameters;
    private readonly List<(Tensor M, Tensor V)> _state = [];
    private readonly Tensor _lr, _beta1, _beta2;
    private readonly double _eps;
    private int _step;

    public EnsembleAdam(IReadOnlyList<Tensor> parameters, IReadOnlyList<double> lr, IReadOnlyList<double> beta1, IReadOnlyList<double> beta2, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0) throw new ArgumentException("nothing to optimise", nameof(parameters));
        long members = parameters[0].shape[0];
        if (lr.Count != members || beta1.Count != members || beta2.Count != members)
            throw new ArgumentException($"one learning rate and one pair of betas per member: {members} members, {lr.Count} learning rates, {beta1.Count}/{beta2.Count} betas");
        if (parameters.Any(p => p.dim() != 3 || p.shape[0] != members))
            throw new ArgumentException("every stacked parameter must be [members, rows, columns]", nameof(parameters));
        _parameters = parameters;
        var device = parameters[0].device;
        var dtype = parameters[0].dtype;
        Tensor PerMember(IReadOnlyList<double> v) => torch.tensor(v.ToArray(), dtype: dtype, device: device).reshape(members, 1, 1);
        _lr = PerMember(lr);
        _beta1 = PerMember(beta1);
        _beta2 = PerMember(beta2);
        _eps = eps;
        foreach (var p in parameters)
            _state.Add((torch.zeros_like(p), torch.zeros_like(p)));
    }

    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.grad?.zero_();
    }

    public void Step()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        _step++;
        // Bias corrections per member, computed in double on the host would need K pow() calls; as tensors they are two ops.
        var stepSize = _lr / (1 - _beta1.pow(_step));
        var correction2Sqrt = (1 - _beta2.pow(_step)).sqrt();
        for (int i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            if (p.grad is not { } g) continue;
            var (m, v) = _state[i];
            m.mul_(_beta1).add_(g * (1 - _beta1));
            v.mul_(_beta2).add_(g * g * (1 - _beta2));
            var denom = (v.sqrt() / correction2Sqrt).add_(_eps);
            p.sub_(stepSize * m / denom);
        }
    }

    public void Dispose()
    {
        foreach (var (m, v) in _state) { m.Dispose(); v.Dispose(); }
        _lr.Dispose();
        _beta1.Dispose();
        _beta2.Dispose();
    }
}
