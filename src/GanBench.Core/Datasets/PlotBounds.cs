namespace GanBench.Core.Datasets;

/// <summary>The square window in which 2-D samples and the critic surface are recorded and drawn.</summary>
public sealed record PlotBounds(double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>Depends on the dataset alone, so every trial and seed of a dataset is drawn in the same window (see each kind's Bounds).</summary>
    public static PlotBounds For(DatasetSpec dataset) => Datasets.DatasetKinds.Of(dataset).Bounds(dataset);
}
