namespace GanBench.Core.Tests.Metrics;

/// <summary>Seeded Gaussian features for the image-metric tests.</summary>
internal static class ImageMetricsTestData
{
    public static float[] Gaussian(int seed, int count, int dim, double mean = 0, double std = 1)
    {
        var random = new Random(seed);
        var values = new float[count * dim];
        for (int t = 0; t < values.Length; t++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            values[t] = (float)(mean + std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return values;
    }

    public static float[] Rows(float[] features, int dim, int first, int count)
        => features.AsSpan(first * dim, count * dim).ToArray();

    public static float[] Shifted(float[] features, float shift)
        => Array.ConvertAll(features, v => v + shift);
}
