using System.Globalization;
using System.Text.Json;
using GanBench.Core.Metrics;

namespace GanBench.Core.Tests.Metrics;

/// <summary>FCD and PRDC against the numpy/scipy transcriptions in Fixtures/image-metrics/make_fixtures.py.</summary>
public class ImageMetricsReferenceTests
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "image-metrics");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var property in LoadExpected().EnumerateObject()) data.Add(property.Name);
        return data;
    }

    [Fact]
    public void Every_fixture_case_is_present()
    {
        Assert.Equal(6, LoadExpected().EnumerateObject().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fcd_matches_pytorch_fid_sqrtm(string name)
    {
        var c = LoadCase(name);
        double expected = c.Expected.GetProperty("fcd").GetDouble();
        // The reference is only defined to the spread between its sqrtm and eigenvalue forms.
        double spread = c.Expected.GetProperty("fcd_reference_spread").GetDouble();
        double tolerance = Math.Max(1e-6, 10 * spread) * Math.Abs(expected);

        double actual = FrechetDistance.Compute(c.Real, c.RealCount, c.Fake, c.FakeCount, c.Dim);

        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{name}: got {actual:R}, scipy {expected:R}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prdc_matches_the_prdc_package_exactly(string name)
    {
        var c = LoadCase(name);
        var counts = c.Expected.GetProperty("counts");
        int kPr = c.Expected.GetProperty("k_pr").GetInt32();
        int kDc = c.Expected.GetProperty("k_dc").GetInt32();

        var s = ManifoldMetrics.Compute(c.Real, c.RealCount, c.Fake, c.FakeCount, c.Dim, kPr, kDc);

        // Counts first, so a failure says which decision differs; then the values bit for bit.
        Assert.Equal(counts.GetProperty("precise_fakes").GetInt32(), (int)Math.Round(s.Precision * c.FakeCount));
        Assert.Equal(counts.GetProperty("recalled_reals").GetInt32(), (int)Math.Round(s.Recall * c.RealCount));
        Assert.Equal(counts.GetProperty("density_hits").GetInt32(), (int)Math.Round(s.Density * kDc * c.FakeCount));
        Assert.Equal(counts.GetProperty("covered_reals").GetInt32(), (int)Math.Round(s.Coverage * c.RealCount));
        Assert.Equal(c.Expected.GetProperty("precision").GetDouble(), s.Precision);
        Assert.Equal(c.Expected.GetProperty("recall").GetDouble(), s.Recall);
        Assert.Equal(c.Expected.GetProperty("density").GetDouble(), s.Density);
        Assert.Equal(c.Expected.GetProperty("coverage").GetDouble(), s.Coverage);
    }

    [Fact]
    public void Collapsed_fixture_has_zero_recall_and_finite_scores()
    {
        var c = LoadCase("collapsed_fake_8d_120_vs_60");
        var s = ManifoldMetrics.Compute(c.Real, c.RealCount, c.Fake, c.FakeCount, c.Dim);
        Assert.Equal(0.0, s.Recall);
        Assert.All(new[] { s.Precision, s.Recall, s.Density, s.Coverage }, v => Assert.True(double.IsFinite(v)));
        // Σ_fake is 0, so Σ_real·Σ_fake is the zero matrix and FCD is ‖Δμ‖² + Tr Σ_real.
        var real = FrechetDistance.Fit(c.Real, c.RealCount, c.Dim);
        var fake = FrechetDistance.Fit(c.Fake, c.FakeCount, c.Dim);
        double trace = 0, meanTerm = 0;
        for (int i = 0; i < c.Dim; i++)
        {
            trace += real.Covariance[i, i];
            meanTerm += (real.Mean[i] - fake.Mean[i]) * (real.Mean[i] - fake.Mean[i]);
        }
        Assert.Equal(meanTerm + trace, FrechetDistance.Compute(real, fake), 10);
    }

    private sealed record Case(float[] Real, int RealCount, float[] Fake, int FakeCount, int Dim, JsonElement Expected);

    private static JsonElement LoadExpected()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, "expected.json")));
        return document.RootElement.GetProperty("cases").Clone();
    }

    private static Case LoadCase(string name)
    {
        var expected = LoadExpected().GetProperty(name);
        int dim = expected.GetProperty("dim").GetInt32();
        var (real, realCount) = ReadFeatures(Path.Combine(FixtureDirectory, $"{name}_real.csv"), dim);
        var (fake, fakeCount) = ReadFeatures(Path.Combine(FixtureDirectory, $"{name}_fake.csv"), dim);
        Assert.Equal(expected.GetProperty("n_real").GetInt32(), realCount);
        Assert.Equal(expected.GetProperty("n_fake").GetInt32(), fakeCount);
        return new Case(real, realCount, fake, fakeCount, dim, expected);
    }

    private static (float[] Values, int Count) ReadFeatures(string path, int dim)
    {
        var values = new List<float>();
        int rows = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            Assert.Equal(dim, fields.Length);
            foreach (var field in fields) values.Add(float.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture));
            rows++;
        }
        return (values.ToArray(), rows);
    }
}
