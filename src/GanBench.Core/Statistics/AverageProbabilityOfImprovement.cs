namespace GanBench.Core.Statistics;

/// <summary>The runs of two arms on one task (a dataset), oriented so that higher is better.</summary>
public sealed record TaskPair(IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>
/// rliable's average probability of improvement (Agarwal et al. 2021): <see cref="ProbabilityOfImprovement"/>
/// on each task, then the plain mean over tasks, so every task weighs the same whatever its seed count.
/// </summary>
public static class AverageProbabilityOfImprovement
{
    public static double Compute(IReadOnlyList<TaskPair> tasks)
    {
        Require(tasks);
        return tasks.Average(t => ProbabilityOfImprovement.Compute(t.X, t.Y));
    }

    /// <summary>
    /// Stratified percentile bootstrap, as rliable does it: every resample redraws each task's X and
    /// Y with replacement at their own sizes (tasks and arms never borrow runs from each other) and
    /// averages over tasks again. Draw order, for reproducibility: one System.Random(seed); per
    /// resample, task by task, all of X's indices, then all of Y's.
    /// </summary>
    public static ConfidenceInterval Ci(IReadOnlyList<TaskPair> tasks, int seed,
        int resamples = Bootstrap.DefaultResamples, double level = Bootstrap.DefaultLevel)
    {
        Require(tasks);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        SampleGuard.RequireProbability(level, nameof(level));
        var sources = tasks.Select(t => (X: t.X.ToArray(), Y: t.Y.ToArray())).ToArray();
        var buffers = sources.Select(s => (X: new double[s.X.Length], Y: new double[s.Y.Length])).ToArray();
        var random = new Random(seed);
        var replicates = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            double sum = 0;
            for (int t = 0; t < sources.Length; t++)
            {
                Draw(random, sources[t].X, buffers[t].X);
                Draw(random, sources[t].Y, buffers[t].Y);
                sum += ProbabilityOfImprovement.Pairs(buffers[t].X, buffers[t].Y);
            }
            replicates[b] = sum / sources.Length;
        }
        Array.Sort(replicates);
        double tail = (1.0 - level) / 2.0;
        return new ConfidenceInterval(Compute(tasks), Bootstrap.Quantile(replicates, tail), Bootstrap.Quantile(replicates, 1.0 - tail), level);
    }

    private static void Draw(Random random, double[] source, double[] into)
    {
        for (int i = 0; i < into.Length; i++) into[i] = source[random.Next(source.Length)];
    }

    private static void Require(IReadOnlyList<TaskPair> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0) throw new ArgumentException("No task has runs of both arms.", nameof(tasks));
        foreach (var task in tasks)
        {
            SampleGuard.RequireFiniteNonEmpty(task.X, nameof(tasks));
            SampleGuard.RequireFiniteNonEmpty(task.Y, nameof(tasks));
        }
    }
}
