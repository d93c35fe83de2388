using GanBench.Core.Datasets;

namespace GanBench.Reports;

/// <summary>Points of a 2-D dataset for the background of sample plots, drawn on the host with a fixed seed, so a report needs no TorchSharp and redraws the same picture every time.</summary>
public static class RealData
{
    public const int Seed = 12345;

    public static (double[] X, double[] Y) Sample(DatasetSpec spec, int count)
    {
        var flat = GanBench.Core.Datasets.DatasetKinds.SampleHost(spec, count, Seed);
        var xs = new double[count];
        var ys = new double[count];
        for (int i = 0; i < count; i++)
        {
            xs[i] = flat[i * spec.Dimension];
            ys[i] = spec.Dimension > 1 ? flat[i * spec.Dimension + 1] : 0;
        }
        return (xs, ys);
    }
}
