using System.Globalization;
using System.Text.Json;
using GanBench.Core.Metrics;

namespace GanBench.Core.Tests.Metrics;

public class WassersteinTests
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "w1");

    private static bool AgreesWithReference(double actual, double expected)
        => Math.Abs(actual - expected) <= 1e-6 * Math.Abs(expected) + 1e-9;

    public static TheoryData<string> PotCases()
    {
        var data = new TheoryData<string>();
        foreach (var name in LoadExpected().Keys)
            if (name != "ring_vs_gaussian_4096") data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(PotCases))]
    public void Exact_matches_POT_emd2(string name)
    {
        var (a, b) = LoadCase(name);
        double expected = LoadExpected()[name];

        double actual = Wasserstein.Exact(a, b, 2);

        Assert.True(AgreesWithReference(actual, expected), $"{name}: got {actual:R}, POT {expected:R}");
    }

    [Fact]
    public void Exact_handles_4096_points_and_matches_POT()
    {
        var (a, b) = LoadCase("ring_vs_gaussian_4096");
        double expected = LoadExpected()["ring_vs_gaussian_4096"];

        double actual = Wasserstein.Exact(a, b, 2);

        Assert.True(AgreesWithReference(actual, expected), $"got {actual:R}, POT {expected:R}");
    }

    [Fact]
    public void Exact_matches_permutation_brute_force_for_equal_small_sizes()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = 1 + trial % 7;
            int dim = 1 + trial % 3;
            var a = RandomPoints(random, n, dim, quantize: trial % 4 == 0);
            var b = RandomPoints(random, n, dim, quantize: trial % 4 == 0);

            double expected = BruteForcePermutations(a, b, dim);
            double actual = Wasserstein.Exact(a, b, dim);

            Assert.True(AgreesWithReference(actual, expected), $"trial {trial}: got {actual:R}, brute force {expected:R}");
        }
    }

    [Fact]
    public void Exact_matches_expanded_assignment_for_unequal_small_sizes()
    {
        var random = new Random(12);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = 1 + random.Next(9);
            int m = 1 + random.Next(9);
            int dim = 1 + trial % 3;
            var a = RandomPoints(random, n, dim, quantize: trial % 3 == 0);
            var b = RandomPoints(random, m, dim, quantize: trial % 3 == 0);

            double expected = ExpandedAssignment(a, b, dim);
            double actual = Wasserstein.Exact(a, b, dim);

            Assert.True(AgreesWithReference(actual, expected), $"trial {trial} ({n} vs {m}): got {actual:R}, reference {expected:R}");
        }
    }

    [Fact]
    public void Expanded_assignment_reference_agrees_with_permutations()
    {
        // The unequal-size reference is itself a solver; pin it to plain enumeration first.
        var random = new Random(13);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = 1 + trial % 6;
            var a = RandomPoints(random, n, 2, quantize: false);
            var b = RandomPoints(random, n, 2, quantize: false);
            Assert.Equal(BruteForcePermutations(a, b, 2), ExpandedAssignment(a, b, 2), 12);
        }
    }

    [Fact]
    public void Exact_with_medium_random_clouds_matches_expanded_assignment()
    {
        // Big enough that the sparse candidate set misses optimal arcs and the pricing loop must add them.
        var random = new Random(14);
        foreach (var (n, m) in new[] { (40, 40), (36, 24), (30, 45), (64, 16) })
        {
            var a = RandomPoints(random, n, 2, quantize: false);
            var b = RandomPoints(random, m, 2, quantize: false);
            for (int t = 0; t < b.Length; t += 2) b[t] += 3.0; // a shift forces long-range arcs
            Assert.True(AgreesWithReference(Wasserstein.Exact(a, b, 2), ExpandedAssignment(a, b, 2)), $"{n} vs {m}");
        }
    }

    [Fact]
    public void Exact_in_one_dimension_equals_sorted_formula()
    {
        var random = new Random(15);
        foreach (var (n, m) in new[] { (1, 1), (5, 5), (100, 100), (7, 3), (64, 100), (250, 101) })
        {
            var a = RandomPoints(random, n, 1, quantize: n % 2 == 0);
            var b = RandomPoints(random, m, 1, quantize: false);
            double expected = SortedQuantileIntegral(a, b);
            Assert.True(AgreesWithReference(Wasserstein.Exact(a, b, 1), expected), $"{n} vs {m}");
            Assert.True(AgreesWithReference(Wasserstein.OneDimensional(a, b), expected), $"{n} vs {m}");
        }
    }

    [Fact]
    public void OneDimensional_with_equal_sizes_is_mean_sorted_difference()
    {
        double[] a = { 3, 1, 2 };
        double[] b = { 10, 0, 5 };
        // sorted: (1,2,3) vs (0,5,10) → (1 + 3 + 7) / 3
        Assert.Equal(11.0 / 3.0, Wasserstein.OneDimensional(a, b), 14);
    }

    [Fact]
    public void OneDimensional_with_unequal_sizes_integrates_quantile_functions()
    {
        // a = {0} (mass 1), b = {0, 3} (mass 1/2 each): half the mass moves 3.
        Assert.Equal(1.5, Wasserstein.OneDimensional(new double[] { 0 }, new double[] { 0, 3 }), 14);
        // a = {0, 1, 2}, b = {0, 3}: quantiles [0,1/3)→0vs0, [1/3,1/2)→1vs0, [1/2,2/3)→1vs3, [2/3,1)→2vs3.
        Assert.Equal(1.0 / 6 + 2.0 / 6 + 1.0 / 3, Wasserstein.OneDimensional(new double[] { 0, 1, 2 }, new double[] { 0, 3 }), 14);
    }

    [Fact]
    public void Exact_is_invariant_under_translating_both_samples()
    {
        var (a, b) = LoadCase("unequal_300_vs_170");
        double original = Wasserstein.Exact(a, b, 2);
        Translate(a, 2, 17.5, -4.25);
        Translate(b, 2, 17.5, -4.25);
        Assert.True(AgreesWithReference(Wasserstein.Exact(a, b, 2), original));
    }

    [Fact]
    public void Shifting_an_identical_sample_costs_the_shift_length()
    {
        var (a, _) = LoadCase("shifted_gaussians_200");
        var b = (double[])a.Clone();
        // A rigid shift is optimal: W1 ≥ |mean difference| = |v|, and the identity matching costs |v|.
        Translate(b, 2, 0.3, 0.4);
        Assert.True(AgreesWithReference(Wasserstein.Exact(a, b, 2), 0.5));
    }

    [Fact]
    public void Identical_samples_have_zero_distance()
    {
        var (a, _) = LoadCase("duplicates_60_vs_90");
        Assert.Equal(0.0, Wasserstein.Exact(a, (double[])a.Clone(), 2), 12);
        Assert.Equal(0.0, Wasserstein.Sliced(a, (double[])a.Clone(), 2), 12);
        Assert.Equal(0.0, Wasserstein.Exact(new double[] { 1, 1, 1, 1 }, new double[] { 1, 1 }, 2));
    }

    [Fact]
    public void Sliced_is_deterministic_per_seed()
    {
        var (a, b) = LoadCase("shifted_gaussians_200");
        double first = Wasserstein.Sliced(a, b, 2, directions: 64, seed: 7);
        Assert.Equal(first, Wasserstein.Sliced(a, b, 2, directions: 64, seed: 7));
        Assert.NotEqual(first, Wasserstein.Sliced(a, b, 2, directions: 64, seed: 8));
    }

    [Theory]
    [InlineData("shifted_gaussians_200")]
    [InlineData("unequal_300_vs_170")]
    [InlineData("collapsed_vs_ring_150")]
    [InlineData("far_apart_clouds_120")]
    public void Sliced_is_a_lower_bound_of_exact(string name)
    {
        var (a, b) = LoadCase(name);
        double exact = Wasserstein.Exact(a, b, 2);
        double sliced = Wasserstein.Sliced(a, b, 2, directions: 256, seed: 3);
        Assert.True(sliced > 0);
        Assert.True(sliced <= exact * (1 + 1e-12), $"sliced {sliced:R} > exact {exact:R}");
    }

    [Fact]
    public void Sliced_in_high_dimension_is_below_exact()
    {
        var random = new Random(16);
        const int dim = 50;
        var a = RandomPoints(random, 30, dim, quantize: false);
        var b = RandomPoints(random, 20, dim, quantize: false);
        double exact = Wasserstein.Exact(a, b, dim);
        Assert.True(AgreesWithReference(exact, ExpandedAssignment(a, b, dim)));
        Assert.InRange(Wasserstein.Sliced(a, b, dim, directions: 32, seed: 1), 0.0, exact);
    }

    [Fact]
    public void Sliced_of_a_one_dimensional_sample_is_the_exact_distance()
    {
        var random = new Random(17);
        var a = RandomPoints(random, 40, 1, quantize: false);
        var b = RandomPoints(random, 25, 1, quantize: false);
        // Every unit direction in 1-D is ±1, which leaves |projected differences| unchanged.
        Assert.Equal(Wasserstein.OneDimensional(a, b), Wasserstein.Sliced(a, b, 1, directions: 5), 12);
    }

    [Fact]
    public void Invalid_arguments_are_rejected_with_a_message()
    {
        double[] ok = { 0, 0, 1, 1 };
        AssertRejected(() => Wasserstein.Exact(Array.Empty<double>(), ok, 2), "empty");
        AssertRejected(() => Wasserstein.Exact(ok, Array.Empty<double>(), 2), "empty");
        AssertRejected(() => Wasserstein.Exact(ok, ok, 0), "dim");
        AssertRejected(() => Wasserstein.Exact(new double[] { 0, 0, 1 }, ok, 2), "multiple");
        AssertRejected(() => Wasserstein.Exact(new double[] { 0, double.NaN }, ok, 2), "non-finite");
        AssertRejected(() => Wasserstein.Exact(ok, new double[] { double.PositiveInfinity, 0 }, 2), "non-finite");
        AssertRejected(() => Wasserstein.Sliced(ok, ok, 2, directions: 0), "directions");
        AssertRejected(() => Wasserstein.Sliced(ok, ok, -1), "dim");
        AssertRejected(() => Wasserstein.OneDimensional(ok, Array.Empty<double>()), "empty");
        AssertRejected(() => Wasserstein.OneDimensional(new[] { double.NaN }, ok), "non-finite");
    }

    private static void AssertRejected(Func<double> call, string messageFragment)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => call());
        Assert.Contains(messageFragment, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static double[] RandomPoints(Random random, int count, int dim, bool quantize)
    {
        var points = new double[count * dim];
        for (int t = 0; t < points.Length; t++)
        {
            // Quantized coordinates produce duplicate points and tied costs, the degenerate cases.
            points[t] = quantize ? random.Next(3) : random.NextDouble() * 4 - 2;
        }
        return points;
    }

    private static void Translate(double[] points, int dim, params double[] shift)
    {
        for (int t = 0; t < points.Length; t++) points[t] += shift[t % dim];
    }

    private static double Cost(double[] a, int i, double[] b, int j, int dim)
    {
        double sum = 0;
        for (int d = 0; d < dim; d++)
        {
            double diff = a[i * dim + d] - b[j * dim + d];
            sum += diff * diff;
        }
        return Math.Sqrt(sum);
    }

    private static double BruteForcePermutations(double[] a, double[] b, int dim)
    {
        int n = a.Length / dim;
        var permutation = Enumerable.Range(0, n).ToArray();
        double best = double.PositiveInfinity;
        do
        {
            double total = 0;
            for (int i = 0; i < n; i++) total += Cost(a, i, b, permutation[i], dim);
            best = Math.Min(best, total);
        } while (NextPermutation(permutation));
        return best / n;
    }

    private static bool NextPermutation(int[] p)
    {
        int i = p.Length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) i--;
        if (i < 0) return false;
        int j = p.Length - 1;
        while (p[j] <= p[i]) j--;
        (p[i], p[j]) = (p[j], p[i]);
        Array.Reverse(p, i + 1, p.Length - i - 1);
        return true;
    }

    /// <summary>
    /// Reference for unequal sizes: with uniform weights, replicating each a-point m/g times and each
    /// b-point n/g times gives an equal-size assignment problem with the same optimum, solved here by
    /// the textbook O(N³) Hungarian algorithm (a different method from the solver under test).
    /// </summary>
    private static double ExpandedAssignment(double[] a, double[] b, int dim)
    {
        int n = a.Length / dim, m = b.Length / dim;
        int g = Gcd(n, m);
        int size = n * m / g;
        int copiesOfA = m / g, copiesOfB = n / g;
        var cost = new double[size, size];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
                cost[r, c] = Cost(a, r / copiesOfA, b, c / copiesOfB, dim);
        return Hungarian(cost, size) / size;
    }

    private static double Hungarian(double[,] cost, int size)
    {
        var u = new double[size + 1];
        var v = new double[size + 1];
        var matchOfColumn = new int[size + 1];
        var way = new int[size + 1];
        for (int row = 1; row <= size; row++)
        {
            matchOfColumn[0] = row;
            int column0 = 0;
            var minValue = Enumerable.Repeat(double.PositiveInfinity, size + 1).ToArray();
            var used = new bool[size + 1];
            do
            {
                used[column0] = true;
                int row0 = matchOfColumn[column0], column1 = 0;
                double delta = double.PositiveInfinity;
                for (int c = 1; c <= size; c++)
                {
                    if (used[c]) continue;
                    double current = cost[row0 - 1, c - 1] - u[row0] - v[c];
                    if (current < minValue[c]) { minValue[c] = current; way[c] = column0; }
                    if (minValue[c] < delta) { delta = minValue[c]; column1 = c; }
                }
                for (int c = 0; c <= size; c++)
                {
                    if (used[c]) { u[matchOfColumn[c]] += delta; v[c] -= delta; }
                    else minValue[c] -= delta;
                }
                column0 = column1;
            } while (matchOfColumn[column0] != 0);
            do
            {
                int column1 = way[column0];
                matchOfColumn[column0] = matchOfColumn[column1];
                column0 = column1;
            } while (column0 != 0);
        }
        double total = 0;
        for (int c = 1; c <= size; c++) total += cost[matchOfColumn[c] - 1, c - 1];
        return total;
    }

    private static int Gcd(int x, int y)
    {
        while (y != 0) (x, y) = (y, x % y);
        return x;
    }

    private static double SortedQuantileIntegral(double[] a, double[] b)
    {
        // Independent of the production code: integrate |F_a⁻¹(q) − F_b⁻¹(q)| piecewise over the
        // union of the two step grids {i/n} ∪ {j/m}.
        var sa = a.OrderBy(x => x).ToArray();
        var sb = b.OrderBy(x => x).ToArray();
        var breaks = Enumerable.Range(0, sa.Length + 1).Select(i => (double)i / sa.Length)
            .Concat(Enumerable.Range(0, sb.Length + 1).Select(j => (double)j / sb.Length))
            .Distinct().OrderBy(q => q).ToArray();
        double total = 0;
        for (int k = 0; k + 1 < breaks.Length; k++)
        {
            double middle = (breaks[k] + breaks[k + 1]) / 2;
            double qa = sa[Math.Min(sa.Length - 1, (int)(middle * sa.Length))];
            double qb = sb[Math.Min(sb.Length - 1, (int)(middle * sb.Length))];
            total += (breaks[k + 1] - breaks[k]) * Math.Abs(qa - qb);
        }
        return total;
    }

    private static Dictionary<string, double> LoadExpected()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, "expected.json")));
        return document.RootElement.GetProperty("cases").EnumerateObject()
            .ToDictionary(c => c.Name, c => c.Value.GetProperty("w1").GetDouble());
    }

    private static (double[] A, double[] B) LoadCase(string name)
        => (LoadPoints(Path.Combine(FixtureDirectory, $"{name}_a.csv")), LoadPoints(Path.Combine(FixtureDirectory, $"{name}_b.csv")));

    private static double[] LoadPoints(string path)
    {
        var values = new List<double>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0) continue;
            foreach (var field in line.Split(','))
                values.Add(double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        return values.ToArray();
    }
}
