using System.Text.Json;

namespace GanBench.Core.Tests.Statistics;

/// <summary>Reads Fixtures/statistics/expected.json, written by make_fixtures.py from scipy and statsmodels.</summary>
internal static class StatisticsFixtures
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "statistics", "expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    });

    public static IEnumerable<JsonElement> Section(string name) => Root.Value.GetProperty(name).EnumerateArray();

    public static JsonElement Case(string section, string name) =>
        Section(section).Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names(string section)
    {
        var data = new TheoryData<string>();
        foreach (var c in Section(section)) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static double[] Doubles(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Relative tolerance: a p-value of 1e-9 off by 1e-10 would be 10% wrong, so an absolute
    /// 1e-10 would let tail errors through; an expected 0 must be met exactly.</summary>
    public static void AssertClose(double expected, double actual, string what, double tolerance = 1e-10)
    {
        bool close = actual == expected || Math.Abs(actual - expected) <= tolerance * Math.Abs(expected);
        Assert.True(close, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
