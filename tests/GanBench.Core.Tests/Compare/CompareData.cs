using GanBench.Core.Compare;
using GanBench.Core.Results;

namespace GanBench.Core.Tests.Compare;

/// <summary>Synthetic runs for the gate's tests: each metric is normal around a plausible value, and a
/// test moves chosen cells by a number of standard deviations in the metric's worse direction.</summary>
internal static class CompareData
{
    /// <summary>Typical final values over seeds: (mean, standard deviation).</summary>
    public static readonly IReadOnlyDictionary<string, (double Mean, double Sd)> Metrics = new Dictionary<string, (double, double)>
    {
        ["w1_exact"] = (0.50, 0.05),
        ["hq_fraction"] = (0.80, 0.04),
        ["w1_sliced"] = (0.30, 0.03),
        ["mode_entropy"] = (2.00, 0.10),
        // A diagnostic without a direction: the gate must leave it alone.
        ["g_loss"] = (0.70, 0.05),
    };

    public static readonly string[] DirectedMetrics = ["w1_exact", "hq_fraction", "w1_sliced", "mode_entropy"];

    /// <summary>Trials of every arm × dataset × seed; <paramref name="worseBy"/> gives, per cell, the shift
    /// in standard deviations towards worse (negative: towards better; 0 for a neutral metric).</summary>
    /// <param name="random">The generator to draw from instead of one seeded with <paramref name="randomSeed"/>: .NET's
    /// seeded Random gives correlated streams for neighbouring seeds, so two sides meant to be independent draw from one.</param>
    /// <param name="quantiles">Values at the normal quantiles (i + ½)/n instead of random draws: the
    /// same sample every time, so a test can state exactly which p-value it expects.</param>
    public static List<TrialRecord> Run(int seeds, int randomSeed, IReadOnlyList<string> arms, IReadOnlyList<string> datasets,
        Func<CellKey, double>? worseBy = null, IEnumerable<string>? metrics = null, bool quantiles = false, Random? random = null)
    {
        var names = (metrics ?? Metrics.Keys).ToList();
        random ??= new Random(randomSeed);
        var trials = new List<TrialRecord>();
        foreach (var arm in arms)
        foreach (var dataset in datasets)
        {
            var columns = names.ToDictionary(m => m, m => Column(m, seeds, random, quantiles, worseBy?.Invoke(new CellKey(arm, dataset, m)) ?? 0.0));
            for (int seed = 0; seed < seeds; seed++)
            {
                var values = names.ToDictionary(m => m, m => (double?)columns[m][seed]);
                trials.Add(new TrialRecord($"{arm}-{dataset}-s{seed}", arm, dataset, seed, TrialStatus.Ok, values));
            }
        }
        return trials;
    }

    private static double[] Column(string metric, int seeds, Random random, bool quantiles, double worseBy)
    {
        var (mean, sd) = Metrics.TryGetValue(metric, out var known) ? known : (1.0, 0.1);
        double towardsWorse = MetricCatalog.Get(metric).Direction == MetricDirection.HigherIsBetter ? -1.0 : 1.0;
        var column = new double[seeds];
        for (int i = 0; i < seeds; i++)
        {
            double z = quantiles ? NormalQuantile((i + 0.5) / seeds) : StandardNormal(random);
            column[i] = mean + sd * (z + towardsWorse * worseBy);
        }
        return column;
    }

    public static MetricSamples Samples(IEnumerable<TrialRecord> trials) => MetricSamples.FromTrials(trials);

    /// <summary>A candidate run against a reference run, through the same path as `compare --against`.</summary>
    public static ComparisonResult Against(IEnumerable<TrialRecord> candidate, IEnumerable<TrialRecord> reference, CompareOptions? options = null)
    {
        options ??= new CompareOptions();
        var pairing = CellPairing.Across(Samples(candidate), Samples(reference), options);
        return RegressionGate.Compare(pairing, options, new ComparisonSubject("candidate", "reference"));
    }

    public static ComparisonResult AgainstBaseline(IEnumerable<TrialRecord> run, string baseline, CompareOptions? options = null)
    {
        options ??= new CompareOptions();
        var pairing = CellPairing.AgainstBaseline(Samples(run), baseline, options);
        return RegressionGate.Compare(pairing, options, new ComparisonSubject("run", $"baseline arm '{baseline}'", baseline));
    }

    public static CellComparison Cell(this ComparisonResult result, string arm, string dataset, string metric) =>
        result.Cells.Single(c => c.Key == new CellKey(arm, dataset, metric));

    /// <summary>Box–Muller on Random.NextDouble, so nothing depends on a library's sampler.</summary>
    public static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static double NormalQuantile(double p) => MathNet.Numerics.Distributions.Normal.InvCDF(0.0, 1.0, p);
}
