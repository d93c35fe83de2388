using GanBench.Core.Config;

namespace GanBench.Reports;

/// <summary>Draws points of a 2-D dataset from its spec, for the background of sample plots.</summary>
/// <remarks>The same distribution the trainer samples (ToyDistribution), drawn here in plain C# with a
/// fixed seed so a report needs no TorchSharp and redraws the same picture every time.</remarks>
public static class RealData
{
    public static (double[] X, double[] Y) Sample(DatasetSpec spec, int count, int seed = 12345)
    {
        var random = new Random(seed);
        double Gaussian()
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
        var xs = new double[count];
        var ys = new double[count];
        for (int i = 0; i < count; i++)
        {
            double x, y;
            if (spec.Means.Count == 0)
            {
                // scikit-learn's make_swiss_roll, coordinates (x, z), as in ToyDistribution.
                double t = 1.5 * Math.PI * (1 + 2 * random.NextDouble());
                x = t * Math.Cos(t) + Gaussian() * spec.Noise;
                y = t * Math.Sin(t) + Gaussian() * spec.Noise;
            }
            else
            {
                var mean = spec.Means[random.Next(spec.Means.Count)];
                x = mean[0] + Gaussian() * spec.Std;
                y = (mean.Length > 1 ? mean[1] : 0.0) + Gaussian() * spec.Std;
            }
            xs[i] = x / spec.Scale;
            ys[i] = y / spec.Scale;
        }
        return (xs, ys);
    }
}
