using GanBench.Core.Metrics;
using static GanBench.Core.Tests.Metrics.ImageMetricsTestData;

namespace GanBench.Core.Tests.Metrics;

public class FrechetDistanceTests
{
    [Fact]
    public void A_set_against_itself_is_zero()
    {
        var x = Gaussian(1, 500, 24, mean: 3, std: 2);
        double fcd = FrechetDistance.Compute(x, 500, x, 500, 24);
        Assert.True(Math.Abs(fcd) <= 1e-6, $"FCD of a set with itself is {fcd:R}");
    }

    [Fact]
    public void Is_symmetric()
    {
        var a = Gaussian(2, 300, 12);
        var b = Gaussian(3, 400, 12, mean: 0.4, std: 1.5);
        double ab = FrechetDistance.Compute(a, 300, b, 400, 12);
        double ba = FrechetDistance.Compute(b, 400, a, 300, 12);
        Assert.True(ab > 1);
        Assert.Equal(ab, ba, 1e-9 * ab);
    }

    [Fact]
    public void Precomputed_statistics_give_the_same_value_as_raw_features()
    {
        var a = Gaussian(4, 250, 10);
        var b = Gaussian(5, 260, 10, mean: 0.2);
        var real = FrechetDistance.Fit(a, 250, 10);
        Assert.Equal(250, real.Count);
        Assert.Equal(10, real.Dim);
        Assert.Equal(FrechetDistance.Compute(a, 250, b, 260, 10), FrechetDistance.Compute(real, FrechetDistance.Fit(b, 260, 10)));
    }

    [Fact]
    public void Fit_matches_a_direct_two_pass_unbiased_covariance()
    {
        // 300 rows span three 128-row chunks on two slices; dim 19 leaves a partly padded panel.
        const int n = 300, dim = 19;
        var x = Gaussian(6, n, dim, mean: 5, std: 3);
        var stats = FrechetDistance.Fit(x, n, dim);
        var mean = new double[dim];
        for (int i = 0; i < n; i++) for (int k = 0; k < dim; k++) mean[k] += x[i * dim + k];
        for (int k = 0; k < dim; k++) mean[k] /= n;
        for (int p = 0; p < dim; p++)
        {
            Assert.Equal(mean[p], stats.Mean[p], 1e-12);
            for (int q = 0; q < dim; q++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += (x[i * dim + p] - mean[p]) * (x[i * dim + q] - mean[q]);
                Assert.Equal(sum / (n - 1), stats.Covariance[p, q], 1e-10);
            }
        }
    }

    [Fact]
    public void Gaussians_with_known_parameters_give_the_closed_form()
    {
        // Diagonal covariances: FCD = ‖Δμ‖² + Σ (σ₁ − σ₂)².
        var a = new GaussianStatistics([0, 0, 0], new double[,] { { 1, 0, 0 }, { 0, 4, 0 }, { 0, 0, 9 } }, 100);
        var b = new GaussianStatistics([1, 2, 0], new double[,] { { 4, 0, 0 }, { 0, 4, 0 }, { 0, 0, 1 } }, 100);
        Assert.Equal(1 + 4 + 1 + 0 + 4, FrechetDistance.Compute(a, b), 12);
    }

    [Fact]
    public void Same_distribution_is_near_zero_relative_to_a_shifted_one()
    {
        const int dim = 32;
        var all = Gaussian(7, 4000, dim);
        var first = Rows(all, dim, 0, 2000);
        var second = Rows(all, dim, 2000, 2000);
        double same = FrechetDistance.Compute(first, 2000, second, 2000, dim);
        double shifted = FrechetDistance.Compute(first, 2000, Shifted(second, 0.5f), 2000, dim);
        Assert.True(same > 0 && same < 0.05 * shifted, $"same {same:R}, shifted {shifted:R}");
        Assert.Equal(dim * 0.25, shifted - same, 0.5);
    }

    [Fact]
    public void Singular_covariances_give_a_finite_value()
    {
        // 20 samples in 64 dims, one of them collapsed: most eigenvalues of Σ₁Σ₂ are round-off.
        var a = Gaussian(8, 20, 64);
        var collapsed = new float[20 * 64];
        for (int i = 0; i < 20; i++) Array.Copy(a, 0, collapsed, i * 64, 64);
        double fcd = FrechetDistance.Compute(a, 20, collapsed, 20, 64);
        double fcdSingular = FrechetDistance.Compute(a, 20, Gaussian(9, 20, 64), 20, 64);
        Assert.True(double.IsFinite(fcd) && fcd > 0, $"{fcd}");
        Assert.True(double.IsFinite(fcdSingular) && fcdSingular > 0, $"{fcdSingular}");
    }

    [Fact]
    public void Covariances_with_orthogonal_ranges_have_no_cross_term()
    {
        // Σ₁Σ₂ = 0 without either being 0: the nonsymmetric eigen-solver's problem case, answer ‖Δμ‖² + Tr Σ₁ + Tr Σ₂.
        var a = new GaussianStatistics([0, 0, 0, 0], new double[,] { { 2, 1, 0, 0 }, { 1, 2, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } }, 10);
        var b = new GaussianStatistics([0, 0, 1, 0], new double[,] { { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 3, 0 }, { 0, 0, 0, 5 } }, 10);
        Assert.Equal(1 + 4 + 8, FrechetDistance.Compute(a, b), 12);
    }

    [Fact]
    public void Symmetric_fallback_agrees_with_the_product_eigenvalues()
    {
        // The fallback only runs when MathNet's nonsymmetric solver gives up, which no test input
        // provokes, so it is checked directly.
        var method = typeof(FrechetDistance).GetMethod("TraceOfRootViaSymmetricForm",
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        foreach (var (n, seed) in new[] { (200, 11), (12, 12) }) // full rank, then fewer samples than dims
        {
            var first = FrechetDistance.Fit(Gaussian(seed, n, 16), n, 16);
            var second = FrechetDistance.Fit(Gaussian(seed + 100, n, 16, mean: 0.5, std: 2), n, 16);
            double viaProduct = FrechetDistance.Compute(first, second);
            double meanTerm = 0, traces = 0;
            for (int i = 0; i < 16; i++)
            {
                meanTerm += Math.Pow(first.Mean[i] - second.Mean[i], 2);
                traces += first.Covariance[i, i] + second.Covariance[i, i];
            }
            var build = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build;
            double trace = (double)method.Invoke(null, [build.DenseOfArray(first.Covariance), build.DenseOfArray(second.Covariance)])!;
            Assert.Equal(viaProduct, meanTerm + traces - 2 * trace, 1e-8 * viaProduct);
        }
    }

    [Fact]
    public void Rejects_bad_arguments_with_clear_messages()
    {
        var x = Gaussian(10, 4, 3);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => FrechetDistance.Fit(x.AsSpan(0, 3).ToArray(), 1, 3)).Message);
        Assert.Contains("12 values, but 3 samples × dim 3", Assert.Throws<ArgumentException>(() => FrechetDistance.Fit(x, 3, 3)).Message);
        Assert.Contains("dim must be at least 1", Assert.Throws<ArgumentException>(() => FrechetDistance.Fit(x, 4, 0)).Message);
        var nan = (float[])x.Clone();
        nan[7] = float.NaN;
        Assert.Contains("non-finite value (NaN) at index 7 (sample 2)", Assert.Throws<ArgumentException>(() => FrechetDistance.Fit(nan, 4, 3)).Message);
        Assert.Contains("'b' has 1 samples",
            Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(x, 4, x.AsSpan(0, 3).ToArray(), 1, 3)).Message);
        var three = FrechetDistance.Fit(x, 4, 3);
        var two = FrechetDistance.Fit(x.AsSpan(0, 8).ToArray(), 4, 2);
        Assert.Contains("different dimensions: 3 and 2", Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(three, two)).Message);
        var ragged = new GaussianStatistics([0, 0], new double[2, 3], 5);
        Assert.Contains("2×3 covariance", Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(ragged, ragged)).Message);
    }
}
