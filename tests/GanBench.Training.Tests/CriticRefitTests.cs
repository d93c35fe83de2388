using GanBench.Core.Config;
using GanBench.Core.Datasets;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Schedules;
using GanBench.Training.Sweep;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Training.Tests;

/// <summary>
/// eval.critic_refit: the refit critic against point masses whose W1 is known exactly, and a standard
/// trial whose training and other metrics do not notice the refit ran.
/// </summary>
public class CriticRefitTests
{
    private static readonly ComponentRegistry Components = ComponentRegistry.CreateBuiltin();

    /// <summary>A 1-D dataset, so the critic takes one input; the refit below is handed its batches directly.</summary>
    private static readonly DatasetSpec Line = new() { Name = "line", Type = "mixture", Means = [[0.0]], Std = 1e-3, Scale = 1.0 };

    private static readonly LossSetup Wgan = new() { Written = "wgan", Objective = "wasserstein", Clip = 0.01 };
    private static readonly LossSetup WganGp = new() { Written = "wgan_gp", Objective = "wasserstein", Penalty = "gp", PenaltyWeight = 10 };

    /// <summary>Separations d of the point masses δ₀ (real) and δ_d (fake); W1 = d exactly.</summary>
    private static readonly double[] Separations = [0.25, 0.5, 1.0, 2.0];

    /// <summary>The refit's gap between δ₀ and δ_d: every training batch and the read-out are the two point masses.</summary>
    private static double PointMassGap(LossSetup loss, double d, int steps = 500)
    {
        var trial = TestTrials.Tiny(loss, dataset: Line);
        var (objective, penalty) = Components.For(trial);
        using var gan = new GanTrial(trial, torch.CPU, objective, penalty);
        int batch = trial.Train.BatchSize;
        using var real = torch.zeros(200, 1);
        using var fake = torch.full(200, 1, d);
        return gan.RefitCriticGap(new CriticRefitConfig { Steps = steps, Lr = 1e-3 },
            _ => (torch.zeros(batch, 1), torch.full(batch, 1, d)), real, fake);
    }

    private static int[] Ranks(IReadOnlyList<double> values) =>
        [.. values.Select(v => values.Count(other => other < v))];

    [Fact]
    public void A_converged_clipped_critic_s_gap_ranks_point_mass_separations_like_W1_within_its_Lipschitz_bound()
    {
        var gaps = Separations.Select(d => PointMassGap(Wgan, d)).ToList();
        // Spearman 1: with distinct values, equal ranks.
        Assert.Equal(Ranks(Separations), Ranks(gaps));
        // The scale is the clip's: an MLP 1 → 16 → 16 → 1 with every weight in [−c, c] has slope at most
        // (c·1)(c·16)(c·16) = 256c³, so gap ≤ 256c³·d; a critic trained without the clip would pass it by
        // orders of magnitude. Adam settles on a local optimum about a quarter of the way there (measured:
        // 0.246–0.273 of the bound at 500 and at 2000 steps alike).
        double bound = 256 * Math.Pow(0.01, 3);
        for (int i = 0; i < Separations.Length; i++)
            Assert.InRange(gaps[i] / (bound * Separations[i]), 0.2, 1.0 + 1e-3);
        // Converged: twice the steps move the gap by less than 1%.
        Assert.InRange(PointMassGap(Wgan, 1.0, steps: 1000) / gaps[2], 0.99, 1.01);
    }

    [Fact]
    public void A_converged_gradient_penalty_critic_s_gap_approximates_W1_itself_at_the_penalised_optimum()
    {
        const double lambda = 10;
        foreach (var d in Separations)
        {
            double gap = PointMassGap(WganGp, d);
            // Within 15% of W1: the penalised critic is close to 1-Lipschitz along the segment.
            Assert.InRange(gap, 0.85 * d, 1.15 * d);
            // And at the penalised optimum itself: slope 1 + d/(2λ) along the segment maximises
            // gap − λ·E(‖∇D‖ − 1)², so gap = d + d²/(2λ), 10% above W1 at d = 2 (measured within 0.4%).
            Assert.InRange(gap / (d + d * d / (2 * lambda)), 0.97, 1.03);
        }
    }

    private static TrialSpec StandardTrial(LossSetup loss, CriticRefitConfig? refit)
    {
        var trial = TestTrials.Tiny(loss, iterations: 20);
        return trial with { Eval = trial.Eval with { CriticRefit = refit } };
    }

    private static TrialOutcome Run(TrialSpec trial) => new TrialTrainer(Components).Run(trial, torch.CPU);

    public static TheoryData<string> Arms => new() { "wgan", "wgan_gp_noise" };

    [Theory]
    [MemberData(nameof(Arms))]
    public void A_standard_trial_records_the_refit_gap_at_every_evaluation_and_trains_bit_identically(string arm)
    {
        var loss = arm == "wgan" ? Wgan : WganGp with { InstanceNoise = 0.1, InstanceNoiseSchedule = "linear" };
        var off = Run(StandardTrial(loss, null));
        var on = Run(StandardTrial(loss, new CriticRefitConfig { Steps = 30, Lr = 1e-3 }));
        Assert.Equal(TrialStatus.Ok, on.Status);
        Assert.Equal([0, 10, 20], on.Curve.Select(e => e.Step));
        Assert.Equal(off.Curve.Select(e => e.Step), on.Curve.Select(e => e.Step));
        for (int i = 0; i < on.Curve.Count; i++)
        {
            Assert.True(on.Curve[i].Metrics["critic_refit_gap"] is double g && double.IsFinite(g));
            Assert.False(off.Curve[i].Metrics.ContainsKey("critic_refit_gap"));
            // Everything else, bit for bit: the refit reads and advances none of training's or evaluation's streams.
            Assert.Equal(off.Curve[i].Metrics.OrderBy(m => m.Key, StringComparer.Ordinal),
                on.Curve[i].Metrics.Where(m => m.Key != "critic_refit_gap").OrderBy(m => m.Key, StringComparer.Ordinal));
        }
        Assert.Equal(off.LayerGradients, on.LayerGradients);
        // The refit itself is a function of the seed and the generator: the same trial gives the same gaps.
        Assert.Equal(on.Curve.Select(e => e.Metrics["critic_refit_gap"]), Run(StandardTrial(loss, new CriticRefitConfig { Steps = 30, Lr = 1e-3 })).Curve.Select(e => e.Metrics["critic_refit_gap"]));
    }

    [Fact]
    public void Runs_csv_has_the_column_only_when_a_trial_turns_the_refit_on()
    {
        var off = StandardTrial(Wgan, null);
        var on = StandardTrial(Wgan, new CriticRefitConfig());
        Assert.DoesNotContain("critic_refit_gap", SweepRunner.MetricColumns([off]));
        Assert.Contains("critic_refit_gap", SweepRunner.MetricColumns([off, on]));
    }
}
