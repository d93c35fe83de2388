namespace GanBench.Core.Statistics;

/// <param name="Taus">The thresholds τ, ascending.</param>
/// <param name="Fractions">At each τ, the fraction of runs whose score is above it.</param>
/// <param name="Lower">Lower bound of the pointwise bootstrap interval at each τ.</param>
/// <param name="Upper">Upper bound of the pointwise bootstrap interval at each τ.</param>
/// <param name="Runs">Runs counted, over all tasks.</param>
public sealed record ProfileCurve(IReadOnlyList<double> Taus, IReadOnlyList<double> Fractions,
    IReadOnlyList<double> Lower, IReadOnlyList<double> Upper, int Runs);

/// <summary>
/// rliable's performance profile (score distribution, Agarwal et al. 2021): the fraction of all of
/// an arm's runs, pooled over tasks, whose score exceeds τ, as a function of τ. Scores must already
/// be comparable across tasks (normalized) and oriented so that higher is better.
/// </summary>
/// <remarks>It shows the whole distribution rather than one mean, so an arm that is excellent on half
/// its seeds and collapses on the others reads differently from one that is mediocre everywhere.</remarks>
public static class PerformanceProfile
{
    /// <summary><paramref name="points"/> evenly spaced thresholds from 0 to 1, both ends included.</summary>
    public static IReadOnlyList<double> UnitGrid(int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        return Enumerable.Range(0, points).Select(i => (double)i / (points - 1)).ToArray();
    }

    /// <summary>Share of all runs, pooled over tasks, with a score strictly above <paramref name="tau"/>.</summary>
    public static double FractionAbove(IReadOnlyList<IReadOnlyList<double>> tasks, double tau)
    {
        Require(tasks);
        return (double)tasks.Sum(t => t.Count(s => s > tau)) / tasks.Sum(t => t.Count);
    }

    /// <summary>
    /// The profile at every τ with a pointwise stratified percentile bootstrap interval: each resample
    /// redraws every task's runs with replacement at the task's own size, as rliable stratifies by task.
    /// Draw order: one System.Random(seed); per resample, task by task, all of its indices.
    /// </summary>
    public static ProfileCurve Compute(IReadOnlyList<IReadOnlyList<double>> tasks, IReadOnlyList<double> taus, int seed,
        int resamples = 2_000, double level = Bootstrap.DefaultLevel)
    {
        Require(tasks);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        SampleGuard.RequireProbability(level, nameof(level));
        var sources = tasks.Select(t => t.ToArray()).ToArray();
        int runs = sources.Sum(s => s.Length);
        var pooled = new double[runs];
        var replicates = new double[taus.Count][];
        for (int k = 0; k < taus.Count; k++) replicates[k] = new double[resamples];
        var random = new Random(seed);
        for (int b = 0; b < resamples; b++)
        {
            int at = 0;
            foreach (var source in sources)
                for (int i = 0; i < source.Length; i++) pooled[at++] = source[random.Next(source.Length)];
            for (int k = 0; k < taus.Count; k++) replicates[k][b] = Above(pooled, taus[k]);
        }
        double tail = (1.0 - level) / 2.0;
        var lower = new double[taus.Count];
        var upper = new double[taus.Count];
        for (int k = 0; k < taus.Count; k++)
        {
            Array.Sort(replicates[k]);
            lower[k] = Bootstrap.Quantile(replicates[k], tail);
            upper[k] = Bootstrap.Quantile(replicates[k], 1.0 - tail);
        }
        var fractions = taus.Select(tau => FractionAbove(tasks, tau)).ToArray();
        return new ProfileCurve(taus.ToArray(), fractions, lower, upper, runs);
    }

    private static double Above(double[] scores, double tau)
    {
        int above = 0;
        foreach (var s in scores) if (s > tau) above++;
        return (double)above / scores.Length;
    }

    private static void Require(IReadOnlyList<IReadOnlyList<double>> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (!tasks.Any(t => t.Count > 0)) throw new ArgumentException("No task has a run.", nameof(tasks));
        foreach (var task in tasks.Where(t => t.Count > 0)) SampleGuard.RequireFiniteNonEmpty(task, nameof(tasks));
    }
}
