using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace GanBench.Core.Metrics;

/// <summary>
/// Mean and unbiased (n − 1) covariance of a feature set, in double precision. Fit the real set once
/// per trial and reuse it against every generator snapshot.
/// </summary>
public sealed record GaussianStatistics(double[] Mean, double[,] Covariance, int Count)
{
    public int Dim => Mean.Length;
}

/// <summary>
/// Fréchet distance between Gaussians fitted to two feature sets (FID/FCD, Heusel et al. 2017):
/// ‖μ₁−μ₂‖² + Tr Σ₁ + Tr Σ₂ − 2·Tr √(Σ₁Σ₂), with the trace term taken as Σᵢ Re √λᵢ(Σ₁Σ₂).
/// </summary>
/// <remarks>
/// Tr √(Σ₁Σ₂) is what pytorch-fid obtains from scipy's sqrtm; the eigenvalue form gives the same
/// number without forming the square root. Round-off leaves tiny negative or complex eigenvalues
/// when a covariance is singular (fewer samples than dimensions, or a collapsed generator); the
/// principal square root of such a λ is (nearly) imaginary, so its real part contributes ~0 instead
/// of a NaN. Nothing is clamped: a set against itself gives ±round-off, as pytorch-fid does.
/// </remarks>
public static class FrechetDistance
{
    public static double Compute(float[] a, int countA, float[] b, int countB, int dim)
        => Compute(Fit(a, countA, dim, nameof(a)), Fit(b, countB, dim, nameof(b)));

    public static GaussianStatistics Fit(float[] features, int count, int dim)
        => Fit(features, count, dim, nameof(features));

    private static GaussianStatistics Fit(float[] features, int count, int dim, string name)
    {
        FeatureMatrix.Validate(features, count, dim, name, 2, "an unbiased covariance");
        var mean = FeatureMatrix.Mean(features, count, dim);
        return new GaussianStatistics(mean, Covariance.Unbiased(features, count, dim, mean), count);
    }

    public static double Compute(GaussianStatistics a, GaussianStatistics b)
    {
        Validate(a, nameof(a));
        Validate(b, nameof(b));
        if (a.Dim != b.Dim)
            throw new ArgumentException($"Statistics have different dimensions: {a.Dim} and {b.Dim}.", nameof(b));

        int dim = a.Dim;
        double meanTerm = 0, traces = 0;
        for (int i = 0; i < dim; i++)
        {
            double diff = a.Mean[i] - b.Mean[i];
            meanTerm += diff * diff;
            traces += a.Covariance[i, i] + b.Covariance[i, i];
        }

        var first = Matrix<double>.Build.DenseOfArray(a.Covariance);
        var second = Matrix<double>.Build.DenseOfArray(b.Covariance);
        return meanTerm + traces - 2 * TraceOfRootOfProduct(first, second);
    }

    /// <summary>Tr √(Σ₁Σ₂) = Σᵢ Re √λᵢ(Σ₁Σ₂).</summary>
    private static double TraceOfRootOfProduct(Matrix<double> first, Matrix<double> second)
    {
        var product = first * second;
        // A collapsed generator has Σ = 0 exactly. MathNet's Hessenberg–Schur iteration measures
        // convergence relative to the matrix norm and never converges when that norm is 0, while
        // the answer is plainly 0.
        if (product.InfinityNorm() == 0) return 0;
        MathNet.Numerics.LinearAlgebra.Vector<Complex> eigenvalues;
        try
        {
            eigenvalues = product.Evd(Symmetricity.Asymmetric).EigenValues;
        }
        catch (MathNet.Numerics.NonConvergenceException)
        {
            return TraceOfRootViaSymmetricForm(first, second);
        }
        double sum = 0;
        foreach (var lambda in eigenvalues) sum += Complex.Sqrt(lambda).Real;
        return sum;
    }

    /// <summary>
    /// Σ₁Σ₂ is similar to the symmetric PSD matrix Σ₁^½ Σ₂ Σ₁^½, whose symmetric eigen-solver
    /// always converges. Only used where the nonsymmetric solver gives up, so that one unlucky
    /// matrix does not end a trial.
    /// </summary>
    private static double TraceOfRootViaSymmetricForm(Matrix<double> first, Matrix<double> second)
    {
        var evd = first.Evd(Symmetricity.Symmetric);
        var roots = evd.EigenValues.Select(l => Math.Sqrt(Math.Max(l.Real, 0))).ToArray();
        var root = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalArray(roots) * evd.EigenVectors.Transpose();
        var middle = root * second * root;
        middle = (middle + middle.Transpose()) * 0.5;
        double sum = 0;
        foreach (var lambda in middle.Evd(Symmetricity.Symmetric).EigenValues) sum += Math.Sqrt(Math.Max(lambda.Real, 0));
        return sum;
    }

    private static void Validate(GaussianStatistics statistics, string name)
    {
        ArgumentNullException.ThrowIfNull(statistics, name);
        ArgumentNullException.ThrowIfNull(statistics.Mean, name);
        ArgumentNullException.ThrowIfNull(statistics.Covariance, name);
        int dim = statistics.Mean.Length;
        if (dim < 1)
            throw new ArgumentException($"Statistics '{name}' have an empty mean.", name);
        if (statistics.Covariance.GetLength(0) != dim || statistics.Covariance.GetLength(1) != dim)
            throw new ArgumentException(
                $"Statistics '{name}' have a {statistics.Covariance.GetLength(0)}×{statistics.Covariance.GetLength(1)} covariance for a mean of dimension {dim}.", name);
        if (statistics.Count < 2)
            throw new ArgumentException($"Statistics '{name}' come from {statistics.Count} samples; an unbiased covariance needs at least 2.", name);
        foreach (double v in statistics.Mean)
            if (!double.IsFinite(v)) throw new ArgumentException($"Statistics '{name}' have a non-finite mean ({v}).", name);
        foreach (double v in statistics.Covariance)
            if (!double.IsFinite(v)) throw new ArgumentException($"Statistics '{name}' have a non-finite covariance entry ({v}).", name);
    }
}
