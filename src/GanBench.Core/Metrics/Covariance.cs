using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GanBench.Core.Metrics;

/// <summary>
/// Unbiased sample covariance of float features, accumulated in double. MathNet's managed
/// XᵀX takes ~1.6 s for 10k × 384; this blocked kernel exploits symmetry and both cores instead.
/// </summary>
internal static class Covariance
{
    private const int PanelWidth = 8;
    // 128 centred rows × 384 dims × 8 bytes ≈ 390 KB: one chunk stays in a 512 KB L2 while every
    // panel pair that reads it is accumulated.
    private const int ChunkRows = 128;

    public static double[,] Unbiased(float[] features, int count, int dim, double[] mean)
    {
        int panels = (dim + PanelWidth - 1) / PanelWidth;
        int padded = panels * PanelWidth;
        int slices = Math.Clamp(count / ChunkRows, 1, Environment.ProcessorCount);
        var partials = new double[slices][];
        Parallel.For(0, slices, slice =>
        {
            int begin = (int)((long)count * slice / slices);
            int end = (int)((long)count * (slice + 1) / slices);
            var sums = new double[padded * padded];
            var packed = new double[panels * ChunkRows * PanelWidth];
            for (int chunk = begin; chunk < end; chunk += ChunkRows)
            {
                int rows = Math.Min(ChunkRows, end - chunk);
                Pack(features, chunk, rows, dim, mean, packed);
                for (int p = 0; p < panels; p++)
                    for (int half = 0; half < PanelWidth; half += 4)
                        for (int q = p; q < panels; q++)
                            Accumulate4x8(
                                ref packed[p * ChunkRows * PanelWidth + half],
                                ref packed[q * ChunkRows * PanelWidth],
                                rows,
                                ref sums[(p * PanelWidth + half) * padded + q * PanelWidth],
                                padded);
            }
            partials[slice] = sums;
        });

        var covariance = new double[dim, dim];
        double scale = 1.0 / (count - 1);
        for (int i = 0; i < dim; i++)
        {
            for (int j = i; j < dim; j++)
            {
                double sum = 0;
                foreach (var partial in partials) sum += partial[i * padded + j];
                covariance[i, j] = covariance[j, i] = sum * scale;
            }
        }
        return covariance;
    }

    /// <summary>Centred rows into panels of 8 columns, row-major within a panel; padded columns are 0.</summary>
    private static void Pack(float[] features, int firstRow, int rows, int dim, double[] mean, double[] packed)
    {
        int panels = (dim + PanelWidth - 1) / PanelWidth;
        for (int i = 0; i < rows; i++)
        {
            var source = features.AsSpan((firstRow + i) * dim, dim);
            for (int p = 0; p < panels; p++)
            {
                var target = packed.AsSpan((p * ChunkRows + i) * PanelWidth, PanelWidth);
                int first = p * PanelWidth;
                for (int c = 0; c < PanelWidth; c++)
                    target[c] = first + c < dim ? source[first + c] - mean[first + c] : 0.0;
            }
        }
    }

    /// <summary>sums[r, 0..8] += Σᵢ a[i, r]·b[i, 0..8] for r &lt; 4, both read with a row stride of 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate4x8(ref double a, ref double b, int rows, ref double sums, int sumStride)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<double> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int i = 0; i < rows; i++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var b1 = Vector256.LoadUnsafe(ref b, 4);
            var x = Vector256.Create(a);
            c00 = Vector256.MultiplyAddEstimate(x, b0, c00);
            c01 = Vector256.MultiplyAddEstimate(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.MultiplyAddEstimate(x, b0, c10);
            c11 = Vector256.MultiplyAddEstimate(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.MultiplyAddEstimate(x, b0, c20);
            c21 = Vector256.MultiplyAddEstimate(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.MultiplyAddEstimate(x, b0, c30);
            c31 = Vector256.MultiplyAddEstimate(x, b1, c31);
            a = ref Unsafe.Add(ref a, PanelWidth);
            b = ref Unsafe.Add(ref b, PanelWidth);
        }
        AddTo(ref sums, c00, c01);
        AddTo(ref Unsafe.Add(ref sums, sumStride), c10, c11);
        AddTo(ref Unsafe.Add(ref sums, 2 * sumStride), c20, c21);
        AddTo(ref Unsafe.Add(ref sums, 3 * sumStride), c30, c31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(ref double row, Vector256<double> low, Vector256<double> high)
    {
        (Vector256.LoadUnsafe(ref row) + low).StoreUnsafe(ref row);
        (Vector256.LoadUnsafe(ref row, 4) + high).StoreUnsafe(ref row, 4);
    }
}
