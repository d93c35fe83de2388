namespace GanBench.Core.Config;

/// <summary>The square window in which 2-D samples and the critic surface are recorded and drawn.</summary>
public sealed record PlotBounds(double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>
    /// Depends on the dataset alone, so every trial and seed of a dataset is drawn in the same
    /// window: the means' bounding box plus a quarter of its span and four component std, or the
    /// Swiss roll's known extent after scaling.
    /// </summary>
    public static PlotBounds For(DatasetSpec dataset)
    {
        if (dataset.Means.Count == 0)
        {
            // make_swiss_roll's (x, z) lie within |t| ≤ 4.5π ≈ 14.2 before the division by the scale.
            double half = (4.5 * Math.PI + 3 * dataset.Noise) / dataset.Scale * 1.1;
            return new PlotBounds(-half, half, -half, half);
        }
        double xMin = dataset.Means.Min(m => m[0]), xMax = dataset.Means.Max(m => m[0]);
        double yMin = dataset.Means.Min(m => m.Length > 1 ? m[1] : 0), yMax = dataset.Means.Max(m => m.Length > 1 ? m[1] : 0);
        double span = Math.Max(Math.Max(xMax - xMin, yMax - yMin), 1e-3);
        double margin = 0.25 * span + 4 * dataset.Std / dataset.Scale;
        double cx = (xMin + xMax) / 2, cy = (yMin + yMax) / 2, r = span / 2 + margin;
        return new PlotBounds(cx - r, cx + r, cy - r, cy + r);
    }
}
