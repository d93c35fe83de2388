using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GanBench.Core.Metrics;

/// <summary>
/// Improved precision/recall (Kynkäänniemi et al. 2019) and density/coverage (Naeem et al. 2020),
/// each a fraction except density, which is 1 in expectation when fakes follow the real distribution.
/// </summary>
public sealed record ManifoldScores(double Precision, double Recall, double Density, double Coverage);

/// <summary>
/// k-nearest-neighbour manifold metrics on feature vectors, computed as the `prdc` package does
/// (Euclidean distances, radius = distance to the k-th nearest other sample, strict &lt;), but in
/// row blocks of squared distances so that 10k × 10k samples need no 10k × 10k matrix.
/// </summary>
/// <remarks>
/// Distances are computed in single precision through ‖a‖² + ‖b‖² − 2a·b on centred features; a
/// comparison can differ from a double-precision reference only when a distance lies within about
/// 1e-6 (relative) of a radius. Equal samples are at exactly 0, so a collapsed generator has radii
/// of exactly 0 as in prdc. Non-finite features are rejected rather than silently failing every
/// comparison.
/// </remarks>
public static class ManifoldMetrics
{
    public static ManifoldScores Compute(float[] real, int realCount, float[] fake, int fakeCount, int dim,
        int kPrecisionRecall = 3, int kDensityCoverage = 5)
    {
        if (kPrecisionRecall < 1)
            throw new ArgumentException($"kPrecisionRecall must be at least 1, got {kPrecisionRecall}.", nameof(kPrecisionRecall));
        if (kDensityCoverage < 1)
            throw new ArgumentException($"kDensityCoverage must be at least 1, got {kDensityCoverage}.", nameof(kDensityCoverage));
        int kReal = Math.Max(kPrecisionRecall, kDensityCoverage);
        // A radius is the distance to the k-th nearest *other* sample, so k + 1 samples are the minimum.
        FeatureMatrix.Validate(real, realCount, dim, nameof(real), kReal + 1,
            $"a real radius (distance to the k={kReal}-th nearest other real sample)");
        FeatureMatrix.Validate(fake, fakeCount, dim, nameof(fake), kPrecisionRecall + 1,
            $"a fake radius (distance to the k={kPrecisionRecall}-th nearest other fake sample)");

        var centre = Array.ConvertAll(FeatureMatrix.Mean(real, realCount, dim), m => (float)m);
        var reals = new PackedFeatures(real, realCount, dim, centre);
        var fakes = new PackedFeatures(fake, fakeCount, dim, centre);

        var realNeighbours = NearestOthers(reals, kReal);
        var fakeNeighbours = NearestOthers(fakes, kPrecisionRecall);
        var realRadiusPr = Radii(realNeighbours, realCount, kReal, kPrecisionRecall, PaddedLength(reals));
        var realRadiusDc = Radii(realNeighbours, realCount, kReal, kDensityCoverage, PaddedLength(reals));
        var fakeRadiusPr = Radii(fakeNeighbours, fakeCount, kPrecisionRecall, kPrecisionRecall, PaddedLength(fakes));

        var counts = CrossCounts.Run(reals, fakes, realRadiusPr, realRadiusDc, fakeRadiusPr);

        int precise = 0;
        long densityHits = 0;
        for (int j = 0; j < fakeCount; j++)
        {
            if (counts.PrecisionHits[j] > 0) precise++;
            densityHits += counts.DensityHits[j];
        }
        int recalled = 0, covered = 0;
        for (int i = 0; i < realCount; i++)
        {
            recalled += counts.Recalled[i];
            covered += counts.Covered[i];
        }
        // Same operation order as prdc: (1/k) · mean over fakes of the per-fake count.
        return new ManifoldScores(
            Precision: (double)precise / fakeCount,
            Recall: (double)recalled / realCount,
            Density: 1.0 / kDensityCoverage * ((double)densityHits / fakeCount),
            Coverage: (double)covered / realCount);
    }

    private static int PaddedLength(PackedFeatures set) => set.SquaredNorms.Length;

    /// <summary>Per sample, the k smallest squared distances to other samples of the same set, ascending.</summary>
    private static float[] NearestOthers(PackedFeatures set, int k)
    {
        var smallest = new float[set.Count * k];
        Array.Fill(smallest, float.PositiveInfinity);
        SquaredDistanceTiles.ForEach<object?>(set, set, () => null, (_, rowTile, panel, squared) =>
        {
            int firstRow = rowTile * SquaredDistanceTiles.TileRows;
            int firstColumn = panel * SquaredDistanceTiles.PanelColumns;
            int rows = Math.Min(SquaredDistanceTiles.TileRows, set.Count - firstRow);
            for (int r = 0; r < rows; r++)
            {
                int i = firstRow + r;
                var list = smallest.AsSpan(i * k, k);
                var row = squared.Slice(r * SquaredDistanceTiles.PanelColumns, SquaredDistanceTiles.PanelColumns);
                uint below = BelowMask(row, list[k - 1]);
                while (below != 0)
                {
                    int c = BitOperations.TrailingZeroCount(below);
                    below &= below - 1;
                    // Self is dropped by index, as prdc drops it by taking partition index k; an exact
                    // duplicate of i is a genuine neighbour at 0 and is kept, as in prdc.
                    if (firstColumn + c == i) continue;
                    // The mask was taken against the threshold before this tile's earlier insertions lowered it.
                    if (row[c] < list[k - 1]) Insert(list, row[c]);
                }
            }
        }, _ => { });
        return smallest;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint BelowMask(ReadOnlySpan<float> row, float threshold)
    {
        ref float start = ref MemoryMarshal.GetReference(row);
        var t = Vector256.Create(threshold);
        uint low = Vector256.LessThan(Vector256.LoadUnsafe(ref start), t).ExtractMostSignificantBits();
        uint high = Vector256.LessThan(Vector256.LoadUnsafe(ref start, 8), t).ExtractMostSignificantBits();
        return low | high << 8;
    }

    /// <summary>Keeps <paramref name="list"/> the ascending k smallest values seen; the caller knows value &lt; list[^1].</summary>
    private static void Insert(Span<float> list, float value)
    {
        int position = list.Length - 1;
        while (position > 0 && list[position - 1] > value)
        {
            list[position] = list[position - 1];
            position--;
        }
        list[position] = value;
    }

    /// <summary>
    /// Squared k-th-neighbour radii, padded with −∞ so padded samples count for nothing. A radius is
    /// never +∞ with finite inputs unless the squared distance overflowed float; such a ball is
    /// treated as empty rather than as containing everything.
    /// </summary>
    private static float[] Radii(float[] smallest, int count, int stride, int k, int paddedLength)
    {
        var radii = new float[paddedLength];
        Array.Fill(radii, float.NegativeInfinity);
        for (int i = 0; i < count; i++)
        {
            float r = smallest[i * stride + k - 1];
            radii[i] = float.IsFinite(r) ? r : float.NegativeInfinity;
        }
        return radii;
    }

    /// <summary>The real × fake pass: per fake, how many real balls contain it; per real, whether any fake ball contains it, and whether it is covered.</summary>
    private sealed class CrossCounts
    {
        public required int[] PrecisionHits { get; init; }
        public required int[] DensityHits { get; init; }
        public required byte[] Recalled { get; init; }
        public required byte[] Covered { get; init; }

        public static CrossCounts Run(PackedFeatures reals, PackedFeatures fakes,
            float[] realRadiusPr, float[] realRadiusDc, float[] fakeRadiusPr)
        {
            const int nr = SquaredDistanceTiles.PanelColumns;
            int fakeSlots = fakes.ColumnPanels * nr;
            var result = new CrossCounts
            {
                PrecisionHits = new int[fakeSlots],
                DensityHits = new int[fakeSlots],
                Recalled = new byte[reals.Count],
                Covered = new byte[reals.Count],
            };
            var gate = new object();
            // Fakes are columns, shared by every row block, so their counts are per worker and summed at the end;
            // reals are rows, each owned by one block, so their flags are written directly.
            SquaredDistanceTiles.ForEach(reals, fakes,
                () => (Precision: new int[fakeSlots], Density: new int[fakeSlots]),
                (local, rowTile, panel, squared) =>
                {
                    int firstRow = rowTile * SquaredDistanceTiles.TileRows;
                    int firstColumn = panel * nr;
                    int rows = Math.Min(SquaredDistanceTiles.TileRows, reals.Count - firstRow);
                    ref float tile = ref MemoryMarshal.GetReference(squared);
                    var fakeRadius0 = Vector256.LoadUnsafe(ref fakeRadiusPr[firstColumn]);
                    var fakeRadius1 = Vector256.LoadUnsafe(ref fakeRadiusPr[firstColumn], 8);
                    // Comparison masks are all-ones (−1 as int) where true, so subtracting them counts hits.
                    Vector256<int> precision0 = default, precision1 = default, density0 = default, density1 = default;
                    for (int r = 0; r < rows; r++)
                    {
                        int i = firstRow + r;
                        var d0 = Vector256.LoadUnsafe(ref tile, (nuint)(r * nr));
                        var d1 = Vector256.LoadUnsafe(ref tile, (nuint)(r * nr + 8));
                        var pr = Vector256.Create(realRadiusPr[i]);
                        var dc = Vector256.Create(realRadiusDc[i]);
                        var inDc0 = Vector256.LessThan(d0, dc);
                        var inDc1 = Vector256.LessThan(d1, dc);
                        precision0 -= Vector256.LessThan(d0, pr).AsInt32();
                        precision1 -= Vector256.LessThan(d1, pr).AsInt32();
                        density0 -= inDc0.AsInt32();
                        density1 -= inDc1.AsInt32();
                        if ((inDc0 | inDc1).ExtractMostSignificantBits() != 0) result.Covered[i] = 1;
                        if ((Vector256.LessThan(d0, fakeRadius0) | Vector256.LessThan(d1, fakeRadius1)).ExtractMostSignificantBits() != 0)
                            result.Recalled[i] = 1;
                    }
                    ref int p = ref local.Precision[firstColumn];
                    (Vector256.LoadUnsafe(ref p) + precision0).StoreUnsafe(ref p);
                    (Vector256.LoadUnsafe(ref p, 8) + precision1).StoreUnsafe(ref p, 8);
                    ref int d = ref local.Density[firstColumn];
                    (Vector256.LoadUnsafe(ref d) + density0).StoreUnsafe(ref d);
                    (Vector256.LoadUnsafe(ref d, 8) + density1).StoreUnsafe(ref d, 8);
                },
                local =>
                {
                    lock (gate)
                    {
                        for (int j = 0; j < fakeSlots; j++)
                        {
                            result.PrecisionHits[j] += local.Precision[j];
                            result.DensityHits[j] += local.Density[j];
                        }
                    }
                });
            return result;
        }
    }
}
