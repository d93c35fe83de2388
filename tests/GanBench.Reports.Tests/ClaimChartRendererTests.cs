using GanBench.Core.Claims;

namespace GanBench.Reports.Tests;

public class ClaimChartRendererTests
{
    [Fact]
    public void Draws_a_png_and_says_how_many_points_a_log_axis_could_not_show()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ganbench-chart-" + Guid.NewGuid().ToString("N"));
        try
        {
            var chart = new ClaimChart("t", "x", "y", LogX: true, LogY: true,
                [new ChartSeries("a", [1e-3, 1e-2, 0, 1], [1, 2, 3, double.NaN]), new ChartSeries("b", [1, 10], [5, 50], Dashed: true)], "caption");
            string path = Path.Combine(dir, "plots", "claim1-1.png");
            string? note = ClaimChartRenderer.Save(chart, path);
            Assert.Equal("t: 2 point(s) not drawn (not finite, or ≤ 0 on a log axis)", note);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
            Assert.Null(ClaimChartRenderer.Save(chart with { Series = [chart.Series[1]] }, path));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void Log_axis_labels_write_thousands_in_full() =>
        Assert.Contains((3.0, "1000"), Figure.LogTicks(0, 6).Select(t => (Math.Round(t.Position, 6), t.Label)));
}
