using GanBench.Core.Compare;
using GanBench.Core.Results;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;

namespace GanBench.Core.Tests.Compare;

/// <summary>The throughput gate on synthetic runs.csv rows: planted slowdowns, the factor, the false-alarm
/// rate on unchanged speed, too few trials, and which trials give a rate.</summary>
public class ThroughputGateTests(ITestOutputHelper output)
{
    private const int Steps = 2000;

    /// <summary>Trials of one arm on ring8 whose rates are normal around <paramref name="stepsPerSecond"/>
    /// with a relative spread of <paramref name="spread"/> (3% is a quiet machine's trial-to-trial noise).</summary>
    private static List<RunRecord> Runs(int trials, double stepsPerSecond, int randomSeed, double spread = 0.03,
        string arm = "wgan_gp", TrialStatus status = TrialStatus.Ok) =>
        Runs(trials, stepsPerSecond, new Random(randomSeed), spread, arm, status);

    private static List<RunRecord> Runs(int trials, double stepsPerSecond, Random random, double spread = 0.03,
        string arm = "wgan_gp", TrialStatus status = TrialStatus.Ok)
    {
        return Enumerable.Range(0, trials).Select(seed =>
        {
            double rate = stepsPerSecond * (1.0 + spread * CompareData.StandardNormal(random));
            return Run(arm, seed, status, Steps, Steps / rate);
        }).ToList();
    }

    private static RunRecord Run(string arm, int seed, TrialStatus status, int steps, double wallSeconds) => new()
    {
        Trial = new TrialRecord($"{arm}-ring8-s{seed}", arm, "ring8", seed, status, new Dictionary<string, double?>()),
        Steps = steps,
        WallSeconds = wallSeconds,
    };

    private static ThroughputCell Only(ThroughputResult result) => Assert.Single(result.Cells);

    /// <summary>
    /// Seven members of one ensemble share one clock: a slow hour on the candidate side slows them all
    /// alike, which as seven samples would look like a significant slowdown. As one unit they are one
    /// sample, too few to test, and the same rates as seven lone trials still fire.
    /// </summary>
    [Fact]
    public void Members_of_one_ensemble_are_one_sample()
    {
        var reference = Runs(7, 250.0, randomSeed: 11).Select(r => r with { Message = EnsembleNote.Describe("unitref", 7) }).ToList();
        var candidate = Runs(7, 190.0, randomSeed: 12).Select(r => r with { Message = EnsembleNote.Describe("unitcand", 7) }).ToList();
        var grouped = Only(ThroughputGate.Compare(candidate, reference, new ThroughputOptions()));
        Assert.Equal((1, 1), (grouped.Speed.CandidateN, grouped.Speed.ReferenceN));
        Assert.NotEqual(CellVerdict.Regression, grouped.Speed.Verdict);

        var alone = Only(ThroughputGate.Compare(Runs(7, 190.0, randomSeed: 12), Runs(7, 250.0, randomSeed: 11), new ThroughputOptions()));
        Assert.Equal(CellVerdict.Regression, alone.Speed.Verdict);
        Assert.Equal("unitref", EnsembleNote.UnitOf("non-finite loss at step 3; " + EnsembleNote.Describe("unitref", 7)));
        Assert.Null(EnsembleNote.UnitOf("rerun once: the first run stopped at step 5"));
    }

    [Fact]
    public void A_planted_20_percent_slowdown_at_10_trials_per_side_fires()
    {
        var reference = Runs(10, 250.0, randomSeed: 1);
        var candidate = Runs(10, 200.0, randomSeed: 2);

        var result = ThroughputGate.Compare(candidate, reference, new ThroughputOptions());

        var cell = Only(result);
        Assert.Equal(CellVerdict.Regression, cell.Speed.Verdict);
        Assert.Equal(("wgan_gp", "ring8", 10, 10), (cell.Arm, cell.Dataset, cell.Speed.CandidateN, cell.Speed.ReferenceN));
        Assert.InRange(cell.Speed.Ratio, 0.75, 0.85);
        Assert.InRange(cell.Speed.Slowdown, 1.18, 1.33);
        Assert.True(cell.Speed.PSlower < 0.002, $"p = {cell.Speed.PSlower}");
        Assert.Single(result.Regressions);
    }

    [Fact]
    public void A_5_percent_slowdown_is_significant_but_below_the_factor_and_does_not_fire()
    {
        // 30 trials with 1% noise: the test alone would flag it, so only the factor stands in the way.
        var reference = Runs(30, 250.0, randomSeed: 3, spread: 0.01);
        var candidate = Runs(30, 250.0 * 0.95, randomSeed: 4, spread: 0.01);

        var cell = Only(ThroughputGate.Compare(candidate, reference, new ThroughputOptions()));
        var withSmallerFactor = Only(ThroughputGate.Compare(candidate, reference, new ThroughputOptions { Factor = 1.03 }));

        Assert.True(cell.Speed.PSlower < 1e-6, $"p = {cell.Speed.PSlower}");
        Assert.Equal(CellVerdict.NoChange, cell.Speed.Verdict);
        Assert.Equal(CellVerdict.Regression, withSmallerFactor.Speed.Verdict);
    }

    [Fact]
    public void A_20_percent_slowdown_whose_p_misses_the_threshold_does_not_fire()
    {
        // 10% noise at 6 trials per side: the medians are 20% apart, the ranks overlap.
        var reference = Runs(6, 250.0, randomSeed: 5, spread: 0.10);
        var candidate = Runs(6, 200.0, randomSeed: 6, spread: 0.10);

        var cell = Only(ThroughputGate.Compare(candidate, reference, new ThroughputOptions()));
        var looser = Only(ThroughputGate.Compare(candidate, reference, new ThroughputOptions { PThreshold = 0.05 }));

        output.WriteLine($"slowdown {cell.Speed.Slowdown:0.000}, p {cell.Speed.PSlower:0.0000}");
        Assert.True(cell.Speed.Slowdown >= 1.1, $"slowdown {cell.Speed.Slowdown}");
        Assert.InRange(cell.Speed.PSlower, 0.002, 0.05);
        Assert.Equal(CellVerdict.NoChange, cell.Speed.Verdict);
        Assert.Equal(CellVerdict.Regression, looser.Speed.Verdict);
    }

    [Fact]
    public void A_speed_up_is_an_improvement_and_not_a_regression()
    {
        var reference = Runs(10, 200.0, randomSeed: 7);
        var candidate = Runs(10, 250.0, randomSeed: 8);

        var result = ThroughputGate.Compare(candidate, reference, new ThroughputOptions());

        Assert.Equal(CellVerdict.Improvement, Only(result).Speed.Verdict);
        Assert.Empty(result.Regressions);
    }

    [Fact]
    public void Unchanged_speed_flags_at_most_about_p_threshold_of_comparisons()
    {
        // 10,000 comparisons of 10 against 10 trials from one distribution. The factor is 1, so only
        // the test stands between noise and a flag. The promise: at most p-threshold of them flag, so
        // the count stays below Binomial(10000, 0.002)'s 99.9% quantile. At 10 vs 10 the normal
        // approximation is conservative: p < 0.002 needs U ≥ 89 ((89 − 50 − ½)/√175 = 2.91 > 2.878;
        // 88 gives 2.83), and exactly 193 of the C(20, 10) = 184,756 equally likely rankings reach it,
        // so the real rate is 0.00104 and the count must also stay above that binomial's 0.1% quantile,
        // or the test would be dead. Each comparison draws both sides from one generator: generators
        // seeded with neighbouring integers gave 34 flags instead of about 10.
        const int comparisons = 10_000;
        const double exactRate = 193.0 / 184_756;
        var options = new ThroughputOptions { Factor = 1.0 };
        int flagged = 0;
        for (int i = 0; i < comparisons; i++)
        {
            var random = new Random(i);
            var reference = Runs(10, 250.0, random);
            var candidate = Runs(10, 250.0, random);
            if (ThroughputGate.Compare(candidate, reference, options).Regressions.Count > 0) flagged++;
        }
        var (low, high) = (Quantile(comparisons, exactRate, 0.001), Quantile(comparisons, options.PThreshold, 0.999));
        output.WriteLine($"null flag rate at p < {options.PThreshold}, factor 1: {flagged}/{comparisons} = {(double)flagged / comparisons:0.0000} (bounds {low}..{high})");
        Assert.InRange(flagged, low, high);
    }

    [Fact]
    public void Three_trials_per_side_are_underpowered_even_when_completely_separated()
    {
        var reference = Runs(3, 250.0, randomSeed: 9, spread: 0.001);
        var candidate = Runs(3, 125.0, randomSeed: 10, spread: 0.001);

        var cell = Only(ThroughputGate.Compare(candidate, reference, new ThroughputOptions()));

        // Exact one-sided p of separated 3 vs 3 samples: 1 / C(6, 3) = 0.05.
        Assert.Equal(0.05, cell.Speed.PSlower, 12);
        Assert.Equal(CellVerdict.Underpowered, cell.Speed.Verdict);
        // 1 / C(12, 6) = 0.00108 < 0.002 at 6 per side; 1 / C(10, 5) = 0.00397 at 5.
        Assert.Equal(6, cell.Speed.TrialsNeeded);
    }

    [Fact]
    public void Ok_and_timed_out_trials_give_rates_diverged_and_failed_ones_and_rows_without_time_do_not()
    {
        var reference = Runs(10, 250.0, randomSeed: 11);
        var candidate = Runs(8, 250.0, randomSeed: 12);
        candidate.Add(Run("wgan_gp", 8, TrialStatus.Timeout, 1900, 1900 / 250.0));
        candidate.Add(Run("wgan_gp", 9, TrialStatus.Timeout, 2000, 2000 / 251.0));
        // Stopped after a few steps, with the fixed costs of a whole trial: a rate far below the rest.
        candidate.Add(Run("wgan_gp", 10, TrialStatus.Diverged, 30, 3.0));
        candidate.Add(Run("wgan_gp", 11, TrialStatus.Diverged, 40, 3.0));
        candidate.Add(Run("wgan_gp", 12, TrialStatus.Failed, 100, 5.0));
        candidate.Add(Run("wgan_gp", 13, TrialStatus.Ok, 0, 0.0));

        var cell = Only(ThroughputGate.Compare(candidate, reference, new ThroughputOptions()));

        Assert.Equal((10, 14), (cell.Speed.CandidateN, cell.CandidateTrials));
        Assert.Equal(CellVerdict.NoChange, cell.Speed.Verdict);
    }

    [Fact]
    public void A_cell_with_rates_on_one_side_only_is_a_note_not_a_cell()
    {
        var reference = Runs(10, 250.0, randomSeed: 13).Concat(Runs(10, 250.0, randomSeed: 14, arm: "minimax")).ToList();
        var candidate = Runs(10, 250.0, randomSeed: 15).Concat(Runs(10, 250.0, randomSeed: 16, arm: "minimax", status: TrialStatus.Diverged))
            .Concat(Runs(10, 250.0, randomSeed: 17, arm: "hinge")).ToList();

        var result = ThroughputGate.Compare(candidate, reference, new ThroughputOptions());

        Assert.Equal("wgan_gp", Only(result).Arm);
        Assert.Equal(
        [
            "throughput of minimax on ring8 not compared: no candidate trial ended ok or timed out",
            "throughput of hinge on ring8 not compared: not in the reference",
        ], result.Notes);
    }

    [Fact]
    public void Rows_without_timings_on_both_sides_say_so()
    {
        var rows = Enumerable.Range(0, 5).Select(s => Run("wgan_gp", s, TrialStatus.Ok, 0, 0.0)).ToList();

        var result = ThroughputGate.Compare(rows, rows, new ThroughputOptions());

        Assert.Empty(result.Cells);
        Assert.Equal(["throughput not compared: no trial on either side records its steps and wall time"], result.Notes);
    }

    [Theory]
    [InlineData(0.99, 0.002, "throughput factor 0.99 must be a finite number ≥ 1")]
    [InlineData(1.1, 0.0, "throughput p threshold 0 must lie strictly between 0 and 1")]
    [InlineData(double.PositiveInfinity, 1.0, "throughput factor Infinity must be a finite number ≥ 1; throughput p threshold 1 must lie strictly between 0 and 1")]
    public void Options_the_rule_cannot_use_are_refused(double factor, double p, string message)
    {
        var options = new ThroughputOptions { Factor = factor, PThreshold = p };

        var e = Assert.Throws<ArgumentException>(() => ThroughputGate.Compare([], [], options));

        Assert.StartsWith(message, e.Message);
    }

    private static int Quantile(int trials, double p, double mass)
    {
        int k = 0;
        while (Binomial.CDF(p, trials, k) < mass) k++;
        return k;
    }
}
