using GanBench.Abstractions;
using GanBench.Training.Models;
using GanBench.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Ensembles;

/// <summary>
/// The training steps of K member trials as one batched model: both networks stacked
/// (<see cref="EnsembleMlp"/>), one fused optimizer per network, and losses kept per member
/// ([K, B] logits → [K] losses) so that Σₖ lossₖ back-propagates into member k's slice exactly
/// lossₖ's gradient: members share tensors, never terms. Each member draws its batches, latents,
/// instance noise and penalty coefficients from its own stream in the order it draws them alone
/// (<see cref="GanTrial"/>'s DrawReal, DrawLatents, WithInstanceNoise), and keeps its own learning
/// rate, betas, penalty weight, clip bound and noise σ. Members share the objective, the penalty
/// with its options, the clip mode and the architecture (<see cref="EnsemblePlanner"/> groups them so).
/// </summary>
public sealed class EnsembleModel : IDisposable
{
    private readonly IReadOnlyList<GanTrial> _members;
    private readonly IObjective _objective;
    private readonly IEnsemblePenalty? _penalty;
    private readonly Tensor? _penaltyWeight;
    private readonly Tensor? _clipLow, _clipHigh;
    private readonly bool _clipBefore;
    private readonly IReadOnlyList<Generator?> _randoms;

    public EnsembleMlp Generator { get; }
    public EnsembleMlp Critic { get; }
    public EnsembleOptimizer GeneratorOptimizer { get; }
    public EnsembleOptimizer CriticOptimizer { get; }

    /// <summary>Stacks the members' networks and optimizer state as they are now: freshly built, each from its
    /// own seed, or resumed from a checkpoint (all at one step).</summary>
    public EnsembleModel(IReadOnlyList<GanTrial> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("an ensemble needs at least one member", nameof(members));
        _members = members;
        var first = members[0];
        _objective = first.Objective;
        _randoms = members.Select(m => (Generator?)m.TrainRandom).ToList();
        if (members.Any(m => m.Spec.Loss.PenaltyActive != first.Spec.Loss.PenaltyActive))
            throw new ArgumentException("ensemble members must all use their penalty, or none of them");
        if (first.Spec.Loss.PenaltyActive)
        {
            _penalty = first.Penalty as IEnsemblePenalty
                ?? throw new ArgumentException($"penalty '{first.Penalty.Name}' cannot be computed for several members at once (it does not implement IEnsemblePenalty)");
            _penaltyWeight = PerMember(m => m.Spec.Loss.PenaltyWeight, [members.Count]);
        }
        if (members.Any(m => (m.Spec.Loss.Clip is null) != (first.Spec.Loss.Clip is null) || m.Spec.Loss.ClipMode != first.Spec.Loss.ClipMode))
            throw new ArgumentException("ensemble members must all be clipped the same way, or none of them");
        if (first.Spec.Loss.Clip is not null)
        {
            _clipHigh = PerMember(m => m.Spec.Loss.Clip!.Value, [members.Count, 1, 1]);
            _clipLow = _clipHigh.neg();
            _clipBefore = first.Spec.Loss.ClipMode == "before";
        }
        Generator = new EnsembleMlp("generator", members.Select(m => AsMlp(m.Generator)).ToList());
        Critic = new EnsembleMlp("critic", members.Select(m => AsMlp(m.Critic)).ToList());
        var optimizers = members.Select(m => m.Spec.Train.Optimizer).ToList();
        GeneratorOptimizer = EnsembleOptimizer.Create(Generator.Stacked.Cast<Tensor>().ToList(), optimizers);
        CriticOptimizer = EnsembleOptimizer.Create(Critic.Stacked.Cast<Tensor>().ToList(), optimizers);
        for (int k = 0; k < members.Count; k++)
        {
            GeneratorOptimizer.CopyMemberFrom(k, members[k].GeneratorOptimizer);
            CriticOptimizer.CopyMemberFrom(k, members[k].CriticOptimizer);
        }
    }

    private static Mlp AsMlp(GanNetwork network) => network as Mlp
        ?? throw new ArgumentException($"ensembles stack MLPs; got {network.GetType().Name}");

    private Tensor PerMember(Func<GanTrial, double> value, long[] shape)
    {
        var device = _members[0].Generator.parameters().First().device;
        return torch.tensor(_members.Select(value).ToArray(), dtype: ScalarType.Float32, device: device).reshape(shape);
    }

    public int Members => _members.Count;

    /// <summary>[K, B, …] → [K, B] logits; member k reads only row k.</summary>
    private Tensor Logits(Tensor x) => Critic.forward(x).squeeze(-1);

    private Tensor Stack(Func<int, Tensor> perMember) => torch.stack(Enumerable.Range(0, _members.Count).Select(perMember));

    /// <summary>One critic update of every member; returns the members' losses [K] (detached, outside any dispose scope).</summary>
    public Tensor CriticStep()
    {
        using var scope = torch.NewDisposeScope();
        // Clipping before the step leaves the loss computed from clipped weights; after it, the bound holds between steps (see GanTrial.CriticUpdate).
        if (_clipBefore) Clip();
        var real = new Tensor[_members.Count];
        var latents = new Tensor[_members.Count];
        for (int k = 0; k < _members.Count; k++)
        {
            real[k] = _members[k].DrawReal();
            latents[k] = _members[k].DrawLatents();
        }
        Tensor fake;
        using (torch.no_grad())
            fake = Generator.forward(torch.stack(latents));
        var realIn = Stack(k => _members[k].WithInstanceNoise(real[k]));
        var fakeIn = Stack(k => _members[k].WithInstanceNoise(fake[k]));
        CriticOptimizer.ZeroGrad();
        var loss = CriticLoss(realIn, fakeIn);
        loss.sum().backward();
        CriticOptimizer.Step();
        if (!_clipBefore && _clipHigh is not null) Clip();
        return loss.detach().MoveToOuterDisposeScope();
    }

    /// <summary>Each member's critic loss: objective on its own logits, plus its weight times its penalty.</summary>
    private Tensor CriticLoss(Tensor realIn, Tensor fakeIn)
    {
        var realLogits = Logits(realIn);
        var fakeLogits = Logits(fakeIn);
        var loss = Stack(k => _objective.CriticLoss(realLogits[k], fakeLogits[k]));
        if (_penalty is not null)
            loss = loss + _penaltyWeight! * _penalty.ComputeMembers(new EnsemblePenaltyContext(Logits, realIn, fakeIn, _randoms, _members[0].PenaltyParameters));
        return loss;
    }

    private void Clip()
    {
        using var noGrad = torch.no_grad();
        foreach (var p in Critic.Stacked)
            p.copy_(torch.minimum(torch.maximum(p, _clipLow!), _clipHigh!));
    }

    /// <summary>One generator update of every member; returns the members' losses [K] (detached, outside any dispose scope).</summary>
    public Tensor GeneratorStep()
    {
        using var scope = torch.NewDisposeScope();
        bool usesReal = _objective.GeneratorUsesRealLogits;
        var real = new Tensor?[_members.Count];
        var latents = new Tensor[_members.Count];
        for (int k = 0; k < _members.Count; k++)
        {
            real[k] = usesReal ? _members[k].DrawReal() : null;
            latents[k] = _members[k].DrawLatents();
        }
        var fake = Generator.forward(torch.stack(latents));
        var realLogits = usesReal ? Logits(Stack(k => _members[k].WithInstanceNoise(real[k]!))) : null;
        var fakeLogits = Logits(Stack(k => _members[k].WithInstanceNoise(fake[k])));
        GeneratorOptimizer.ZeroGrad();
        var loss = Stack(k => _objective.GeneratorLoss(realLogits?[k], fakeLogits[k]));
        loss.sum().backward();
        GeneratorOptimizer.Step();
        foreach (var member in _members) member.Iteration++;
        return loss.detach().MoveToOuterDisposeScope();
    }

    /// <summary>Writes member <paramref name="member"/>'s current weights into its own trial's networks (for its evaluation).</summary>
    public void CopyToMember(int member)
    {
        Generator.CopyMemberTo(member, AsMlp(_members[member].Generator));
        Critic.CopyMemberTo(member, AsMlp(_members[member].Critic));
    }

    /// <summary>Writes member <paramref name="member"/>'s weights and optimizer state into its own trial, which then
    /// holds what the same trial trained alone holds at this step: its checkpoint is a lone trial's.</summary>
    public void CopyStateToMember(int member)
    {
        CopyToMember(member);
        GeneratorOptimizer.CopyMemberTo(member, _members[member].GeneratorOptimizer);
        CriticOptimizer.CopyMemberTo(member, _members[member].CriticOptimizer);
    }

    public void Dispose()
    {
        GeneratorOptimizer.Dispose();
        CriticOptimizer.Dispose();
        Generator.Dispose();
        Critic.Dispose();
        _penaltyWeight?.Dispose();
        _clipLow?.Dispose();
        _clipHigh?.Dispose();
    }
}
