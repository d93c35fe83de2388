using GanBench.Core.Statistics;
using static GanBench.Core.Tests.Statistics.StatisticsFixtures;

namespace GanBench.Core.Tests.Statistics;

public class MannWhitneyTests
{
    public static TheoryData<string> ScipyCases() => Names("mannwhitneyu");

    [Theory]
    [MemberData(nameof(ScipyCases))]
    public void Matches_scipy_mannwhitneyu_auto(string name)
    {
        var c = Case("mannwhitneyu", name);
        var result = MannWhitney.Test(c.Doubles("x"), c.Doubles("y"), ParseAlternative(c.GetProperty("alternative").GetString()!));

        // Method first: a wrong branch explains a wrong p better than the p does.
        var expectedMethod = c.GetProperty("method").GetString() == "exact" ? MannWhitneyMethod.Exact : MannWhitneyMethod.Asymptotic;
        Assert.Equal(expectedMethod, result.Method);
        Assert.Equal(c.GetProperty("u1").GetDouble(), result.U1);
        AssertClose(c.GetProperty("p").GetDouble(), result.PValue, name);
    }

    [Fact]
    public void Fixtures_exercise_both_methods_ties_and_30_seeds()
    {
        var cases = Section("mannwhitneyu").ToList();
        Assert.Contains(cases, c => c.GetProperty("method").GetString() == "exact");
        Assert.Contains(cases, c => c.GetProperty("method").GetString() == "asymptotic" && c.GetProperty("x").GetArrayLength() < 9);
        Assert.Contains(cases, c => c.GetProperty("x").GetArrayLength() == 30);
        Assert.True(cases.Count >= 90, $"only {cases.Count} cases");
    }

    [Fact]
    public void Exact_p_of_a_hand_enumerable_case()
    {
        // x = [2, 3], y = [1]: U1 = 2 of 2 pairs. The C(3,2) = 3 equally likely rankings give U1 = 0, 1, 2,
        // so P(U1 >= 2) = 1/3 and the two-sided p is 2/3.
        var greater = MannWhitney.Test([2.0, 3.0], [1.0], Alternative.Greater);
        Assert.Equal(2.0, greater.U1);
        Assert.Equal(1.0 / 3.0, greater.PValue, 15);
        Assert.Equal(2.0 / 3.0, MannWhitney.Test([2.0, 3.0], [1.0]).PValue, 15);
    }

    [Fact]
    public void Smallest_attainable_p_for_5_vs_5_is_two_over_C_10_5()
    {
        Assert.Equal(2.0 / 252.0, MannWhitney.SmallestAttainableP(5, 5, Alternative.TwoSided), 15);
        Assert.Equal(1.0 / 252.0, MannWhitney.SmallestAttainableP(5, 5, Alternative.Greater), 15);
        Assert.Equal(1.0 / 252.0, MannWhitney.SmallestAttainableP(5, 5, Alternative.Less), 15);
    }

    [Fact]
    public void Smallest_attainable_p_matches_scipy_on_separated_samples()
    {
        foreach (var c in Section("smallest_p"))
        {
            int n1 = c.GetProperty("n1").GetInt32(), n2 = c.GetProperty("n2").GetInt32();
            var alternative = ParseAlternative(c.GetProperty("alternative").GetString()!);
            AssertClose(c.GetProperty("p").GetDouble(), MannWhitney.SmallestAttainableP(n1, n2, alternative), $"{n1} vs {n2} {alternative}");
        }
    }

    [Fact]
    public void Three_seeds_each_cannot_reach_five_percent_after_correcting_for_four_cells()
    {
        // 1/C(6,3) = 0.05 > 0.05/4: the gate must report such a cell as unable to flag anything.
        Assert.Equal(0.05, MannWhitney.SmallestAttainableP(3, 3, Alternative.Less), 15);
        Assert.True(MannWhitney.SmallestAttainableP(3, 3, Alternative.Less) > 0.05 / 4);
    }

    [Fact]
    public void Swapping_samples_swaps_the_one_sided_alternatives()
    {
        double[] x = [1.2, 3.4, 0.5, 2.2, 9.0, 4.4, 5.1, 0.1, 7.7, 6.3];
        double[] y = [2.0, 1.1, 0.3, 0.4, 3.3, 2.7, 1.9, 0.8, 5.5, 1.5];
        Assert.Equal(MannWhitney.Test(x, y, Alternative.Greater).PValue, MannWhitney.Test(y, x, Alternative.Less).PValue, 15);
        Assert.Equal(MannWhitney.Test(x, y).PValue, MannWhitney.Test(y, x).PValue, 15);
    }

    [Fact]
    public void Empty_or_non_finite_samples_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MannWhitney.Test([], [1.0]));
        Assert.Throws<ArgumentException>(() => MannWhitney.Test([1.0], [double.PositiveInfinity]));
    }

    internal static Alternative ParseAlternative(string scipyName) => scipyName switch
    {
        "two-sided" => Alternative.TwoSided,
        "greater" => Alternative.Greater,
        "less" => Alternative.Less,
        _ => throw new ArgumentException(scipyName),
    };
}
