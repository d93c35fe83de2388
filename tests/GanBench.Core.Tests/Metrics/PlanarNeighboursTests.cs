using GanBench.Core.Metrics;

namespace GanBench.Core.Tests.Metrics;

/// <summary>
/// The grid search gives exactly what scanning every pair gives: the k smallest (squared distance,
/// index) pairs in that order, ties to the lower index. Exact W1's candidate arcs, and so every bit of
/// its value, depend on it.
/// </summary>
public class PlanarNeighboursTests
{
    private static int[] AllPairs(double x, double y, double[] px, double[] py, int k) =>
        Enumerable.Range(0, px.Length)
            .Select(p => (Squared: (x - px[p]) * (x - px[p]) + (y - py[p]) * (y - py[p]), Index: p))
            .OrderBy(t => t.Squared).ThenBy(t => t.Index)
            .Take(k).Select(t => t.Index).ToArray();

    public static TheoryData<string> Clouds => new() { "gaussian", "ring", "duplicates", "collapsed", "vertical line", "lattice ties", "one point" };

    private static (double[] X, double[] Y) Cloud(string kind, int n, Random random) => kind switch
    {
        "gaussian" => (Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray(), Enumerable.Range(0, n).Select(_ => random.NextDouble() - 3).ToArray()),
        "ring" => Ring(n, random),
        "duplicates" => (Enumerable.Range(0, n).Select(i => (double)(i % 7)).ToArray(), Enumerable.Range(0, n).Select(i => (double)(i % 3)).ToArray()),
        "collapsed" => (Enumerable.Repeat(0.25, n).ToArray(), Enumerable.Repeat(-1.5, n).ToArray()),
        "vertical line" => (Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray()),
        "lattice ties" => (Enumerable.Range(0, n).Select(i => (double)(i % 20)).ToArray(), Enumerable.Range(0, n).Select(i => (double)(i / 20)).ToArray()),
        "one point" => ([0.5], [0.5]),
        _ => throw new ArgumentException(kind),
    };

    private static (double[], double[]) Ring(int n, Random random)
    {
        var angles = Enumerable.Range(0, n).Select(_ => random.Next(8) * Math.PI / 4).ToArray();
        return (angles.Select(a => 2 * Math.Cos(a) + random.NextDouble() * 0.02).ToArray(), angles.Select(a => 2 * Math.Sin(a) + random.NextDouble() * 0.02).ToArray());
    }

    [Theory]
    [MemberData(nameof(Clouds))]
    public void Equals_the_all_pairs_scan(string kind)
    {
        var random = new Random(kind.Length);
        var (px, py) = Cloud(kind, 400, random);
        var grid = new PlanarNeighbours(px, py);
        int k = Math.Min(10, px.Length);
        var queries = new List<(double, double)>();
        for (int q = 0; q < 200; q++) queries.Add((random.NextDouble() * 10 - 5, random.NextDouble() * 10 - 5));
        for (int p = 0; p < px.Length; p += 7) queries.Add((px[p], py[p]));
        queries.Add((1e6, -1e6));
        var indices = new int[k];
        var distances = new double[k];
        foreach (var (x, y) in queries)
        {
            grid.Nearest(x, y, indices, distances);
            Assert.Equal(AllPairs(x, y, px, py, k), indices);
        }
    }
}
