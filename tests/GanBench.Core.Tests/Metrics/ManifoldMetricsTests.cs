using GanBench.Core.Metrics;
using static GanBench.Core.Tests.Metrics.ImageMetricsTestData;

namespace GanBench.Core.Tests.Metrics;

public class ManifoldMetricsTests
{
    [Fact]
    public void Matches_a_double_precision_brute_force_on_sizes_that_fill_no_tile()
    {
        var random = new Random(21);
        int compared = 0;
        for (int trial = 0; trial < 40; trial++)
        {
            int dim = 1 + random.Next(20);
            int n = 8 + random.Next(40), m = 8 + random.Next(40);
            int kPr = 1 + random.Next(4), kDc = 1 + random.Next(6);
            var real = Gaussian(100 + trial, n, dim);
            var fake = Gaussian(200 + trial, m, dim, mean: 0.3 * (trial % 3), std: 0.7 + 0.2 * (trial % 4));
            var reference = BruteForce(real, n, fake, m, dim, kPr, kDc);
            if (reference.MinRelativeGap < 1e-5) continue; // a near-tie float32 may legitimately break the other way
            compared++;
            Assert.Equal(reference.Scores, ManifoldMetrics.Compute(real, n, fake, m, dim, kPr, kDc));
        }
        Assert.True(compared >= 30, $"only {compared} trials were free of near-ties");
    }

    [Fact]
    public void Matches_brute_force_across_many_blocks_and_both_workers()
    {
        // 700 reals = 117 row tiles = 8 parallel blocks; 650 fakes = 41 panels, the last partial.
        const int dim = 37;
        var (real, fake, reference) = DrawWithoutNearTies(31, 700, 650, dim, fakeMean: 0.1, fakeStd: 1.2);
        Assert.Equal(reference.Scores, ManifoldMetrics.Compute(real, 700, fake, 650, dim));
    }

    [Fact]
    public void Features_far_from_the_origin_keep_their_precision()
    {
        // Without centring, ‖a‖² ≈ 1.6e5 in float leaves ~1e-2 absolute error on d² ≈ 128, enough to
        // move hundreds of comparisons.
        const int dim = 64;
        var (real, fake, reference) = DrawWithoutNearTies(41, 400, 380, dim, realMean: 50, fakeMean: 50.05, fakeStd: 1.1);
        Assert.Equal(reference.Scores, ManifoldMetrics.Compute(real, 400, fake, 380, dim));
    }

    [Fact]
    public void Same_distribution_matches_the_published_expectations()
    {
        const int dim = 32;
        var all = Gaussian(51, 4000, dim);
        var s = ManifoldMetrics.Compute(Rows(all, dim, 0, 2000), 2000, Rows(all, dim, 2000, 2000), 2000, dim);
        // Naeem et al. 2020: for identical distributions E[coverage] = 1 − 2^−k and E[density] = 1.
        Assert.InRange(s.Coverage, 1 - Math.Pow(2, -5) - 0.03, 1 - Math.Pow(2, -5) + 0.03);
        Assert.InRange(s.Density, 0.9, 1.1);
        // 1 − 2^−3 would be the k = 3 analogue of coverage, but in 32 dimensions a fake's nearest real
        // ball is often not one that contains it: seeds 51–55 give 0.68–0.72. Loose bounds on both sides.
        Assert.InRange(s.Precision, 0.6, 1 - Math.Pow(2, -3));
        Assert.InRange(s.Recall, 0.6, 1 - Math.Pow(2, -3));
    }

    [Fact]
    public void A_shifted_generator_scores_lower_than_a_faithful_one()
    {
        const int dim = 32;
        var all = Gaussian(52, 4000, dim);
        var real = Rows(all, dim, 0, 2000);
        var faithful = ManifoldMetrics.Compute(real, 2000, Rows(all, dim, 2000, 2000), 2000, dim);
        var shifted = ManifoldMetrics.Compute(real, 2000, Shifted(Rows(all, dim, 2000, 2000), 0.5f), 2000, dim);
        Assert.True(shifted.Precision < faithful.Precision - 0.2, $"{shifted} vs {faithful}");
        Assert.True(shifted.Coverage < faithful.Coverage - 0.2, $"{shifted} vs {faithful}");
        Assert.True(shifted.Density < faithful.Density - 0.3, $"{shifted} vs {faithful}");
    }

    [Fact]
    public void A_fully_collapsed_generator_gives_zero_recall_and_coverage_without_nan()
    {
        const int dim = 16;
        var real = Gaussian(61, 500, dim);
        // All fakes at one point well outside the real cloud: every fake radius is 0.
        var fake = new float[300 * dim];
        Array.Fill(fake, 3f);
        var s = ManifoldMetrics.Compute(real, 500, fake, 300, dim);
        Assert.Equal(0.0, s.Recall);
        Assert.Equal(0.0, s.Coverage);
        Assert.Equal(0.0, s.Precision);
        Assert.Equal(0.0, s.Density);
    }

    [Fact]
    public void A_collapsed_generator_inside_the_real_cloud_reports_full_precision_and_no_recall()
    {
        const int dim = 8;
        var real = Gaussian(62, 300, dim);
        var fake = new float[100 * dim]; // all at the origin, the real mode
        var s = ManifoldMetrics.Compute(real, 300, fake, 100, dim);
        Assert.Equal(1.0, s.Precision);
        Assert.Equal(0.0, s.Recall);
        Assert.True(s.Coverage > 0 && s.Coverage < 0.2, $"{s}");
        Assert.True(double.IsFinite(s.Density) && s.Density > 1, $"{s}");
    }

    [Fact]
    public void A_generator_collapsed_onto_one_training_sample_recalls_nothing()
    {
        // Every fake equals real 0 bit for bit: the fake radii and real 0's distance to the fakes are
        // all 0, and prdc's strict 0 < 0 is false, so recall is 0 where ≤ would give 1/n.
        const int dim = 24;
        var real = Gaussian(66, 200, dim, mean: 2);
        var fake = new float[50 * dim];
        for (int j = 0; j < 50; j++) Array.Copy(real, 0, fake, j * dim, dim);
        var s = ManifoldMetrics.Compute(real, 200, fake, 50, dim);
        Assert.Equal(0.0, s.Recall);
        Assert.Equal(1.0, s.Precision);
        var reference = BruteForce(real, 200, fake, 50, dim, 3, 5);
        Assert.Equal(reference.Scores, s);
    }

    [Fact]
    public void Identical_sets_count_duplicates_as_neighbours_as_prdc_does()
    {
        // Each real has an exact twin among the fakes, so the twin lies at distance 0 < radius.
        const int dim = 5;
        var real = Gaussian(63, 60, dim);
        var s = ManifoldMetrics.Compute(real, 60, (float[])real.Clone(), 60, dim);
        Assert.Equal(1.0, s.Precision);
        Assert.Equal(1.0, s.Recall);
        Assert.Equal(1.0, s.Coverage);
        Assert.Equal(BruteForce(real, 60, real, 60, dim, 3, 5).Scores.Density, s.Density);
    }

    [Fact]
    public void Rejects_bad_arguments_with_clear_messages()
    {
        var x = Gaussian(64, 6, 2);
        var many = Gaussian(65, 10, 2);
        var tooFewReals = Assert.Throws<ArgumentException>(() => ManifoldMetrics.Compute(x, 5, many, 10, 2));
        Assert.Contains("'real' has 5 samples", tooFewReals.Message);
        Assert.Contains("k=5-th nearest other real", tooFewReals.Message);
        Assert.Contains("at least 6", tooFewReals.Message);
        var tooFewFakes = Assert.Throws<ArgumentException>(() => ManifoldMetrics.Compute(many, 10, x, 3, 2));
        Assert.Contains("'fake' has 3 samples", tooFewFakes.Message);
        Assert.Contains("k=3-th nearest other fake", tooFewFakes.Message);
        Assert.Contains("kPrecisionRecall must be at least 1",
            Assert.Throws<ArgumentException>(() => ManifoldMetrics.Compute(many, 10, many, 10, 2, kPrecisionRecall: 0)).Message);
        Assert.Contains("kDensityCoverage must be at least 1",
            Assert.Throws<ArgumentException>(() => ManifoldMetrics.Compute(many, 10, many, 10, 2, kDensityCoverage: -1)).Message);
        Assert.Contains("20 values, but 9 samples × dim 2",
            Assert.Throws<ArgumentException>(() => ManifoldMetrics.Compute(many, 9, many, 10, 2)).Message);
        var inf = (float[])many.Clone();
        inf[3] = float.PositiveInfinity;
        Assert.Contains("'fake' has a non-finite value",
            Assert.Throws<ArgumentException>(() => ManifoldMetrics.Compute(many, 10, inf, 10, 2)).Message);
        // k + 1 samples is the minimum, and it works.
        var s = ManifoldMetrics.Compute(x, 6, many, 10, 2);
        Assert.True(double.IsFinite(s.Density));
    }

    private sealed record Reference(ManifoldScores Scores, double MinRelativeGap);

    /// <summary>
    /// With ~10⁶ comparisons some distance usually lies within 1e-6 of a radius, where float32 may
    /// legitimately decide the other way; draw again (deterministically) until none does.
    /// </summary>
    private static (float[] Real, float[] Fake, Reference Reference) DrawWithoutNearTies(int seed, int n, int m, int dim,
        double realMean = 0, double fakeMean = 0, double fakeStd = 1)
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var real = Gaussian(seed + 2 * attempt, n, dim, mean: realMean);
            var fake = Gaussian(seed + 2 * attempt + 1, m, dim, mean: fakeMean, std: fakeStd);
            var reference = BruteForce(real, n, fake, m, dim, 3, 5);
            if (reference.MinRelativeGap > 1e-6) return (real, fake, reference);
        }
        throw new InvalidOperationException("every draw had a near-tie; widen the search");
    }

    /// <summary>prdc transcribed in double precision with full distance matrices, plus the closest call.</summary>
    private static Reference BruteForce(float[] real, int n, float[] fake, int m, int dim, int kPr, int kDc)
    {
        double[,] Distances(float[] x, int nx, float[] y, int ny)
        {
            var d = new double[nx, ny];
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    double s = 0;
                    for (int k = 0; k < dim; k++) { double t = (double)x[i * dim + k] - y[j * dim + k]; s += t * t; }
                    d[i, j] = Math.Sqrt(s);
                }
            return d;
        }
        double[] Radii(double[,] self, int count, int k)
        {
            var r = new double[count];
            for (int i = 0; i < count; i++)
            {
                var row = Enumerable.Range(0, count).Select(j => self[i, j]).OrderBy(v => v).ToArray();
                r[i] = row[k]; // self at index 0, as np.partition(..., k)[k]
            }
            return r;
        }
        var rr = Distances(real, n, real, n);
        var ff = Distances(fake, m, fake, m);
        var rf = Distances(real, n, fake, m);
        var realPr = Radii(rr, n, kPr);
        var realDc = Radii(rr, n, kDc);
        var fakePr = Radii(ff, m, kPr);

        double gap = double.PositiveInfinity;
        void Gap(double d, double r) { if (r > 0) gap = Math.Min(gap, Math.Abs(d * d - r * r) / (r * r)); }
        int precise = 0, recalled = 0, covered = 0;
        long densityHits = 0;
        for (int j = 0; j < m; j++)
        {
            bool any = false;
            for (int i = 0; i < n; i++)
            {
                any |= rf[i, j] < realPr[i];
                if (rf[i, j] < realDc[i]) densityHits++;
                Gap(rf[i, j], realPr[i]);
                Gap(rf[i, j], realDc[i]);
                Gap(rf[i, j], fakePr[j]);
            }
            if (any) precise++;
        }
        for (int i = 0; i < n; i++)
        {
            bool any = false;
            double nearest = double.PositiveInfinity;
            for (int j = 0; j < m; j++) { any |= rf[i, j] < fakePr[j]; nearest = Math.Min(nearest, rf[i, j]); }
            if (any) recalled++;
            if (nearest < realDc[i]) covered++;
        }
        var scores = new ManifoldScores((double)precise / m, (double)recalled / n,
            1.0 / kDc * ((double)densityHits / m), (double)covered / n);
        return new Reference(scores, gap);
    }
}
