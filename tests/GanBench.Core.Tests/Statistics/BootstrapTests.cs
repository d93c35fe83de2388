using System.Diagnostics;
using GanBench.Core.Statistics;

namespace GanBench.Core.Tests.Statistics;

public class BootstrapTests
{
    private static readonly double[] Tonight = [6, 7, 7, 8, 8, 8, 5, 8, 7, 6];
    private static readonly double[] Reference = [8, 8, 7, 8, 8, 8, 8, 7, 8, 8];

    [Fact]
    public void Same_seed_gives_the_same_interval_and_another_seed_a_different_one()
    {
        // Continuous values: with integer data both seeds may well land on the same lattice point.
        double[] x = [0.61, 0.72, 0.55, 0.80, 0.68, 0.74, 0.59, 0.66, 0.71, 0.63];
        double[] y = [0.70, 0.75, 0.69, 0.81, 0.77, 0.73, 0.79, 0.72, 0.76, 0.74];
        var a = Bootstrap.StratifiedCi(x, y, seed: 7);
        var b = Bootstrap.StratifiedCi(x, y, seed: 7);
        var c = Bootstrap.StratifiedCi(x, y, seed: 8);
        Assert.Equal(a, b);
        Assert.True(a.Lower != c.Lower || a.Upper != c.Upper, $"seeds 7 and 8 both gave {a}");
        Assert.Equal(c.Estimate, a.Estimate);
    }

    [Fact]
    public void Follows_the_documented_draw_order_and_numpy_linear_percentiles()
    {
        double[] x = [0.3, 1.7, 2.2, 0.9, 5.0, 3.1, 2.8];
        double[] y = [1.0, 0.4, 2.5, 1.1, 0.2];
        const int resamples = 999, seed = 123;

        // Independent transcription: System.Random(seed), all X indices then all Y indices per resample,
        // IQM by LINQ, quantile index h = (N − 1)·q interpolated linearly.
        var random = new Random(seed);
        var replicates = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            var xs = x.Select(_ => x[random.Next(x.Length)]).ToArray();
            var ys = y.Select(_ => y[random.Next(y.Length)]).ToArray();
            replicates[b] = Iqm(xs) - Iqm(ys);
        }
        Array.Sort(replicates);

        var ci = Bootstrap.StratifiedCi(x, y, seed, resamples: resamples, level: 0.95);

        Assert.Equal(Iqm(x) - Iqm(y), ci.Estimate, 12);
        Assert.Equal(LinearQuantile(replicates, 0.025), ci.Lower, 12);
        Assert.Equal(LinearQuantile(replicates, 0.975), ci.Upper, 12);
        Assert.Equal(0.95, ci.Level);
    }

    [Fact]
    public void Constant_samples_give_degenerate_intervals()
    {
        double[] constant = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
        var one = Bootstrap.Ci(constant, seed: 1);
        Assert.Equal(one.Estimate, one.Lower);
        Assert.Equal(one.Estimate, one.Upper);

        var difference = Bootstrap.StratifiedCi(constant, [8.0, 8.0, 8.0], seed: 1, statistic: BootstrapStatistic.Mean);
        Assert.Equal(difference.Estimate, difference.Lower);
        Assert.Equal(difference.Estimate, difference.Upper);
        Assert.Equal(0.1 - 8.0, difference.Estimate, 12);
    }

    [Fact]
    public void Clear_regression_excludes_zero_and_identical_samples_straddle_it()
    {
        double[] worse = [3, 4, 4, 5, 3, 4, 5, 4, 3, 4];
        var regression = Bootstrap.StratifiedCi(worse, Reference, seed: 3);
        Assert.True(regression.Upper < 0, $"{regression}");

        var same = Bootstrap.StratifiedCi(Tonight, Tonight, seed: 3);
        Assert.Equal(0.0, same.Estimate);
        Assert.True(same.Lower < 0 && same.Upper > 0, $"{same}");
    }

    [Fact]
    public void Mean_and_iqm_differ_when_one_seed_diverged()
    {
        // Twenty seeds, so a resample needs six copies of the outlier (p ≈ 3e-4) to move the IQM; at ten
        // seeds three copies suffice (p ≈ 0.07) and the IQM interval rightly reaches up to the outlier.
        double[] diverged = [1, 1.1, 0.9, 1.05, 0.95, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.04, 0.96, 1.0, 1.0, 1.06, 0.94, 1.01, 0.99, 50];
        var iqm = Bootstrap.Ci(diverged, seed: 5);
        var mean = Bootstrap.Ci(diverged, seed: 5, statistic: BootstrapStatistic.Mean);
        Assert.InRange(iqm.Estimate, 0.98, 1.02);
        Assert.InRange(iqm.Upper, 1.0, 1.1);
        Assert.InRange(mean.Estimate, 3.4, 3.5);
        Assert.True(mean.Upper - mean.Lower > 10 * (iqm.Upper - iqm.Lower), $"iqm {iqm}, mean {mean}");
    }

    [Fact]
    public void Ten_thousand_resamples_of_ten_seeds_are_fast()
    {
        Bootstrap.StratifiedCi(Tonight, Reference, seed: 1); // JIT
        var watch = Stopwatch.StartNew();
        Bootstrap.StratifiedCi(Tonight, Reference, seed: 2);
        watch.Stop();
        // Typically a few milliseconds; the bound leaves room for a loaded two-core build machine.
        Assert.True(watch.ElapsedMilliseconds < 500, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Bootstrap.Ci([], seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Ci([1.0], seed: 1, level: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Ci([1.0], seed: 1, resamples: 0));
    }

    private static double Iqm(double[] values)
    {
        int cut = values.Length / 4;
        return values.OrderBy(v => v).Skip(cut).Take(values.Length - 2 * cut).Average();
    }

    private static double LinearQuantile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
