using GanBench.Abstractions;
using GanBench.Core.Config;
using GanBench.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Training;

/// <summary>The training steps: instance noise, the critic and generator losses, weight clipping, the optimisers.</summary>
public sealed partial class GanTrial
{
    private static optim.Optimizer CreateOptimizer(GanNetwork module, OptimizerConfig config) => config.Type switch
    {
        "adam" => optim.Adam(module.parameters(), config.Lr, config.Beta1, config.Beta2),
        "rmsprop" => optim.RMSProp(module.parameters(), config.Lr),
        "sgd" => optim.SGD(module.parameters(), config.Lr),
        _ => throw new ArgumentException($"unknown optimizer '{config.Type}' (valid: adam, rmsprop, sgd)"),
    };

    private Tensor AddInstanceNoise(Tensor x, Generator random)
    {
        double sigma = NoiseSigma;
        if (!(sigma > 0)) return x;
        using var scale = sigma.ToScalar(); // explicit, for the reason given at ClipCritic
        return x + torch.randn(x.shape, dtype: x.dtype, device: x.device, generator: random).mul(scale);
    }

    private Tensor CriticLossOn(Tensor real, Tensor fake, Generator random) => CriticLossOn(Critic, real, fake, random);

    /// <summary>The arm's critic loss (objective, penalty with its weight, instance noise) for any critic of
    /// the trial's architecture: the training critic, or the critic refit at an evaluation.</summary>
    private Tensor CriticLossOn(GanNetwork critic, Tensor real, Tensor fake, Generator random)
    {
        Tensor Logits(Tensor x) => LogitsOf(critic, x);
        var realIn = AddInstanceNoise(real, random);
        var fakeIn = AddInstanceNoise(fake, random);
        var loss = Scalar(_objective.CriticLoss(Logits(realIn), Logits(fakeIn)), $"objective '{_objective.Name}'", "CriticLoss");
        if (_trial.Loss.PenaltyActive)
        {
            using var weight = _trial.Loss.PenaltyWeight.ToScalar(); // explicit, for the reason given at ClipCritic
            loss = loss + Scalar(_penalty.Compute(new PenaltyContext(Logits, realIn, fakeIn, random, _penaltyParameters)), $"penalty '{_penalty.Name}'", "Compute").mul(weight);
        }
        return loss;
    }

    private Tensor GeneratorLossOn(Tensor real, Tensor fake, Generator random)
    {
        Tensor? realLogits = _objective.GeneratorUsesRealLogits ? CriticLogits(AddInstanceNoise(real, random)) : null;
        return Scalar(_objective.GeneratorLoss(realLogits, CriticLogits(AddInstanceNoise(fake, random))), $"objective '{_objective.Name}'", "GeneratorLoss");
    }

    /// <summary>backward() on a batch of losses is a native error with a C++ backtrace; say what is wrong instead.</summary>
    private static Tensor Scalar(Tensor value, string component, string method) => value.dim() == 0 ? value
        : throw new InvalidOperationException($"{component}: {method} returned a tensor of shape [{string.Join(", ", value.shape)}]; it must return a scalar (reduce the batch, e.g. with .mean())");

    /// <summary>One critic update; returns its loss (host value).</summary>
    public double CriticStep()
    {
        using var scope = torch.NewDisposeScope();
        var real = DrawReal();
        Tensor fake;
        using (torch.no_grad())
            fake = _fixedFakeStd is double fixedStd ? FixedFake(_trial.Train.BatchSize, fixedStd, _trainRandom) : Generate(DrawLatents());
        return CriticUpdate(Critic, _criticOptimizer, real, fake, _trainRandom).item<float>();
    }

    /// <summary>One step of <paramref name="critic"/> on one batch under the arm's loss and constraint
    /// (clipping with its mode); returns the loss tensor.</summary>
    private Tensor CriticUpdate(GanNetwork critic, optim.Optimizer optimizer, Tensor real, Tensor fake, Generator random)
    {
        // Clipping after the step (WGAN) leaves every weight inside [−c, c] between steps; clipping
        // before it lets the step move them out again, so the loss is always computed from
        // clipped weights but the bound holds only at that moment.
        bool clipBefore = _trial.Loss.ClipMode == "before";
        if (clipBefore && _trial.Loss.Clip is double cb)
            ClipCritic(critic, cb);
        optimizer.zero_grad();
        var loss = CriticLossOn(critic, real, fake, random);
        loss.backward();
        optimizer.step();
        if (!clipBefore && _trial.Loss.Clip is double c)
            ClipCritic(critic, c);
        return loss;
    }

    /// <remarks>
    /// The bounds are explicit Scalars held until every clamp has returned. Implicitly converted
    /// Scalars (clamp_(-c, c)) are freed by their finalizers, which can run while libtorch still
    /// reads them: one flagship trial with clip 0.001 failed that way ("Unknown scalar type") after
    /// 824 steps, in a worker, not reproducibly (TorchSharp PR #1496 tracks implicit Scalars).
    /// Clipping is the hottest place for it: two Scalars per parameter per critic step.
    /// </remarks>
    private static void ClipCritic(GanNetwork critic, double c)
    {
        using var noGrad = torch.no_grad();
        using var low = (-c).ToScalar();
        using var high = c.ToScalar();
        foreach (var p in critic.parameters())
            p.clamp_(low, high);
    }

    /// <summary>One generator update; returns its loss (host value).</summary>
    public double GeneratorStep()
    {
        using var scope = torch.NewDisposeScope();
        var real = _objective.GeneratorUsesRealLogits ? DrawReal() : torch.empty(0, device: _device);
        var fake = Generate(DrawLatents());
        _generatorOptimizer.zero_grad();
        var loss = GeneratorLossOn(real, fake, _trainRandom);
        loss.backward();
        _generatorOptimizer.step();
        Iteration++;
        return loss.item<float>();
    }
}
