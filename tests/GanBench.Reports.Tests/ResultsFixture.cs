using System.Globalization;
using System.Text;
using GanBench.Core.Results;

namespace GanBench.Reports.Tests;

/// <summary>
/// A results folder written from CSV text, without training: ring8, arms "wgan clip=0.05" (baseline)
/// and "wgan_gp", three seeds. Optionally the clipped arm's seed 2 diverged at step 60 with no snapshot,
/// NaN metrics in its curve and an infinite layer gradient.
/// </summary>
public sealed class ResultsFixture : IDisposable
{
    public const string Clipped = "wgan clip=0.05", Penalized = "wgan_gp";
    public static readonly int[] Seeds = [0, 1, 2];
    public static readonly int[] Steps = [0, 50, 100];
    public string Root { get; }

    /// <param name="arms">The arms to write trials for: both by default, or one of them alone.</param>
    public ResultsFixture(bool withDivergedTrial, bool withConfig = true, IReadOnlyList<string>? arms = null)
    {
        Root = Environment.GetEnvironmentVariable("GANBENCH_KEEP_FIXTURE") is { Length: > 0 } keep
            ? Path.Combine(keep, withDivergedTrial ? "diverged" : "default")
            : Path.Combine(Path.GetTempPath(), "ganbench-report-" + Guid.NewGuid().ToString("N"));
        if (Directory.Exists(Root)) Directory.Delete(Root, true);
        Directory.CreateDirectory(Root);
        if (withConfig) File.WriteAllText(Path.Combine(Root, ResultsDirectory.ResolvedConfigFile), Config);

        var metrics = MetricCatalog.Known.Select(m => m.Name).ToList();
        var runs = new RunsCsvWriter(Path.Combine(Root, ResultsDirectory.RunsFile), [], metrics);
        var curves = new CurvesCsvWriter(Path.Combine(Root, ResultsDirectory.CurvesFile), metrics);
        var grads = new StringBuilder("trial_id,arm,dataset,seed,step,network,layer,grad_norm\n");
        int n = 0;
        foreach (var arm in arms ?? [Clipped, Penalized])
        {
            bool clipped = arm == Clipped;
            foreach (var seed in Seeds)
            {
                string id = $"{++n:x16}";
                bool diverged = withDivergedTrial && clipped && seed == 2;
                var steps = diverged ? Steps.Take(2).ToArray() : Steps;
                curves.Append(steps.Select(s => new CurvePoint(id, s, Metrics(clipped, seed, s, diverged && s == 50)) { Arm = arm, Dataset = "ring8", Seed = seed }));
                foreach (var s in steps)
                    for (int layer = 0; layer < 4; layer++)
                    {
                        // Clipping: the gradient falls by 10× per layer towards the input; a penalty keeps it near 1.
                        double critic = diverged && s == 50 && layer == 0 ? double.PositiveInfinity
                            : clipped ? Math.Pow(10, layer - 3) * (1 + 0.1 * seed) : 1 + 0.05 * seed + 0.02 * layer;
                        grads.Append(Line(id, arm, seed, s, "critic", layer, critic));
                        grads.Append(Line(id, arm, seed, s, "generator", layer, (clipped ? 1e-3 : 0.1) * (1 + layer + 0.2 * seed)));
                    }
                runs.Append(new RunRecord
                {
                    Trial = new TrialRecord(id, arm, "ring8", seed, diverged ? TrialStatus.Diverged : TrialStatus.Ok,
                        diverged ? new Dictionary<string, double?>() : Metrics(clipped, seed, 100, false)),
                    Experiment = "fixture",
                    Setup = new TrialSetup
                    {
                        Loss = clipped ? "wgan" : "wgan_gp",
                        Objective = "wasserstein",
                        Penalty = clipped ? "none" : "gp",
                        Clip = clipped ? 0.05 : null,
                        PenaltyWeight = clipped ? 0 : 10,
                    },
                    Steps = diverged ? 60 : 100,
                    WallSeconds = 1.5,
                    Message = diverged ? "non-finite critic loss at step 60" : "",
                });
                if (!diverged) WriteTrialFiles(id, clipped, seed, snapshotsEveryStep: seed == 0);
            }
        }
        File.WriteAllText(Path.Combine(Root, ResultsDirectory.LayerGradientsFile), grads.ToString());
    }

    private static string Line(string id, string arm, int seed, int step, string network, int layer, double norm) =>
        $"{id},{arm},ring8,{seed},{step},{network},{layer},{norm.ToString("R", CultureInfo.InvariantCulture)}\n";

    private static Dictionary<string, double?> Metrics(bool clipped, int seed, int step, bool broken) => new()
    {
        ["modes_covered"] = broken ? double.NaN : Math.Min(8, (clipped ? 2 : 4) + step / 25 + seed % 2),
        ["hq_fraction"] = broken ? null : (clipped ? 0.3 : 0.7) + 0.01 * seed,
        ["w1_exact"] = broken ? double.NaN : (clipped ? 0.9 : 0.4) - step / 1000.0 + 0.02 * seed,
        ["critic_w_estimate"] = (clipped ? 0.01 : 0.35) + 0.001 * step + 0.01 * seed,
        ["g_grad_norm"] = broken ? double.PositiveInfinity : (clipped ? 1e-4 : 0.5) * (1 + 0.3 * seed),
        ["d_grad_norm"] = (clipped ? 1e-3 : 2.0) * (1 + 0.2 * seed),
        ["clip_saturation"] = clipped ? 0.9 : null,
    };

    /// <summary>samples.csv on the ring (the clipped arm misses half the modes), a 24² critic surface, a weight histogram.</summary>
    private void WriteTrialFiles(string id, bool clipped, int seed, bool snapshotsEveryStep)
    {
        var dir = TrialArtifacts.DirectoryFor(Root, id);
        Directory.CreateDirectory(dir);
        var random = new Random(seed * 7 + (clipped ? 1 : 2));
        var samples = new StringBuilder("step,x,y\n");
        var surface = new StringBuilder("step,ix,iy,value\n");
        const int res = 24;
        double half = 2.2;
        foreach (var step in snapshotsEveryStep ? Steps : [Steps[^1]])
        {
            double spread = step / 100.0;
            for (int i = 0; i < 200; i++)
            {
                int mode = clipped ? random.Next(4) : random.Next(8);
                double angle = 2 * Math.PI * mode / 8, r = spread * Math.Sqrt(2) / 1.414 * 1.0;
                double x = r * Math.Cos(angle) + 0.05 * Gaussian(random), y = r * Math.Sin(angle) + 0.05 * Gaussian(random);
                samples.Append(F(step)).Append(',').Append(F(x)).Append(',').Append(F(y)).Append('\n');
            }
            for (int iy = 0; iy < res; iy++)
                for (int ix = 0; ix < res; ix++)
                {
                    double x = -half + 2 * half * ix / (res - 1), y = -half + 2 * half * iy / (res - 1);
                    double v = Math.Sqrt(x * x + y * y) * spread + 0.3 * y;
                    surface.Append(F(step)).Append(',').Append(ix).Append(',').Append(iy).Append(',').Append(F(v)).Append('\n');
                }
        }
        File.WriteAllText(Path.Combine(dir, TrialArtifacts.SamplesFile), samples.ToString());
        File.WriteAllText(Path.Combine(dir, TrialArtifacts.SurfaceFile), surface.ToString());

        var hist = new StringBuilder("lo,hi,count\n");
        double lo = clipped ? -0.0525 : -0.6, hi = -lo;
        const int bins = 42;
        for (int b = 0; b < bins; b++)
        {
            double a = lo + (hi - lo) * b / bins, c = lo + (hi - lo) * (b + 1) / bins;
            long count = clipped ? (b == 0 || b == bins - 1 ? 1800 : 20 + b % 3) : (long)(400 * Math.Exp(-Math.Pow((a + c) / 2 / 0.15, 2)));
            hist.Append(F(a)).Append(',').Append(F(c)).Append(',').Append(count).Append('\n');
        }
        File.WriteAllText(Path.Combine(dir, TrialArtifacts.WeightsFile), hist.ToString());
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public const string Config = """
        name: fixture
        description: "Hand-written results for report tests"
        seeds: [0, 1, 2]
        datasets:
          - {name: ring8, type: ring, modes: 8, radius: 2, std: 0.02, scale: 1.414}
        train:
          iterations: 100
        losses:
          - {loss: wgan, clip: 0.05}
          - {loss: wgan_gp}
        eval:
          every: 50
        baseline: "wgan clip=0.05"
        """;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("GANBENCH_KEEP_FIXTURE") is { Length: > 0 }) return;
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}
