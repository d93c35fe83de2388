using System.Numerics;

namespace GanBench.Core.Metrics;

/// <summary>
/// Wasserstein-1 distances between two uniformly weighted empirical samples with Euclidean ground
/// cost. Points are row-major: point p of a sample is <c>values[p*dim .. p*dim+dim)</c>.
/// </summary>
public static class Wasserstein
{
    private static readonly ParallelOptions ParallelismForCores = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>
    /// Exact W1 (the optimal transport cost, as POT's <c>ot.emd2</c> with <c>metric='euclidean'</c>
    /// gives it). Sample sizes may differ. Memory is O((n+m)·k), not O(n·m).
    /// </summary>
    /// <param name="cancellation">Stops a long solve (a trial's time budget); throws <see cref="OperationCanceledException"/>.</param>
    public static double Exact(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dim, CancellationToken cancellation = default)
    {
        Validate(a, nameof(a), dim);
        Validate(b, nameof(b), dim);
        CheckSquaredDistancesAreFinite(a, b, dim);
        return EuclideanTransport.Solve(a, b, dim, cancellation);
    }

    /// <summary>
    /// The transport solver compares squared distances; coordinates around 1e154 apart make them
    /// infinite, and the simplex then never finds an improving pivot (it hung). Refuse instead.
    /// </summary>
    private static void CheckSquaredDistancesAreFinite(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dim)
    {
        if (!double.IsFinite(EuclideanTransport.SquaredBoundingBoxDiagonal(a, b, dim)))
            throw new ArgumentException("the points lie too far apart for exact W1 (their squared distances overflow double precision, which happens from about 1e154); rescale the samples");
    }

    /// <summary>
    /// Sliced W1: the mean over <paramref name="directions"/> random unit directions of the 1-D W1 of
    /// the projected samples. Projections are 1-Lipschitz, so this is a lower bound of
    /// <see cref="Exact"/>; it is the metric to use where dim is large (images) and exact is too slow.
    /// The same seed gives the same directions, so values are reproducible.
    /// </summary>
    public static double Sliced(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dim, int directions = 128, int seed = 0)
    {
        Validate(a, nameof(a), dim);
        Validate(b, nameof(b), dim);
        if (directions < 1)
            throw new ArgumentException($"directions must be at least 1, got {directions}.", nameof(directions));

        int n = a.Length / dim, m = b.Length / dim;
        double[] unitDirections = RandomUnitDirections(directions, dim, seed);
        double[] projectedA = Project(a, n, dim, unitDirections, directions);
        double[] projectedB = Project(b, m, dim, unitDirections, directions);

        // Per-direction results are summed afterwards in direction order, so the value does not
        // depend on how the directions were spread over threads.
        var perDirection = new double[directions];
        Parallel.For(0, directions, ParallelismForCores, d =>
        {
            var sliceA = projectedA.AsSpan(d * n, n);
            var sliceB = projectedB.AsSpan(d * m, m);
            sliceA.Sort();
            sliceB.Sort();
            perDirection[d] = OneDimensionalSorted(sliceA, sliceB);
        });
        double sum = 0;
        foreach (double value in perDirection) sum += value;
        return sum / directions;
    }

    /// <summary>
    /// Exact W1 between two 1-D samples: the integral of |F_a⁻¹ − F_b⁻¹| over the quantile level.
    /// With equal sizes that is the mean |sorted a − sorted b|.
    /// </summary>
    public static double OneDimensional(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Validate(a, nameof(a), 1);
        Validate(b, nameof(b), 1);
        double[] sortedA = a.ToArray();
        double[] sortedB = b.ToArray();
        Array.Sort(sortedA);
        Array.Sort(sortedB);
        return OneDimensionalSorted(sortedA, sortedB);
    }

    private static double OneDimensionalSorted(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        int n = sortedA.Length, m = sortedB.Length;
        double sum = 0;
        if (n == m)
        {
            for (int i = 0; i < n; i++) sum += Math.Abs(sortedA[i] - sortedB[i]);
            return sum / n;
        }

        // Each a-point carries m units of mass and each b-point n units (n·m in total), so the
        // quantile steps of both samples meet on integers and no mass is lost to rounding.
        long remainingA = m, remainingB = n;
        int ia = 0, ib = 0;
        while (ia < n && ib < m)
        {
            long moved = Math.Min(remainingA, remainingB);
            sum += moved * Math.Abs(sortedA[ia] - sortedB[ib]);
            remainingA -= moved;
            remainingB -= moved;
            if (remainingA == 0) { ia++; remainingA = m; }
            if (remainingB == 0) { ib++; remainingB = n; }
        }
        return sum / ((double)n * m);
    }

    private static double[] RandomUnitDirections(int count, int dim, int seed)
    {
        var generator = new SplitMixGaussian(seed);
        var result = new double[count * dim];
        for (int d = 0; d < count; d++)
        {
            var direction = result.AsSpan(d * dim, dim);
            double norm;
            do
            {
                double squared = 0;
                for (int t = 0; t < dim; t++)
                {
                    direction[t] = generator.NextGaussian();
                    squared += direction[t] * direction[t];
                }
                norm = Math.Sqrt(squared);
            } while (norm == 0);
            for (int t = 0; t < dim; t++) direction[t] /= norm;
        }
        return result;
    }

    // Laid out direction-major so each direction's projections are one contiguous run to sort;
    // the loop runs point-major so each point row is read from memory once.
    private static double[] Project(ReadOnlySpan<double> points, int count, int dim, double[] unitDirections, int directions)
    {
        var projected = new double[directions * count];
        // Spans cannot enter the parallel lambda; one copy of the input is cheap next to the dot products.
        double[] pointValues = points.ToArray();
        Parallel.For(0, count, ParallelismForCores, p =>
        {
            var point = pointValues.AsSpan(p * dim, dim);
            for (int d = 0; d < directions; d++)
                projected[d * count + p] = Dot(point, unitDirections.AsSpan(d * dim, dim));
        });
        return projected;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var accumulator = Vector<double>.Zero;
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                accumulator += new Vector<double>(x.Slice(i)) * new Vector<double>(y.Slice(i));
            sum = Vector.Sum(accumulator);
        }
        for (; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    private static void Validate(ReadOnlySpan<double> values, string name, int dim)
    {
        if (dim < 1)
            throw new ArgumentException($"dim must be at least 1, got {dim}.", nameof(dim));
        if (values.IsEmpty)
            throw new ArgumentException($"Sample '{name}' is empty; W1 needs at least one point.", name);
        if (values.Length % dim != 0)
            throw new ArgumentException(
                $"Sample '{name}' has {values.Length} values, which is not a multiple of dim={dim}.", name);
        for (int t = 0; t < values.Length; t++)
        {
            if (!double.IsFinite(values[t]))
                throw new ArgumentException(
                    $"Sample '{name}' has a non-finite value ({values[t]}) at index {t} (point {t / dim}).", name);
        }
    }
}
