using GanBench.Core.Config;
using GanBench.Core.Data;
using GanBench.Core.Metrics;
using GanBench.Core.Datasets;

namespace GanBench.Core.Tests.Data;

public class HostSamplerTests
{
    [Theory]
    [InlineData("ring8")]
    [InlineData("grid25")]
    public void Mixture_samples_sit_on_their_modes_and_cover_all_of_them(string name)
    {
        var dataset = GanBench.Core.Datasets.DatasetKinds.Preset(name)!;
        var sample = GanBench.Core.Datasets.DatasetKinds.SampleHost(dataset, 5000, seed: 1);
        var r = ModeCoverage.Compute(sample, 2, dataset.Means, dataset.Std);
        Assert.Equal(dataset.Means.Count, r.ModesCovered);
        // Within 3 std of the right mean for a 2-D Gaussian: P(chi2_2 <= 9) = 1 - e^-4.5 = 0.9889.
        Assert.InRange(r.HqFraction, 0.98, 0.997);
    }

    [Fact]
    public void Same_seed_same_sample_and_another_seed_differs()
    {
        var ring = GanBench.Core.Datasets.DatasetKinds.Preset("ring8")!;
        Assert.Equal(GanBench.Core.Datasets.DatasetKinds.SampleHost(ring, 100, 3), GanBench.Core.Datasets.DatasetKinds.SampleHost(ring, 100, 3));
        Assert.NotEqual(GanBench.Core.Datasets.DatasetKinds.SampleHost(ring, 100, 3), GanBench.Core.Datasets.DatasetKinds.SampleHost(ring, 100, 4));
    }

    [Fact]
    public void Swiss_roll_stays_inside_its_plot_window()
    {
        var roll = GanBench.Core.Datasets.DatasetKinds.Preset("swissroll")!;
        var b = PlotBounds.For(roll);
        var sample = GanBench.Core.Datasets.DatasetKinds.SampleHost(roll, 2000, 0);
        for (int i = 0; i < sample.Length; i += 2)
        {
            Assert.InRange(sample[i], b.XMin, b.XMax);
            Assert.InRange(sample[i + 1], b.YMin, b.YMax);
        }
        Assert.True(sample.Max() > 1.2, "the roll's outer arm reaches beyond 1.2 after scaling by 7.5");
    }
}
