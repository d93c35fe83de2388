using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GanBench.Core.Metrics;

/// <summary>
/// A feature set copied into the two layouts the dot-product tile kernel reads, after subtracting a
/// common centre. Centring does not change distances but keeps ‖a‖²+‖b‖²−2a·b from cancelling
/// catastrophically when features sit far from the origin (post-ReLU classifier features do).
/// </summary>
internal sealed class PackedFeatures
{
    public int Count { get; }
    public int Dim { get; }

    /// <summary>Tiles of <see cref="SquaredDistanceTiles.TileRows"/> samples, k-major, so a tile row is a broadcast.</summary>
    public float[] Rows { get; }

    /// <summary>Panels of <see cref="SquaredDistanceTiles.PanelColumns"/> samples, k-major, so a panel column is a vector load.</summary>
    public float[] Columns { get; }

    /// <summary>Squared norms of the centred samples; +∞ for padding, so padded pairs never fall inside a radius.</summary>
    public float[] SquaredNorms { get; }

    public int RowTiles => (Count + SquaredDistanceTiles.TileRows - 1) / SquaredDistanceTiles.TileRows;
    public int ColumnPanels => (Count + SquaredDistanceTiles.PanelColumns - 1) / SquaredDistanceTiles.PanelColumns;

    public PackedFeatures(float[] features, int count, int dim, float[] centre)
    {
        const int mr = SquaredDistanceTiles.TileRows, nr = SquaredDistanceTiles.PanelColumns;
        Count = count;
        Dim = dim;
        Rows = new float[RowTiles * mr * dim];
        Columns = new float[ColumnPanels * nr * dim];
        SquaredNorms = new float[Math.Max(RowTiles * mr, ColumnPanels * nr)];
        Array.Fill(SquaredNorms, float.PositiveInfinity);

        var rows = Rows;
        var columns = Columns;
        var norms = SquaredNorms;
        Parallel.For(0, ColumnPanels, panel =>
        {
            int first = panel * nr, end = Math.Min(first + nr, count);
            for (int i = first; i < end; i++)
            {
                var source = features.AsSpan(i * dim, dim);
                int tile = i / mr, inTile = i % mr, inPanel = i - first;
                // The same fused float chain, in the same order, as a lane of SquaredDistanceTile: identical samples
                // then get a squared distance of exactly 0 (a collapsed generator's radii are 0, as in
                // prdc), instead of round-off that could exceed a distance.
                float norm = 0;
                for (int k = 0; k < dim; k++)
                {
                    float v = source[k] - centre[k];
                    norm = MathF.FusedMultiplyAdd(v, v, norm);
                    rows[(tile * dim + k) * mr + inTile] = v;
                    columns[(panel * dim + k) * nr + inPanel] = v;
                }
                norms[i] = norm;
            }
        });
    }
}

/// <summary>
/// Squared Euclidean distances between two packed sets, produced a 6×16 tile at a time and handed
/// to a visitor, so that no n×m matrix ever exists. Work is split into blocks of row tiles for
/// Parallel.For; each block walks every column panel, so a panel (16 × dim floats) stays in L1
/// while the block's rows (≤ 96 × dim floats) stay in L2.
/// </summary>
internal static class SquaredDistanceTiles
{
    public const int TileRows = 6;
    public const int PanelColumns = 16;
    private const int TilesPerBlock = 16;

    /// <param name="rowTile">Tile index in <paramref name="a"/>: rows rowTile·6 … +5.</param>
    /// <param name="panel">Panel index in <paramref name="b"/>: columns panel·16 … +15.</param>
    /// <param name="squared">6×16 row-major squared distances, clamped at 0; +∞ against padded columns.</param>
    public delegate void Visitor<TLocal>(TLocal local, int rowTile, int panel, ReadOnlySpan<float> squared);

    public static void ForEach<TLocal>(PackedFeatures a, PackedFeatures b, Func<TLocal> localInit,
        Visitor<TLocal> visit, Action<TLocal> localFinally)
    {
        int dim = a.Dim;
        int tiles = a.RowTiles;
        int blocks = (tiles + TilesPerBlock - 1) / TilesPerBlock;
        Parallel.For(0, blocks, localInit, (block, _, local) =>
        {
            Span<float> squared = stackalloc float[TileRows * PanelColumns];
            ref float tileOut = ref MemoryMarshal.GetReference(squared);
            int firstTile = block * TilesPerBlock, endTile = Math.Min(firstTile + TilesPerBlock, tiles);
            for (int panel = 0; panel < b.ColumnPanels; panel++)
            {
                ref float panelData = ref b.Columns[panel * PanelColumns * dim];
                ref float panelNorms = ref b.SquaredNorms[panel * PanelColumns];
                for (int t = firstTile; t < endTile; t++)
                {
                    SquaredDistanceTile(ref a.Rows[t * TileRows * dim], ref panelData, dim,
                        ref a.SquaredNorms[t * TileRows], ref panelNorms, ref tileOut);
                    visit(local, t, panel, squared);
                }
            }
            return local;
        }, localFinally);
    }

    /// <summary>
    /// out[r, c] = max(0, ‖a_r‖² + ‖b_c‖² − 2·Σₖ a[k, r]·b[k, c]). Twelve 8-wide accumulators plus
    /// two loads and a broadcast fill the 16 AVX registers without spilling, and are enough
    /// independent FMA chains to hide the FMA latency on two ports.
    /// </summary>
    /// <remarks>
    /// The dot products are fused (not MultiplyAddEstimate) so that they match the norms bit for
    /// bit on every machine: for a·b = ‖a‖² = ‖b‖² the last step is exact (a doubling, a scaling
    /// by −2, a cancellation), so equal samples give exactly 0. Otherwise round-off can make the
    /// result slightly negative, which is clamped.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SquaredDistanceTile(ref float a, ref float b, int dim, ref float rowNorms, ref float columnNorms, ref float output)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int k = 0; k < dim; k++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var b1 = Vector256.LoadUnsafe(ref b, 8);
            var x = Vector256.Create(a);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, TileRows);
            b = ref Unsafe.Add(ref b, PanelColumns);
        }
        var n0 = Vector256.LoadUnsafe(ref columnNorms);
        var n1 = Vector256.LoadUnsafe(ref columnNorms, 8);
        StoreRow(ref output, 0, Unsafe.Add(ref rowNorms, 0), n0, n1, c00, c01);
        StoreRow(ref output, 1, Unsafe.Add(ref rowNorms, 1), n0, n1, c10, c11);
        StoreRow(ref output, 2, Unsafe.Add(ref rowNorms, 2), n0, n1, c20, c21);
        StoreRow(ref output, 3, Unsafe.Add(ref rowNorms, 3), n0, n1, c30, c31);
        StoreRow(ref output, 4, Unsafe.Add(ref rowNorms, 4), n0, n1, c40, c41);
        StoreRow(ref output, 5, Unsafe.Add(ref rowNorms, 5), n0, n1, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(ref float output, int row, float rowNorm, Vector256<float> n0, Vector256<float> n1,
        Vector256<float> dot0, Vector256<float> dot1)
    {
        var minusTwo = Vector256.Create(-2f);
        var r = Vector256.Create(rowNorm);
        var d0 = Vector256.FusedMultiplyAdd(minusTwo, dot0, r + n0);
        var d1 = Vector256.FusedMultiplyAdd(minusTwo, dot1, r + n1);
        Vector256.Max(d0, Vector256<float>.Zero).StoreUnsafe(ref output, (nuint)(row * PanelColumns));
        Vector256.Max(d1, Vector256<float>.Zero).StoreUnsafe(ref output, (nuint)(row * PanelColumns + 8));
    }
}
