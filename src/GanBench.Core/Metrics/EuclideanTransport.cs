namespace GanBench.Core.Metrics;

/// <summary>
/// Exact W1 between two uniformly weighted point clouds, without ever holding the n×m cost matrix.
/// </summary>
/// <remarks>
/// Uniform weights 1/n and 1/m become integer supplies m/g and demands n/g (g = gcd), so the
/// problem is an integer transportation problem and the flow stays exact. It is solved on a sparse
/// set of candidate arcs, then every one of the n×m pairs is priced against the final potentials;
/// pairs that price out negative are added and the simplex continues from its current basis. When
/// no pair prices out, the potentials are a dual-feasible certificate, so the sparse solution is
/// optimal for the full problem. The candidate set only affects speed, never the result.
/// </remarks>
internal static class EuclideanTransport
{
    private const int NeighboursPerPoint = 10;
    // Large enough that a poor first basis is repaired in a few pricing rounds, small enough that
    // the added arcs do not swamp the pivot search.
    private const int MaxArcsAddedPerRowPerRound = 32;
    private const int QuantileCouplingDirections = 8;
    // Relative to the diameter of the data. Potentials stay within a few diameters (the artificial
    // cost is only twice the diameter), so rounding in reduced costs sits near 1e-15 of the
    // diameter; 1e-11 is far above that noise and far below the 1e-6 accuracy the callers need.
    private const double RelativeTolerance = 1e-11;

    public static double Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dim, CancellationToken cancellation = default)
    {
        var points = new BipartitePoints(a, b, dim);
        int n = points.CountA, m = points.CountB;
        double diameter = BoundingBoxDiagonal(a, b, dim);
        if (diameter == 0) return 0;

        long g = Gcd(n, m);
        long supplyPerA = m / g, demandPerB = n / g;
        double tolerance = RelativeTolerance * diameter;

        var supply = new long[n + m];
        for (int i = 0; i < n; i++) supply[i] = supplyPerA;
        for (int j = 0; j < m; j++) supply[n + j] = -demandPerB;

        var candidates = NearestNeighbourPairs(points, Math.Min(NeighboursPerPoint, Math.Min(n, m)));
        AddQuantileCouplingPairs(candidates, points, supplyPerA, demandPerB);
        Deduplicate(candidates);
        var simplex = new TransportationSimplex(supply, 2 * diameter, candidates.Count * 2);
        foreach (long key in candidates)
        {
            int i = (int)(key / m), j = (int)(key % m);
            simplex.AddArc(i, n + j, points.Distance(i, j));
        }

        simplex.Solve(tolerance, cancellation);
        while (AddNegativelyPricedPairs(simplex, points, tolerance) > 0)
            simplex.Solve(tolerance, cancellation);

        if (simplex.ArtificialFlow() != 0)
            throw new InvalidOperationException("Exact W1 solver ended with flow on artificial arcs; this is a solver bug.");

        double total = 0;
        foreach (var arc in simplex.FlowArcs())
            total += arc.Flow * arc.Cost;
        return total / ((double)n * m / g);
    }

    /// <summary>Prices all n×m pairs; returns how many arcs were added.</summary>
    private static int AddNegativelyPricedPairs(TransportationSimplex simplex, BipartitePoints points, double tolerance)
    {
        int n = points.CountA, m = points.CountB;
        var piA = new double[n];
        var piB = new double[m];
        for (int i = 0; i < n; i++) piA[i] = simplex.Potential(i);
        for (int j = 0; j < m; j++) piB[j] = simplex.Potential(n + j);
        double maxPiB = piB.Max();

        int cap = MaxArcsAddedPerRowPerRound;
        var foundIndex = new int[n * cap];
        var foundReduced = new double[n * cap];
        var foundCount = new int[n];

        // Rows are independent and write only their own slots, so the result does not depend on
        // how the rows are split between threads.
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            double rowPotential = piA[i];
            // Reduced cost is dist + piA - piB; it can only be negative where piB - piA - tol > dist >= 0.
            if (maxPiB - rowPotential - tolerance <= 0) return;
            int found = 0;
            int offset = i * cap;
            double threshold = rowPotential + tolerance;
            if (points.Dim == 2)
            {
                // The common case gets a loop the JIT can keep in registers.
                var bx = points.BX;
                var by = points.BY;
                double x = points.AX[i], y = points.AY[i];
                for (int j = 0; j < bx.Length && j < by.Length && j < piB.Length; j++)
                {
                    double reach = piB[j] - threshold;
                    if (reach <= 0) continue;
                    double dx = x - bx[j], dy = y - by[j];
                    double squared = dx * dx + dy * dy;
                    if (squared >= reach * reach) continue;
                    double reduced = Math.Sqrt(squared) + rowPotential - piB[j];
                    if (reduced >= -tolerance) continue;
                    if (found == cap && reduced >= foundReduced[offset + cap - 1]) continue;
                    InsertSorted(foundIndex, foundReduced, offset, cap, ref found, j, reduced);
                }
            }
            else
            {
                for (int j = 0; j < m; j++)
                {
                    double reach = piB[j] - threshold;
                    if (reach <= 0) continue;
                    double squared = points.SquaredDistance(i, j);
                    if (squared >= reach * reach) continue;
                    double reduced = Math.Sqrt(squared) + rowPotential - piB[j];
                    if (reduced >= -tolerance) continue;
                    if (found == cap && reduced >= foundReduced[offset + cap - 1]) continue;
                    InsertSorted(foundIndex, foundReduced, offset, cap, ref found, j, reduced);
                }
            }
            foundCount[i] = found;
        });

        int added = 0;
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < foundCount[i]; t++)
            {
                int j = foundIndex[i * cap + t];
                simplex.AddArc(i, n + j, points.Distance(i, j));
            }
            added += foundCount[i];
        }
        return added;
    }

    /// <summary>Pair keys i*m+j of the k nearest b's of each a and the k nearest a's of each b.</summary>
    private static List<long> NearestNeighbourPairs(BipartitePoints points, int k)
    {
        if (points.Dim == 2) return NearestNeighbourPairsPlanar(points, k);
        int n = points.CountA, m = points.CountB;
        var rowIndex = new int[n * k];
        var columnIndex = new int[m * k];
        var rowCount = new int[n];
        var columnCount = new int[m];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };

        Parallel.For(0, n, options, () => new double[k], (i, _, distances) =>
        {
            int found = 0;
            for (int j = 0; j < m; j++)
            {
                double squared = points.SquaredDistance(i, j);
                if (found == k && squared >= distances[k - 1]) continue;
                InsertSorted(rowIndex.AsSpan(i * k, k), distances, ref found, j, squared);
            }
            rowCount[i] = found;
            return distances;
        }, _ => { });
        Parallel.For(0, m, options, () => new double[k], (j, _, distances) =>
        {
            int found = 0;
            for (int i = 0; i < n; i++)
            {
                double squared = points.SquaredDistance(i, j);
                if (found == k && squared >= distances[k - 1]) continue;
                InsertSorted(columnIndex.AsSpan(j * k, k), distances, ref found, i, squared);
            }
            columnCount[j] = found;
            return distances;
        }, _ => { });

        var keys = new List<long>((n + m) * k);
        for (int i = 0; i < n; i++)
            for (int t = 0; t < rowCount[i]; t++) keys.Add((long)i * m + rowIndex[i * k + t]);
        for (int j = 0; j < m; j++)
            for (int t = 0; t < columnCount[j]; t++) keys.Add((long)columnIndex[j * k + t] * m + j);
        return keys;
    }

    /// <summary>2-D version of the all-pairs scan, on separate x/y arrays so the inner loop stays in registers.</summary>
    private static List<long> NearestNeighbourPairsPlanar(BipartitePoints points, int k)
    {
        int n = points.CountA, m = points.CountB;
        var keys = new List<long>((n + m) * k);
        var forA = NearestInOther(points.AX, points.AY, points.BX, points.BY, k);
        var forB = NearestInOther(points.BX, points.BY, points.AX, points.AY, k);
        for (int i = 0; i < n; i++)
            foreach (int j in forA.AsSpan(i * k, k)) keys.Add((long)i * m + j);
        for (int j = 0; j < m; j++)
            foreach (int i in forB.AsSpan(j * k, k)) keys.Add((long)i * m + j);
        return keys;
    }

    // k must not exceed the number of points in (px, py), so every slot gets filled. The grid gives
    // exactly what scanning every pair gives (the k smallest distances, ties to the lower index), so
    // the candidate arcs, and with them every bit of the result, are the same, at a fraction of the cost.
    private static int[] NearestInOther(double[] qx, double[] qy, double[] px, double[] py, int k)
    {
        int queries = qx.Length;
        var result = new int[queries * k];
        var grid = new PlanarNeighbours(px, py);
        Parallel.For(0, queries, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new double[k], (q, _, distances) =>
        {
            grid.Nearest(qx[q], qy[q], result.AsSpan(q * k, k), distances);
            return distances;
        }, _ => { });
        return result;
    }

    /// <summary>
    /// Support of the 1-D optimal (quantile) coupling of the samples projected on a few directions.
    /// Each is a feasible transport plan, so the candidate set always admits a real solution, and its
    /// arcs reach as far as mass has to travel globally, which nearest neighbours alone never do
    /// when the two clouds have different shapes (a ring against a blob).
    /// </summary>
    private static void AddQuantileCouplingPairs(List<long> keys, BipartitePoints points, long supplyPerA, long demandPerB)
    {
        int n = points.CountA, m = points.CountB;
        var projectedA = new double[n];
        var projectedB = new double[m];
        var orderA = new int[n];
        var orderB = new int[m];
        for (int t = 0; t < QuantileCouplingDirections; t++)
        {
            // Directions in the plane of the first two coordinates: enough for the global layout in
            // 2-D, and in higher dimensions the pricing rounds supply what these miss.
            double angle = Math.PI * t / QuantileCouplingDirections;
            double cx = Math.Cos(angle), cy = Math.Sin(angle);
            for (int i = 0; i < n; i++) { projectedA[i] = points.ProjectA(i, cx, cy); orderA[i] = i; }
            for (int j = 0; j < m; j++) { projectedB[j] = points.ProjectB(j, cx, cy); orderB[j] = j; }
            Array.Sort(projectedA, orderA);
            Array.Sort(projectedB, orderB);
            long remainingA = supplyPerA, remainingB = demandPerB;
            int ia = 0, ib = 0;
            while (ia < n && ib < m)
            {
                keys.Add((long)orderA[ia] * m + orderB[ib]);
                long moved = Math.Min(remainingA, remainingB);
                remainingA -= moved;
                remainingB -= moved;
                if (remainingA == 0) { ia++; remainingA = supplyPerA; }
                if (remainingB == 0) { ib++; remainingB = demandPerB; }
            }
            if (points.Dim == 1) break;
        }
    }

    private static void Deduplicate(List<long> keys)
    {
        keys.Sort();
        int unique = 0;
        for (int t = 0; t < keys.Count; t++)
            if (unique == 0 || keys[t] != keys[unique - 1]) keys[unique++] = keys[t];
        keys.RemoveRange(unique, keys.Count - unique);
    }

    // Keeps the smallest values seen so far, sorted ascending, in a fixed-size buffer.
    private static void InsertSorted(Span<int> indices, Span<double> values, ref int count, int index, double value)
    {
        int capacity = indices.Length;
        int pos = count < capacity ? count++ : capacity - 1;
        while (pos > 0 && values[pos - 1] > value)
        {
            values[pos] = values[pos - 1];
            indices[pos] = indices[pos - 1];
            pos--;
        }
        values[pos] = value;
        indices[pos] = index;
    }

    private static void InsertSorted(int[] indices, double[] values, int offset, int capacity, ref int count, int index, double value)
        => InsertSorted(indices.AsSpan(offset, capacity), values.AsSpan(offset, capacity), ref count, index, value);

    private static double BoundingBoxDiagonal(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dim) =>
        Math.Sqrt(SquaredBoundingBoxDiagonal(a, b, dim));

    /// <summary>The squared diagonal of the box holding both samples: at least every squared distance between their points.</summary>
    internal static double SquaredBoundingBoxDiagonal(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dim)
    {
        double sum = 0;
        for (int d = 0; d < dim; d++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int t = d; t < a.Length; t += dim) { lo = Math.Min(lo, a[t]); hi = Math.Max(hi, a[t]); }
            for (int t = d; t < b.Length; t += dim) { lo = Math.Min(lo, b[t]); hi = Math.Max(hi, b[t]); }
            sum += (hi - lo) * (hi - lo);
        }
        return sum;
    }

    private static long Gcd(long x, long y)
    {
        while (y != 0) (x, y) = (y, x % y);
        return x;
    }

    /// <summary>
    /// Copies of both samples, laid out for the all-pairs loops: separate x and y arrays in 2-D (the
    /// common case, and the one the speed target is about), row-major otherwise.
    /// </summary>
    private sealed class BipartitePoints
    {
        private readonly double[] _a, _b;
        private readonly double[] _ax = [], _ay = [], _bx = [], _by = [];

        public BipartitePoints(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dim)
        {
            Dim = dim;
            CountA = a.Length / dim;
            CountB = b.Length / dim;
            _a = a.ToArray();
            _b = b.ToArray();
            if (dim == 2)
            {
                _ax = new double[CountA]; _ay = new double[CountA];
                _bx = new double[CountB]; _by = new double[CountB];
                for (int i = 0; i < CountA; i++) { _ax[i] = a[2 * i]; _ay[i] = a[2 * i + 1]; }
                for (int j = 0; j < CountB; j++) { _bx[j] = b[2 * j]; _by[j] = b[2 * j + 1]; }
            }
        }

        public int Dim { get; }
        public double[] AX => _ax;
        public double[] AY => _ay;
        public double[] BX => _bx;
        public double[] BY => _by;
        public int CountA { get; }
        public int CountB { get; }

        public double SquaredDistance(int i, int j)
        {
            if (Dim == 2)
            {
                double dx = _ax[i] - _bx[j], dy = _ay[i] - _by[j];
                return dx * dx + dy * dy;
            }
            var x = _a.AsSpan(i * Dim, Dim);
            var y = _b.AsSpan(j * Dim, Dim);
            double sum = 0;
            for (int d = 0; d < x.Length; d++)
            {
                double diff = x[d] - y[d];
                sum += diff * diff;
            }
            return sum;
        }

        public double Distance(int i, int j) => Math.Sqrt(SquaredDistance(i, j));

        public double ProjectA(int i, double cx, double cy) => Project(_a, i, cx, cy);

        public double ProjectB(int j, double cx, double cy) => Project(_b, j, cx, cy);

        private double Project(double[] values, int p, double cx, double cy)
            => Dim == 1 ? values[p] : cx * values[p * Dim] + cy * values[p * Dim + 1];
    }
}
