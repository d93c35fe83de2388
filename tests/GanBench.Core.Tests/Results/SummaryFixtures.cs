using GanBench.Core.Results;

namespace GanBench.Core.Tests.Results;

internal static class SummaryFixtures
{
    public static Dictionary<string, double?> M(params (string Name, double? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    public static TrialRecord Trial(string arm, string dataset, int seed, TrialStatus status, params (string, double?)[] metrics) =>
        new($"{dataset}-{arm}-{seed}", arm, dataset, seed, status, M(metrics));

    /// <summary>Two datasets, three arms, some diverged/failed trials, an undefined reverse_kl,
    /// an unknown metric, and curves at steps 0..1000 every 100.</summary>
    public static (List<TrialRecord> Trials, List<CurvePoint> Curves) Mixed()
    {
        var trials = new List<TrialRecord>();
        var curves = new List<CurvePoint>();
        string[] arms = ["minimax", "wgan_gp", "=cmd()"];
        string[] datasets = ["ring8", "grid25"];
        foreach (var dataset in datasets)
        {
            for (int a = 0; a < arms.Length; a++)
            {
                for (int seed = 0; seed < 5; seed++)
                {
                    var status = (a, seed) switch
                    {
                        (0, 4) => TrialStatus.Diverged,
                        (2, 3) => TrialStatus.Failed,
                        (2, 4) => TrialStatus.Timeout,
                        _ => TrialStatus.Ok,
                    };
                    double modes = a == 1 ? 8 - (seed % 2) * 0.5 : 3 + seed * 0.7 + a;
                    double? rkl = a == 0 && seed == 1 ? null : 0.05 + 0.1 * a + 0.013 * seed * seed;
                    var t = Trial(arms[a], dataset, seed, status,
                        ("modes_covered", modes), ("hq_fraction", 0.5 + 0.04 * seed + 0.1 * a),
                        ("reverse_kl", rkl), ("g_loss", -1.5 + 0.3 * seed - a), ("my_custom", seed * 1000.0 + a));
                    trials.Add(t);
                    int lastStep = status == TrialStatus.Ok ? 1000 : 300;
                    for (int step = 0; step <= lastStep; step += 100)
                        curves.Add(new CurvePoint(t.TrialId, step, M(("w1_sliced", 1.0 / (1 + step * (a + 1) * 0.001) + seed * 0.01), ("d_loss", -0.1 * seed - step * 1e-4))));
                }
            }
        }
        return (trials, curves);
    }
}
