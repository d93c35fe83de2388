using GanBench.Core.Compare;
using GanBench.Core.Results;

namespace GanBench.Core.Tests.Compare;

/// <summary>
/// Hand-built final values for the arm matrix and the profiles, small enough to count pairs by hand:
/// on d1, A = [6, 8] and B = [5, 6]; on d2, A = [1, 3] and B = [2, 2]. Arm C has values on d1 only
/// (its d2 seeds diverged); arm D diverged everywhere.
/// </summary>
internal static class ArmsAgainstEachOtherData
{
    public static MetricSamples Samples(string metric)
    {
        var trials = new List<TrialRecord>();
        void Add(string arm, string dataset, params double[] values)
        {
            for (int seed = 0; seed < values.Length; seed++)
                trials.Add(Trial(arm, dataset, seed, TrialStatus.Ok, metric, values[seed]));
        }
        void Diverged(string arm, string dataset)
        {
            for (int seed = 0; seed < 2; seed++) trials.Add(Trial(arm, dataset, seed, TrialStatus.Diverged, metric, null));
        }
        Add("A", "d1", 6, 8);
        Add("B", "d1", 5, 6);
        Add("C", "d1", 7, 7);
        Diverged("D", "d1");
        Add("A", "d2", 1, 3);
        Add("B", "d2", 2, 2);
        Diverged("C", "d2");
        Diverged("D", "d2");
        return MetricSamples.FromTrials(trials);
    }

    private static TrialRecord Trial(string arm, string dataset, int seed, TrialStatus status, string metric, double? value) =>
        new($"{arm}-{dataset}-{seed}", arm, dataset, seed, status, new Dictionary<string, double?> { [metric] = value });
}
