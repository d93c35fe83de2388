using GanBench.Core.Config;
using GanBench.Training.Models;
using GanBench.Training.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Training;

/// <summary>
/// eval.critic_refit: at an evaluation, a fresh critic trained for the frozen generator under the arm's
/// objective and constraint, whose gap is read next to exact W1 on the same samples. The training critic
/// lags a moving generator, so its gap mixes distance with lag; this one answers for the generator alone.
/// </summary>
public sealed partial class GanTrial
{
    /// <summary>The refit critic's Adam betas: WGAN-GP's, which the arms' default optimizer shares.</summary>
    private const double RefitBeta1 = 0.5, RefitBeta2 = 0.9;
    /// <summary>Refit steps between checks of the trial's time budget.</summary>
    private const int RefitBudgetCheckEvery = 50;

    /// <summary>The refit at an evaluation: batches of fresh real data and of the frozen generator's samples,
    /// the gap read on the evaluation's held-out real sample and <paramref name="evalFake"/>.</summary>
    private double RefitCriticGap(CriticRefitConfig refit, Tensor evalFake, CancellationToken budget)
    {
        int batch = _trial.Train.BatchSize;
        return RefitCriticGap(refit, random =>
        {
            var real = _data.Sample(batch, random);
            using var noGrad = torch.no_grad();
            return (real, Generate(torch.randn([batch, _trial.Model.LatentDim], device: _device, generator: random)));
        }, _evalReal, evalFake, budget);
    }

    /// <summary>
    /// Trains a fresh critic of the trial's architecture for <c>refit.Steps</c> steps with its own Adam, on
    /// the batches <paramref name="batches"/> draws from the refit's own random stream, under the arm's loss,
    /// penalty, clipping and instance noise; returns mean D(<paramref name="real"/>) − mean D(<paramref name="fake"/>).
    /// Nothing the trial trains or evaluates with is read or advanced: the critic's initial weights and
    /// the stream come from the seed's <see cref="SeedStreams.CriticRefit"/> stream, and the global
    /// generator module initialisation draws from is restored afterwards. The same seed gives the same
    /// fresh critic at every evaluation, so refit gaps differ across steps only because the generator did.
    /// </summary>
    /// <param name="batches">One training batch (real, fake) per call, drawn from the stream it is given; the
    /// fakes must carry no graph into the generator.</param>
    public double RefitCriticGap(CriticRefitConfig refit, Func<torch.Generator, (Tensor Real, Tensor Fake)> batches, Tensor real, Tensor fake, CancellationToken budget = default)
    {
        ArgumentNullException.ThrowIfNull(refit);
        ArgumentNullException.ThrowIfNull(batches);
        using var scope = torch.NewDisposeScope();
        using var critic = CreateRefitCritic();
        using var optimizer = CreateOptimizer(critic, new OptimizerConfig { Type = "adam", Lr = refit.Lr, Beta1 = RefitBeta1, Beta2 = RefitBeta2 });
        using var random = new torch.Generator(SeedStreams.Derive(_trial.Seed, SeedStreams.CriticRefit), _device);
        for (int step = 0; step < refit.Steps; step++)
        {
            if (step % RefitBudgetCheckEvery == 0) budget.ThrowIfCancellationRequested();
            using var stepScope = torch.NewDisposeScope();
            var (realBatch, fakeBatch) = batches(random);
            var loss = CriticUpdate(critic, optimizer, realBatch, fakeBatch, random);
            // Reading the loss waits for the device; a non-finite loss poisons the weights for good, so a
            // check at the budget checks and the last step finds it without a sync on every step.
            bool check = (step + 1) % RefitBudgetCheckEvery == 0 || step == refit.Steps - 1;
            if (check && !float.IsFinite(loss.item<float>()))
                throw new NonFiniteException($"the refit critic's loss is not finite by refit step {step + 1}");
        }
        // Read like the training critic's gap: in inference mode, without gradients.
        critic.eval();
        using var noGrad = torch.no_grad();
        return (LogitsOf(critic, real).mean() - LogitsOf(critic, fake).mean()).item<float>();
    }

    /// <summary>A critic like the training critic's at initialisation, but from the refit's own seed; the
    /// global generator is restored so that nothing drawn from it later can tell the refit ran.</summary>
    private GanNetwork CreateRefitCritic()
    {
        GanNetwork critic;
        lock (TorchHost.InitGate)
        {
            using var saved = torch.random.get_rng_state();
            torch.manual_seed((long)SeedStreams.Derive(_trial.Seed, SeedStreams.CriticRefit));
            critic = GanNetwork.CreateCritic(_trial.Model, _trial.Dataset);
            torch.random.set_rng_state(saved);
        }
        critic.to(_device);
        return critic;
    }
}
