using GanBench.Core.Statistics;
using static GanBench.Core.Tests.Statistics.StatisticsFixtures;

namespace GanBench.Core.Tests.Statistics;

public class CorrectionTests
{
    public static TheoryData<string> StatsmodelsCases() => Names("multipletests");

    [Theory]
    [MemberData(nameof(StatsmodelsCases))]
    public void Matches_statsmodels_multipletests(string name)
    {
        var c = Case("multipletests", name);
        double[] p = c.Doubles("p");
        double[] actual = c.GetProperty("method").GetString() switch
        {
            "holm" => Correction.Holm(p),
            "fdr_bh" => Correction.BenjaminiHochberg(p),
            var other => throw new ArgumentException(other),
        };
        double[] expected = c.Doubles("adjusted");
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], actual[i], $"{name}[{i}]", 1e-14);
    }

    [Fact]
    public void Holm_by_hand()
    {
        // Sorted 0.01, 0.02, 0.04 times 3, 2, 1 = 0.03, 0.04, 0.04 (the running maximum lifts the last).
        Assert.Equal([0.04, 0.03, 0.04], Correction.Holm([0.04, 0.01, 0.02]), new Tolerance(1e-15));
    }

    [Fact]
    public void Benjamini_Hochberg_by_hand()
    {
        // Sorted 0.01, 0.02, 0.04 divided by 1/3, 2/3, 3/3 = 0.03, 0.03, 0.04.
        Assert.Equal([0.04, 0.03, 0.03], Correction.BenjaminiHochberg([0.04, 0.01, 0.02]), new Tolerance(1e-15));
    }

    [Fact]
    public void Empty_family_gives_empty_result_and_bad_p_values_are_refused()
    {
        Assert.Empty(Correction.Holm([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Correction.Holm([0.1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Correction.BenjaminiHochberg([1.5]));
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= epsilon;
        public int GetHashCode(double value) => 0;
    }
}
