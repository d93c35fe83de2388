using GanBench.Core.Claims;

namespace GanBench.Core.Tests.Claims;

/// <summary>Claim 2's four outcomes; a seed counts only when its σ = 0 critic is confident and its gradient collapsed.</summary>
public class Claim2PremiseTests
{
    /// <summary>Per seed a σ = 0 trial (peak norm 1 while unconfident) and three noisy trials.</summary>
    private static List<NoiseTrialEnd> Noise(double baseNorm, double noisyNorm, double baseFake = 1e-5, double peak = 1, int seeds = 3) =>
        Enumerable.Range(0, seeds).SelectMany(s => new[]
        {
            new NoiseTrialEnd(0, s, baseNorm, baseFake, peak),
            new NoiseTrialEnd(0.05, s, noisyNorm, 0.3, noisyNorm), new NoiseTrialEnd(0.2, s, noisyNorm, 0.4, noisyNorm), new NoiseTrialEnd(0.5, s, noisyNorm, 0.45, noisyNorm),
        }).ToList();

    [Fact]
    public void Holds_when_noise_keeps_100x_the_collapsed_gradient() =>
        Assert.Equal(Verdict.Holds, InstanceNoiseClaim.Evaluate(Noise(4e-7, 1.1)).Verdict);

    [Fact]
    public void Does_not_hold_when_noise_leaves_a_collapsed_gradient_collapsed()
    {
        var r = InstanceNoiseClaim.Evaluate(Noise(1e-3, 2e-3));
        Assert.Equal(Verdict.DoesNotHold, r.Verdict);
        Assert.DoesNotContain("premise not met", r.Reason);
    }

    [Fact]
    public void Ratios_between_10x_and_100x_are_inconclusive_not_a_failure()
    {
        var r = InstanceNoiseClaim.Evaluate(Noise(1e-3, 3e-2));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("between 10× and 100×", r.Reason);
    }

    [Fact]
    public void Premise_not_met_when_the_noiseless_critic_is_not_confident()
    {
        var r = InstanceNoiseClaim.Evaluate(Noise(4e-7, 1.1, baseFake: 0.2));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("premise not met: seed 0: the σ = 0 critic did not end confident", r.Reason);
    }

    [Fact]
    public void Premise_not_met_when_the_noiseless_gradient_never_collapsed()
    {
        // Confident (2e-4) but the norm only fell from 1 to 0.27: nothing for noise to restore.
        var r = InstanceNoiseClaim.Evaluate(Noise(0.27, 0.5, baseFake: 2e-4));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("seed 2: the σ = 0 generator gradient never collapsed (final norm 0.27", r.Reason);
    }

    /// <summary>The latent_dim 1 case: seeds 0 and 1 collapse and noise restores ×8e5 and ×2e6; seed 2's
    /// confident critic left a 0.27 norm. Seed 2 must not turn this into "does not hold" or "seeds disagree".</summary>
    [Fact]
    public void A_seed_whose_gradient_never_collapsed_counts_neither_for_nor_against()
    {
        var trials = new List<NoiseTrialEnd>
        {
            new(0, 0, 1e-6, 1e-6, 0.9), new(0.05, 0, 0.8, 0.3, 0.8),
            new(0, 1, 5e-7, 1e-6, 1.2), new(0.05, 1, 1.0, 0.3, 1.0),
            new(0, 2, 0.27, 2e-4, 1.1), new(0.05, 2, 0.5, 0.3, 0.5),
        };
        var r = InstanceNoiseClaim.Evaluate(trials);
        Assert.Equal(Verdict.Holds, r.Verdict);
        Assert.Contains("eligible seed(s) (0, 1)", r.Reason);
        Assert.Contains("premise not met: seed 2: the σ = 0 generator gradient never collapsed", r.Reason);
    }

    [Fact]
    public void No_trials_or_no_noisy_trial_is_premise_not_met()
    {
        Assert.StartsWith("premise not met: no σ = 0 trials", InstanceNoiseClaim.Evaluate([]).Reason);
        var r = InstanceNoiseClaim.Evaluate([new NoiseTrialEnd(0, 0, 1e-7, 1e-5, 1)]);
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("seed 0: no σ > 0 trial", r.Reason);
    }

    [Fact]
    public void The_collapse_is_measured_from_the_peak_while_the_critic_was_unconfident()
    {
        var series = new FrozenSeries(4, [new(0, 0.5, 0.3, 1), new(1, 0.05, 2.0, 1), new(2, 1e-3, 0.1, 1), new(3, 1e-4, 1e-3, 1)]);
        var end = NoiseTrialEnd.FromSeries(0, series)!;
        Assert.Equal(2.0, end.UnconfidentMinimaxNorm);
        Assert.Equal(2000, end.Collapse, 6);
        Assert.Null(NoiseTrialEnd.FromSeries(0, new FrozenSeries(4, [])));
    }
}
