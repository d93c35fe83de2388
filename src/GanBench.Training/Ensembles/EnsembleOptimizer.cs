using GanBench.Core.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanBench.Training.Ensembles;

/// <summary>
/// An optimizer over stacked ensemble parameters (member index first) with each member's own
/// settings as [K, 1, 1] tensors: one fused update per stacked tensor, where K separate optimizers
/// would loop over K times as many small tensors. Every update is elementwise, so member k's slice
/// follows exactly the update a lone TorchSharp optimizer with its settings would give it (the
/// formulas are PyTorch's, without weight decay, momentum or amsgrad, which GanBench never sets).
/// Constants are tensors made once: implicitly converted Scalars in a hot loop are what
/// dotnet/TorchSharp#1496 frees too early.
/// </summary>
public abstract class EnsembleOptimizer : IDisposable
{
    private readonly List<Tensor> _owned = [];

    protected IReadOnlyList<Tensor> Parameters { get; }
    protected long Members { get; }

    protected EnsembleOptimizer(IReadOnlyList<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0) throw new ArgumentException("nothing to optimise", nameof(parameters));
        Members = parameters[0].shape[0];
        if (parameters.Any(p => p.dim() != 3 || p.shape[0] != Members))
            throw new ArgumentException("every stacked parameter must be [members, rows, columns]", nameof(parameters));
        Parameters = parameters;
    }

    /// <summary>Builds the optimizer the members' configs name; they must all name the same type.</summary>
    public static EnsembleOptimizer Create(IReadOnlyList<Tensor> parameters, IReadOnlyList<OptimizerConfig> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        string type = members[0].Type;
        if (members.Any(m => m.Type != type))
            throw new ArgumentException($"ensemble members must share their optimizer type; got {string.Join(", ", members.Select(m => m.Type).Distinct())}");
        var lr = members.Select(m => m.Lr).ToList();
        return type switch
        {
            "adam" => new EnsembleAdam(parameters, lr, members.Select(m => m.Beta1).ToList(), members.Select(m => m.Beta2).ToList()),
            "rmsprop" => new EnsembleRmsProp(parameters, lr),
            "sgd" => new EnsembleSgd(parameters, lr),
            _ => throw new ArgumentException($"unknown optimizer '{type}' (valid: adam, rmsprop, sgd)"),
        };
    }

    /// <summary>One value per member, shaped [K, 1, 1] to broadcast over a stacked parameter; owned and disposed by this optimizer.</summary>
    protected Tensor PerMember(IReadOnlyList<double> values)
    {
        if (values.Count != Members)
            throw new ArgumentException($"one setting per member: {Members} members, {values.Count} values");
        return Own(torch.tensor(values.ToArray(), dtype: Parameters[0].dtype, device: Parameters[0].device).reshape(Members, 1, 1));
    }

    protected Tensor Own(Tensor t)
    {
        _owned.Add(t);
        return t;
    }

    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.grad?.zero_();
    }

    /// <summary>Updates taken so far; every member has taken each of them (a lone optimizer counts them per parameter).</summary>
    protected long StepCount { get; private set; }

    public void Step()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        StepCount++;
        BeginStep();
        for (int i = 0; i < Parameters.Count; i++)
            if (Parameters[i].grad is { } g) Update(i, Parameters[i], g);
    }

    protected virtual void BeginStep() { }

    /// <summary>
    /// Writes member <paramref name="member"/>'s state into <paramref name="lone"/>, a TorchSharp optimizer of
    /// the same kind over that member's own network, so that the member's checkpoint is exactly a lone
    /// trial's at this step (and resumes alone or in another ensemble).
    /// </summary>
    public void CopyMemberTo(int member, optim.Optimizer lone)
    {
        using var noGrad = torch.no_grad();
        var states = LoneStates(lone);
        for (int i = 0; i < Parameters.Count; i++) ExportState(i, member, states[i], StepCount);
    }

    /// <summary>
    /// Takes member <paramref name="member"/>'s state from <paramref name="lone"/> (a resumed trial's, or a
    /// fresh one's zeros). Members step together, so they must all have taken the same number of steps.
    /// </summary>
    public void CopyMemberFrom(int member, optim.Optimizer lone)
    {
        using var noGrad = torch.no_grad();
        var states = LoneStates(lone);
        for (int i = 0; i < Parameters.Count; i++)
        {
            long steps = ImportState(i, member, states[i]);
            if (member == 0 && i == 0) StepCount = steps;
            else if (steps != StepCount)
                throw new ArgumentException($"ensemble members' optimizers have taken different numbers of steps ({StepCount} and {steps}); members step together");
        }
    }

    private List<OptimizerState> LoneStates(optim.Optimizer lone)
    {
        var states = (lone as OptimizerHelper ?? throw new NotSupportedException($"optimizer {lone.GetType().Name} exposes no state")).state_dict().State;
        if (states.Count != Parameters.Count)
            throw new ArgumentException($"the lone optimizer has state for {states.Count} parameters, the ensemble stacks {Parameters.Count}");
        return states;
    }

    /// <summary>Writes member's state of stacked parameter <paramref name="index"/> into the lone optimizer's state of that parameter.</summary>
    protected abstract void ExportState(int index, int member, OptimizerState lone, long steps);

    /// <summary>Reads member's state of stacked parameter <paramref name="index"/>; returns the steps the lone optimizer counted for it.</summary>
    protected abstract long ImportState(int index, int member, OptimizerState lone);

    protected static void Export(int index, Tensor stacked, int member, Tensor lone) => lone.copy_(EnsembleMlp.InLoneLayout(index, stacked, member));

    protected static void Import(int index, Tensor stacked, int member, Tensor lone) => EnsembleMlp.InLoneLayout(index, stacked, member).copy_(lone);

    protected static T StateAs<T>(OptimizerState lone) where T : OptimizerState => lone as T
        ?? throw new ArgumentException($"expected a lone optimizer with {typeof(T).FullName}, got {lone.GetType().FullName}");

    /// <summary>Updates stacked parameter <paramref name="index"/> in place from its gradient.</summary>
    protected abstract void Update(int index, Tensor parameter, Tensor gradient);

    public virtual void Dispose()
    {
        foreach (var t in _owned) t.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// Adam: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², p ← p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε),
/// with lr, β₁ and β₂ per member.
/// </summary>
public sealed class EnsembleAdam : EnsembleOptimizer
{
    private readonly List<(Tensor M, Tensor V)> _state = [];
    private readonly Tensor _lr, _beta1, _beta2, _oneMinusBeta1, _oneMinusBeta2, _one, _eps;
    private Tensor? _stepSize, _correction2Sqrt;

    public EnsembleAdam(IReadOnlyList<Tensor> parameters, IReadOnlyList<double> lr, IReadOnlyList<double> beta1, IReadOnlyList<double> beta2, double eps = 1e-8)
        : base(parameters)
    {
        _lr = PerMember(lr);
        _beta1 = PerMember(beta1);
        _beta2 = PerMember(beta2);
        _oneMinusBeta1 = PerMember(beta1.Select(b => 1 - b).ToList());
        _oneMinusBeta2 = PerMember(beta2.Select(b => 1 - b).ToList());
        _one = PerMember(Enumerable.Repeat(1.0, (int)Members).ToList());
        _eps = PerMember(Enumerable.Repeat(eps, (int)Members).ToList());
        foreach (var p in parameters)
            _state.Add((Own(torch.zeros_like(p)), Own(torch.zeros_like(p))));
    }

    protected override void BeginStep()
    {
        _stepSize?.Dispose();
        _correction2Sqrt?.Dispose();
        using var t = torch.tensor((double)StepCount, dtype: _beta1.dtype, device: _beta1.device);
        // Bias corrections per member: two tensor ops where K host pow() calls would each need a transfer.
        _stepSize = (_lr / (_one - _beta1.pow(t))).DetachFromDisposeScope();
        _correction2Sqrt = (_one - _beta2.pow(t)).sqrt().DetachFromDisposeScope();
    }

    protected override void Update(int index, Tensor parameter, Tensor gradient)
    {
        var (m, v) = _state[index];
        m.mul_(_beta1).add_(gradient * _oneMinusBeta1);
        v.mul_(_beta2).add_(gradient * gradient * _oneMinusBeta2);
        var denom = (v.sqrt() / _correction2Sqrt!).add_(_eps);
        parameter.sub_(_stepSize! * m / denom);
    }

    protected override void ExportState(int index, int member, OptimizerState lone, long steps)
    {
        var state = StateAs<Adam.State>(lone);
        state.step = steps;
        Export(index, _state[index].M, member, state.exp_avg);
        Export(index, _state[index].V, member, state.exp_avg_sq);
    }

    protected override long ImportState(int index, int member, OptimizerState lone)
    {
        var state = StateAs<Adam.State>(lone);
        if (state.max_exp_avg_sq is not null) throw new NotSupportedException("ensembles do not implement Adam's amsgrad");
        Import(index, _state[index].M, member, state.exp_avg);
        Import(index, _state[index].V, member, state.exp_avg_sq);
        return state.step;
    }

    public override void Dispose()
    {
        _stepSize?.Dispose();
        _correction2Sqrt?.Dispose();
        base.Dispose();
    }
}

/// <summary>RMSProp as PyTorch's default (α 0.99, ε 1e-8): v ← αv + (1 − α)g², p ← p − lr · g / (√v + ε), lr per member.</summary>
public sealed class EnsembleRmsProp : EnsembleOptimizer
{
    private readonly List<Tensor> _square = [];
    private readonly Tensor _lr, _alpha, _oneMinusAlpha, _eps;

    public EnsembleRmsProp(IReadOnlyList<Tensor> parameters, IReadOnlyList<double> lr, double alpha = 0.99, double eps = 1e-8) : base(parameters)
    {
        _lr = PerMember(lr);
        _alpha = PerMember(Enumerable.Repeat(alpha, (int)Members).ToList());
        _oneMinusAlpha = PerMember(Enumerable.Repeat(1 - alpha, (int)Members).ToList());
        _eps = PerMember(Enumerable.Repeat(eps, (int)Members).ToList());
        foreach (var p in parameters) _square.Add(Own(torch.zeros_like(p)));
    }

    protected override void Update(int index, Tensor parameter, Tensor gradient)
    {
        var v = _square[index];
        v.mul_(_alpha).add_(gradient * gradient * _oneMinusAlpha);
        parameter.sub_(_lr * gradient / v.sqrt().add_(_eps));
    }

    protected override void ExportState(int index, int member, OptimizerState lone, long steps)
    {
        var state = StateAs<RMSProp.State>(lone);
        state.step = steps;
        Export(index, _square[index], member, state.square_avg);
    }

    protected override long ImportState(int index, int member, OptimizerState lone)
    {
        // Its momentum buffer and centred average exist (as zeros) but are unused: GanBench sets neither option.
        var state = StateAs<RMSProp.State>(lone);
        Import(index, _square[index], member, state.square_avg);
        return state.step;
    }
}

/// <summary>Plain SGD: p ← p − lr · g, lr per member.</summary>
public sealed class EnsembleSgd : EnsembleOptimizer
{
    private readonly Tensor _lr;

    public EnsembleSgd(IReadOnlyList<Tensor> parameters, IReadOnlyList<double> lr) : base(parameters) => _lr = PerMember(lr);

    protected override void Update(int index, Tensor parameter, Tensor gradient) => parameter.sub_(_lr * gradient);

    // Without momentum (GanBench never sets it) SGD keeps no state and does not count its steps.
    protected override void ExportState(int index, int member, OptimizerState lone, long steps) => StateAs<SGD.State>(lone);

    protected override long ImportState(int index, int member, OptimizerState lone)
    {
        StateAs<SGD.State>(lone);
        return StepCount;
    }
}
