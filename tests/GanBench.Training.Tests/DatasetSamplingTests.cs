using GanBench.Core.Datasets;
using GanBench.Training.Data;
using TorchSharp;

namespace GanBench.Training.Tests;

/// <summary>
/// Every point dataset kind writes its sampler once; the host (plots, `metrics`) and the device
/// (training) run it with different arithmetic. Both must draw the same distribution.
/// </summary>
public class DatasetSamplingTests
{
    public static TheoryData<string> PointPresets => new(DatasetKinds.All.Where(k => !k.IsImage).SelectMany(k => k.Presets.Select(p => p.Name)));

    private static (double MeanX, double MeanY, double VarX, double VarY) Moments(double[] xy)
    {
        int n = xy.Length / 2;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += xy[2 * i]; my += xy[2 * i + 1]; }
        mx /= n; my /= n;
        double vx = 0, vy = 0;
        for (int i = 0; i < n; i++) { vx += (xy[2 * i] - mx) * (xy[2 * i] - mx); vy += (xy[2 * i + 1] - my) * (xy[2 * i + 1] - my); }
        return (mx, my, vx / n, vy / n);
    }

    [Theory]
    [MemberData(nameof(PointPresets))]
    public void Host_and_device_samplers_draw_the_same_distribution(string preset)
    {
        const int count = 40_000;
        var spec = DatasetKinds.Preset(preset)!;
        var host = Moments(DatasetKinds.SampleHost(spec, count, seed: 3));
        using var distribution = new PointDistribution(spec, torch.CPU);
        using var random = new torch.Generator(3);
        using var batch = distribution.Sample(count, random);
        Assert.Equal([count, 2L], batch.shape);
        var device = Moments(batch.to_type(torch.ScalarType.Float64).data<double>().ToArray());
        // Sampling error of a mean is sd/sqrt(n) (0.5% of sd here); 6 of those, or 5% of a variance, is a real difference.
        double sx = Math.Sqrt(host.VarX), sy = Math.Sqrt(host.VarY);
        Assert.InRange(device.MeanX - host.MeanX, -6 * sx / Math.Sqrt(count) - 1e-6, 6 * sx / Math.Sqrt(count) + 1e-6);
        Assert.InRange(device.MeanY - host.MeanY, -6 * sy / Math.Sqrt(count) - 1e-6, 6 * sy / Math.Sqrt(count) + 1e-6);
        Assert.InRange(device.VarX / host.VarX, 0.95, 1.05);
        Assert.InRange(device.VarY / host.VarY, 0.95, 1.05);
    }
}
