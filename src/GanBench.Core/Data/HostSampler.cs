using GanBench.Core.Config;
using GanBench.Core.Metrics;

namespace GanBench.Core.Data;

/// <summary>
/// Draws a 2-D toy dataset on the host with a seeded generator, for scoring samples that come
/// from outside the harness (`metrics modes`) and for drawing real data under plots. Training
/// draws on the trial's device instead; both follow the same definitions.
/// </summary>
public static class HostSampler
{
    public static double[] Sample(DatasetSpec dataset, int count, int seed)
    {
        var random = new SplitMixGaussian(seed);
        int dim = dataset.Dimension;
        var values = new double[count * dim];
        for (int i = 0; i < count; i++)
        {
            if (dataset.Means.Count == 0)
            {
                // scikit-learn's make_swiss_roll, (x, z) coordinates, as gan_toy.py uses it.
                double t = 1.5 * Math.PI * (1 + 2 * random.NextOpenUniform());
                values[2 * i] = (t * Math.Cos(t) + dataset.Noise * random.NextGaussian()) / dataset.Scale;
                values[2 * i + 1] = (t * Math.Sin(t) + dataset.Noise * random.NextGaussian()) / dataset.Scale;
                continue;
            }
            var mean = dataset.Means[(int)(random.NextUInt64() % (ulong)dataset.Means.Count)];
            for (int j = 0; j < dim; j++)
                values[i * dim + j] = (mean[j] + dataset.Std * random.NextGaussian()) / dataset.Scale;
        }
        return values;
    }
}
