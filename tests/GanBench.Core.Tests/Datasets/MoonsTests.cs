using GanBench.Core.Config;
using GanBench.Core.Config.Schema;
using GanBench.Core.Datasets;
using GanBench.Core.Datasets.Kinds;
using GanBench.Training.Components;
using GanBench.Core.Fields;

namespace GanBench.Core.Tests.Datasets;

/// <summary>The two-moons dataset, added as one file (Core/Datasets/Kinds/Moons.cs).</summary>
public class MoonsTests
{
    /// <summary>Distance from a point to a unit half circle around (cx, cy), the upper or the lower half.</summary>
    private static double Arc(double px, double py, double cx, double cy, bool upper)
    {
        double dx = px - cx, dy = py - cy;
        // On the arc's side of its centre the nearest point is on the circle; beyond, an end point.
        if (upper ? dy >= 0 : dy <= 0) return Math.Abs(Math.Sqrt(dx * dx + dy * dy) - 1);
        return Math.Min(Math.Sqrt((dx - 1) * (dx - 1) + dy * dy), Math.Sqrt((dx + 1) * (dx + 1) + dy * dy));
    }

    private static double Upper(double x, double y) => Arc(x, y, 0, 0, upper: true);
    private static double Lower(double x, double y) => Arc(x, y, 1, 0.5, upper: false);

    /// <summary>Distance from a point to the nearer of make_moons' two half circles.</summary>
    private static double ToMoons(double x, double y) => Math.Min(Upper(x, y), Lower(x, y));

    [Fact]
    public void Samples_lie_on_two_interleaved_half_circles_half_on_each()
    {
        var moons = DatasetKinds.Preset("moons")!;
        Assert.Equal(("moons", 0.1, 1.0), (moons.Type, moons.Noise, moons.Scale));
        var noiseless = new Moons().Build(FieldValues.Defaults(new Moons().Fields, new Dictionary<string, double> { ["noise"] = 0 }), null);
        var points = DatasetKinds.SampleHost(noiseless, 4000, seed: 7);
        int lower = 0;
        for (int i = 0; i < points.Length; i += 2)
        {
            Assert.True(ToMoons(points[i], points[i + 1]) < 1e-9, $"({points[i]}, {points[i + 1]}) is off both moons");
            if (Lower(points[i], points[i + 1]) < Upper(points[i], points[i + 1])) lower++;
        }
        Assert.InRange(lower / 4000.0, 0.45, 0.55);

        // With noise, the distance to the curves is about the noise's scale.
        var noisy = DatasetKinds.SampleHost(moons, 4000, seed: 7);
        double mean = Enumerable.Range(0, 4000).Average(i => ToMoons(noisy[2 * i], noisy[2 * i + 1]));
        Assert.InRange(mean, 0.05, 0.1);
    }

    [Fact]
    public void Moons_are_a_preset_and_a_mapping_with_noise_and_scale_and_stay_in_their_window()
    {
        var r = ExperimentLoader.LoadText("name: t\ndatasets: [moons, {type: moons, noise: 0.05, scale: 2}]\nlosses: [{loss: wgan_gp}]\n",
            "t.yaml", ".", BuiltinComponents.Catalog());
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(["moons", "moons-noise0.05-scale2"], r.Config!.Datasets.Select(d => d.Name));
        var scaled = r.Config.Datasets[1];
        var bounds = PlotBounds.For(scaled);
        var sample = DatasetKinds.SampleHost(scaled, 2000, 1);
        for (int i = 0; i < sample.Length; i += 2)
        {
            Assert.InRange(sample[i], bounds.XMin, bounds.XMax);
            Assert.InRange(sample[i + 1], bounds.YMin, bounds.YMax);
        }
        var bad = ExperimentLoader.LoadText("name: t\ndatasets: [{type: moons, modes: 3}]\nlosses: [{loss: wgan_gp}]\n", "t.yaml", ".", BuiltinComponents.Catalog());
        Assert.Contains(bad.Errors, e => e.Message.Contains("'modes' applies to type ring, not moons"));
    }
}
