using System.Text;
using GanBench.Core.Results;

namespace GanBench.Core.Claims;

/// <summary>
/// Turns a claim experiment's results folder (runs.csv, curves.csv, layer_grads.csv) into the
/// inputs of its rule and evaluates it. Only trials with status ok count; the others are listed.
/// Which claim a folder answers is given by the caller (the claims command maps
/// experiments/claims/claim&lt;N&gt;-*.yaml to claim N).
/// </summary>
public static class ClaimsEvaluator
{
    public static readonly IReadOnlyDictionary<int, string> Titles = new Dictionary<int, string>
    {
        [1] = "Vanishing gradient of the minimax loss",
        [2] = "Instance noise restores the gradient",
        [3] = "Weight clipping misbehaves; a gradient penalty does not",
        [4] = "Mode coverage: WGAN-GP against the non-saturating GAN",
        [5] = "The critic tracks the Wasserstein distance",
    };

    public static ClaimResult Evaluate(int claim, string resultsDirectory)
    {
        string runsPath = Path.Combine(resultsDirectory, "runs.csv");
        if (!File.Exists(runsPath))
            return new ClaimResult(claim, Titles.GetValueOrDefault(claim, $"claim {claim}"), "", "", Verdict.Inconclusive, $"no results: {runsPath} does not exist (run the claim first)", []);
        var runs = RunsCsv.ReadRuns(runsPath);
        var ok = runs.Where(r => r.Trial.Status == TrialStatus.Ok).ToList();
        string curvesPath = Path.Combine(resultsDirectory, "curves.csv");
        var curves = File.Exists(curvesPath) ? RunsCsv.ReadCurves(curvesPath).GroupBy(c => c.TrialId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Step).ToList()) : [];
        List<CurvePoint> Curve(RunRecord r) => curves.GetValueOrDefault(r.Trial.TrialId) ?? [];

        ClaimResult result;
        switch (claim)
        {
            case 1:
                var frozen = ok.Where(r => r.Setup.InstanceNoise == 0).Select(r => Frozen(r.Trial.Seed, Curve(r))).ToList();
                result = VanishingGradientClaim.Evaluate(frozen) with { Charts = [ClaimCharts.Vanishing(frozen)] };
                break;
            case 2:
                var noisy = ok.Select(r => (r.Setup.InstanceNoise, Frozen(r.Trial.Seed, Curve(r)))).ToList();
                result = InstanceNoiseClaim.Evaluate(noisy.Select(t => NoiseTrialEnd.FromSeries(t.Item1, t.Item2)).OfType<NoiseTrialEnd>().ToList())
                    with { Charts = [ClaimCharts.InstanceNoise(noisy)] };
                break;
            case 3:
                var profiles = Profiles(resultsDirectory, ok);
                result = ClippingClaim.Evaluate(profiles) with { Charts = [ClaimCharts.Clipping(profiles)] };
                break;
            case 4:
                result = ModeCoverageClaim.Evaluate(ok.GroupBy(r => r.Trial.Dataset).SelectMany(d => ModeComparisons(d, Curve)).ToList())
                    with { Charts = ClaimCharts.ModeCoverage(ok, Curve).ToList() };
                break;
            case 5:
                var tracking = ok.Select(r => TrackingSeries.From(r.Trial.Arm, r.Setup.Penalty != "none", r.Trial.Seed, Curve(r).Select(c => c.Metrics).ToList())).ToList();
                result = CriticTrackingClaim.Evaluate(tracking) with { Charts = ClaimCharts.CriticTracking(tracking).ToList() };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(claim), $"claim {claim} does not exist; claims are 1 to 5");
        }
        var notOk = runs.Where(r => r.Trial.Status != TrialStatus.Ok).ToList();
        if (notOk.Count > 0)
            result = result with { Reason = result.Reason + $" ({notOk.Count} trial(s) not counted: {string.Join(", ", notOk.Select(r => $"{r.Trial.Arm} seed {r.Trial.Seed} {RunsCsv.StatusText(r.Trial.Status)}"))})" };
        return result;
    }

    /// <summary>A frozen_generator trial's checkpoints, its confidence read through <see cref="FakeConfidence.Of"/>.</summary>
    public static FrozenSeries Frozen(int seed, IReadOnlyList<CurvePoint> curve)
    {
        var points = curve.Select(c => (Point: c, Confidence: FakeConfidence.Of(c.Metrics))).ToList();
        var source = FakeConfidence.Common(points.Select(p => p.Confidence.Source));
        static double Get(CurvePoint c, string key) => c.Metrics.GetValueOrDefault(key) is double d ? d : double.NaN;
        return new FrozenSeries(seed, points.Select(p => new FrozenCheckpoint(p.Point.Step, p.Confidence.Value, Get(p.Point, "g_grad_norm_minimax"), Get(p.Point, "g_grad_norm_ns"))).ToList(), source);
    }

    /// <summary>The non-saturating arm against each wgan_gp arm (one per λ) on a dataset; a dataset without a finished
    /// wgan_gp trial still gets one comparison, which its premise check then reports.</summary>
    private static IEnumerable<ModeComparison> ModeComparisons(IGrouping<string, RunRecord> dataset, Func<RunRecord, List<CurvePoint>> curve)
    {
        const string metric = "modes_covered";
        var nsRuns = dataset.Where(r => r.Setup.Loss == "non_saturating").ToList();
        var nonSaturating = Finals(nsRuns, metric);
        var nsLate = LastHalfMeans(nsRuns, curve, metric);
        var gpArms = dataset.Where(r => r.Setup.Loss == "wgan_gp").GroupBy(r => r.Trial.Arm).ToList();
        if (gpArms.Count == 0) return [new ModeComparison(dataset.Key, ModesOf(dataset.Key), nonSaturating, [], NonSaturatingLate: nsLate)];
        return gpArms.Select(gp => new ModeComparison(dataset.Key, ModesOf(dataset.Key), nonSaturating, Finals(gp, metric), gp.Key,
            nsLate, LastHalfMeans(gp.ToList(), curve, metric)));
    }

    /// <summary>
    /// Per run, the mean of a metric over the last half of its evaluations (the later ⌈n/2⌉); null when
    /// some run has fewer than 2 evaluations with a value, so a curve is never judged on a snapshot.
    /// </summary>
    public static IReadOnlyList<double>? LastHalfMeans(IReadOnlyList<RunRecord> runs, Func<RunRecord, List<CurvePoint>> curve, string metric)
    {
        var means = new List<double>();
        foreach (var run in runs)
        {
            var values = curve(run).OrderBy(c => c.Step).Select(c => c.Metrics.GetValueOrDefault(metric))
                .Where(v => v is double d && double.IsFinite(d)).Select(v => v!.Value).ToList();
            if (values.Count < 2) return null;
            means.Add(values.Skip(values.Count / 2).Average());
        }
        return means;
    }

    private static IReadOnlyList<double> Finals(IEnumerable<RunRecord> runs, string metric) =>
        runs.Select(r => r.Trial.Metrics.GetValueOrDefault(metric)).Where(v => v is double d && double.IsFinite(d)).Select(v => v!.Value).ToList();

    private static int ModesOf(string dataset) => dataset switch { "ring8" => 8, "grid25" => 25, _ => 0 };

    private static IReadOnlyList<LayerProfile> Profiles(string directory, IReadOnlyList<RunRecord> ok)
    {
        var rows = ReadLayerRows(Path.Combine(directory, "layer_grads.csv"))
            .Where(r => r.Network == "critic_activation").GroupBy(r => r.TrialId)
            .ToDictionary(g => g.Key, g => { int last = g.Max(r => r.Step); return g.Where(r => r.Step == last).OrderBy(r => r.Layer).Select(r => r.GradNorm).ToList(); });
        return ok.Where(r => rows.ContainsKey(r.Trial.TrialId)).Select(r => new LayerProfile(r.Trial.Arm, r.Setup.Clip, r.Trial.Seed, rows[r.Trial.TrialId],
            r.Trial.Metrics.GetValueOrDefault("clip_saturation"))).ToList();
    }

    public static IReadOnlyList<LayerGradientRow> ReadLayerRows(string path) =>
        File.Exists(path) ? LayerGradientsCsv.Read(path) : [];

    /// <summary>Where chart <paramref name="index"/> of claim <paramref name="claim"/> is drawn, relative to claims.md.</summary>
    public static string ChartFile(int claim, int index) => $"plots/claim{claim}-{index + 1}.png";

    /// <summary>Which seeds judged a claim and which chose its protocol, as claims.md says it.</summary>
    public static string SeedNote(Config.ExperimentConfig config, bool calibration)
    {
        static string List(IReadOnlyList<int> seeds) => seeds.Count == 0 ? "none listed" : string.Join(", ", seeds);
        return calibration
            ? $"Calibration seeds (this run): {List(config.Seeds)}."
            : $"Verdict seeds: {List(config.Seeds)}. Calibration seeds (the protocol was chosen on these, `run.ps1 claims --calibration`): {List(config.CalibrationSeeds)}.";
    }

    /// <summary>The Claims report in Markdown: a verdict table, then per claim the statement, rule, verdict and figures.</summary>
    public static string Markdown(IReadOnlyList<ClaimResult> results, IReadOnlyDictionary<int, string>? notes = null, bool calibration = false)
    {
        var sb = new StringBuilder();
        sb.AppendLine(calibration ? "# Claims: calibration seeds" : "# Claims");
        sb.AppendLine();
        sb.AppendLine(calibration
            ? "The claim experiments run on their calibration seeds (`calibration_seeds:`), the seeds a protocol is chosen on. These outcomes choose protocols; they do not judge the claims: the verdicts come from the verdict seeds (`run.ps1 claims`), which a protocol must not be changed after seeing. Rebuild with `run.ps1 claims --calibration --report-only`."
            : "Each claim of the reasoning behind GanBench, run as an experiment (experiments/claims/), with a verdict computed from the measured data by the rule stated under it. Rebuild with `run.ps1 claims --report-only`.");
        sb.AppendLine();
        sb.AppendLine("| claim | verdict | why |");
        sb.AppendLine("|---|---|---|");
        foreach (var r in results.OrderBy(r => r.Number))
            sb.AppendLine($"| {r.Number}. {r.Title} | **{ClaimResult.Text(r.Verdict)}** | {r.Reason.Replace("|", "\\|")} |");
        foreach (var r in results.OrderBy(r => r.Number))
        {
            sb.AppendLine();
            sb.AppendLine($"## {r.Number}. {r.Title}: {ClaimResult.Text(r.Verdict)}");
            sb.AppendLine();
            if (r.Statement.Length > 0) { sb.AppendLine($"**Claim.** {r.Statement}"); sb.AppendLine(); }
            if (r.Rule.Length > 0) { sb.AppendLine($"**Rule.** {r.Rule}"); sb.AppendLine(); }
            sb.AppendLine($"**Verdict: {ClaimResult.Text(r.Verdict)}.** {r.Reason}");
            if (notes?.GetValueOrDefault(r.Number) is { } note) { sb.AppendLine(); sb.AppendLine(note); }
            foreach (var (chart, i) in r.Charts.Select((c, i) => (c, i)))
            {
                sb.AppendLine();
                sb.AppendLine($"![{chart.Title}]({ChartFile(r.Number, i)})");
                sb.AppendLine();
                sb.AppendLine($"*{chart.Caption}*");
            }
            foreach (var t in r.Tables) { sb.AppendLine(); sb.AppendLine(t); }
        }
        return sb.ToString();
    }
}
