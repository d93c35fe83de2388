using GanBench.Core.Claims;
using GanBench.Core.Results;

namespace GanBench.Core.Tests.Claims;

/// <summary>Each claim's chart carries the data its rule judged, and claims.md links it where the renderer draws it.</summary>
public class ClaimChartTests
{
    private static FrozenSeries Series(int seed) => new(seed,
        Enumerable.Range(0, 4).Select(i => new FrozenCheckpoint(i * 10, Math.Pow(10, -i), Math.Pow(10, -i), 2 + i)).ToList());

    [Fact]
    public void Claim_1_draws_both_norms_of_every_seed_against_d_of_g_on_log_log_axes()
    {
        var chart = ClaimCharts.Vanishing([Series(1), Series(0)]);
        Assert.True(chart.LogX && chart.LogY);
        Assert.Equal(["seed 0", "seed 0", "seed 1", "seed 1"], chart.Series.Select(s => s.Group));
        Assert.Equal([false, true, false, true], chart.Series.Select(s => s.Dashed));
        Assert.Equal([1, 0.1, 0.01, 0.001], chart.Series[0].X);
        Assert.Equal([2, 3, 4, 5], chart.Series[1].Y);
    }

    [Fact]
    public void Claim_5_plots_the_estimate_against_exact_w1_per_arm_as_points()
    {
        var charts = ClaimCharts.CriticTracking([
            new TrackingSeries("wgan_gp", true, 0, [0.5, 0.4], [1.0, 0.8], Refit: true),
            new TrackingSeries("wgan clip=0.01", false, 0, [0.01, 0.02], [1.0, 1.2], Refit: true)]).ToList();
        Assert.Equal(["Claim 5: wgan clip=0.01: critic estimate against exact W1", "Claim 5: wgan_gp: critic estimate against exact W1"], charts.Select(c => c.Title));
        Assert.All(charts.SelectMany(c => c.Series), s => Assert.True(s.Markers));
        Assert.Equal([1.0, 0.8], charts[1].Series[0].X);
        Assert.Equal([0.5, 0.4], charts[1].Series[0].Y);
        Assert.StartsWith("refit critic", charts[0].YLabel);
    }

    [Fact]
    public void Claim_4_draws_the_mean_over_seeds_at_each_evaluation_per_arm_and_dataset()
    {
        static RunRecord Run(string id, string arm) => new() { Trial = new TrialRecord(id, arm, "ring8", 0, TrialStatus.Ok, new Dictionary<string, double?>()), Setup = new TrialSetup() };
        var curves = new Dictionary<string, List<CurvePoint>>
        {
            ["a"] = [new("a", 0, new Dictionary<string, double?> { ["modes_covered"] = 2 }), new("a", 500, new Dictionary<string, double?> { ["modes_covered"] = 6 })],
            ["b"] = [new("b", 0, new Dictionary<string, double?> { ["modes_covered"] = 4 }), new("b", 500, new Dictionary<string, double?> { ["modes_covered"] = 8 })],
        };
        var chart = Assert.Single(ClaimCharts.ModeCoverage([Run("a", "ns"), Run("b", "ns")], r => curves[r.Trial.TrialId]));
        var series = Assert.Single(chart.Series);
        Assert.Equal([0.0, 500], series.X);
        Assert.Equal([3.0, 7], series.Y);
    }

    [Fact]
    public void Claims_md_links_each_chart_at_the_file_the_renderer_writes()
    {
        var result = new ClaimResult(1, "t", "", "", Verdict.Holds, "r", []) { Charts = [ClaimCharts.Vanishing([Series(0)]), ClaimCharts.Vanishing([Series(1)])] };
        string md = ClaimsEvaluator.Markdown([result]);
        Assert.Equal("plots/claim1-2.png", ClaimsEvaluator.ChartFile(1, 1));
        Assert.Contains("](plots/claim1-1.png)", md);
        Assert.Contains("](plots/claim1-2.png)", md);
    }

    [Fact]
    public void The_report_names_which_seeds_judged_and_which_chose_the_protocol()
    {
        var config = new Core.Config.ExperimentConfig
        {
            Name = "c", Seeds = [5, 6], CalibrationSeeds = [100, 101], Datasets = [], Model = new(), Train = new(), Arms = [], Eval = new(),
        };
        Assert.Equal("Verdict seeds: 5, 6. Calibration seeds (the protocol was chosen on these, `run.ps1 claims --calibration`): 100, 101.", ClaimsEvaluator.SeedNote(config, calibration: false));
        Assert.Equal("Calibration seeds (this run): 5, 6.", ClaimsEvaluator.SeedNote(config, calibration: true));
        Assert.StartsWith("# Claims: calibration seeds", ClaimsEvaluator.Markdown([], calibration: true));
    }
}
