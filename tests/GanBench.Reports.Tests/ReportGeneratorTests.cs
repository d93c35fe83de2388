using GanBench.Core.Results;

namespace GanBench.Reports.Tests;

public class ReportGeneratorTests
{
    private static GanBench.Core.Config.ComponentCatalog Catalog => GanBench.Training.Components.BuiltinComponents.Catalog();

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static void AssertValidPng(string path)
    {
        Assert.True(File.Exists(path), $"{path} missing");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes.Take(8).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_plot_type_is_a_valid_png_with_and_without_a_diverged_trial(bool diverged)
    {
        using var fixture = new ResultsFixture(diverged);

        var result = ReportGenerator.Build(fixture.Root, Catalog);

        var files = result.Plots.Select(p => Path.GetFileName(p.RelativePath)).ToList();
        Assert.Contains("samples_ring8_wgan_clip_0.05.png", files);
        Assert.Contains("samples_ring8_wgan_gp.png", files);
        Assert.Contains("snapshots_ring8_wgan_clip_0.05.png", files);
        Assert.Contains("curves_ring8.png", files);
        Assert.Contains("layer_grads_ring8.png", files);
        Assert.Contains("critic_weights_ring8.png", files);
        foreach (var plot in result.Plots) AssertValidPng(Path.Combine(fixture.Root, plot.RelativePath));
        Assert.DoesNotContain(result.Notes, n => n.Contains("stopped drawing", StringComparison.Ordinal));
        if (diverged) Assert.Contains(result.Notes, n => n.Contains("diverged after 60 steps", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_md_opens_with_the_verdict_and_ci_tables_and_links_every_plot()
    {
        using var fixture = new ResultsFixture(withDivergedTrial: true);

        var result = ReportGenerator.Build(fixture.Root, Catalog);

        var md = File.ReadAllText(result.ReportPath);
        int verdict = md.IndexOf("## Verdict", StringComparison.Ordinal);
        int headline = md.IndexOf("## Headline metrics (mean ± 95% CI over seeds)", StringComparison.Ordinal);
        int firstPlot = md.IndexOf("![", StringComparison.Ordinal);
        int fullTables = md.IndexOf("### ring8: final metrics", StringComparison.Ordinal);
        Assert.True(verdict >= 0 && verdict < headline && headline < firstPlot && firstPlot < fullTables,
            "verdict, then the headline CI table, then plots, then every metric");
        // The clipped arm kept 2 seeds: too few to compare, so nothing is bolded or called better.
        Assert.Contains("| wgan_gp | 3 / 0 / 0 | 8 ± 0 (3) #1", md);
        Assert.Contains("| wgan clip=0.05 | 2 / 1 / 0 |", md);
        foreach (var plot in result.Plots) Assert.Contains($"]({plot.RelativePath})", md);
        Assert.Contains("**modes_covered** (higher is better): wgan_gp (8 ± 0 (3)) has the best mean, but is not significantly better than every other arm at these seeds.", md);
        Assert.Contains("It is not tested against the baseline wgan clip=0.05 (fewer than 3 seeds", md);
        Assert.DoesNotContain("**8 ± 0 (3)**", md);
        Assert.Contains("wgan clip=0.05 (1 of 3 seeds did not finish)", md);
        Assert.Single(md.Split('\n'), l => l == "## Legend");
    }

    [Fact]
    public void The_report_calls_an_arm_better_only_where_the_tests_support_it()
    {
        using var fixture = new ResultsFixture(withDivergedTrial: false);

        var md = File.ReadAllText(ReportGenerator.Build(fixture.Root, Catalog).ReportPath);

        // Three seeds each, and the penalized arm covers more modes and has lower W1 on every seed.
        Assert.Contains("**modes_covered** (higher is better): **wgan_gp** (8 ± 0 (3)) is significantly better than every other arm.", md);
        Assert.Contains("| wgan_gp | 3 / 0 / 0 | **8 ± 0 (3)** #1", md);
        Assert.Contains("**w1_exact** (lower is better): **wgan_gp**", md);
        Assert.DoesNotContain("is the baseline.", md);
    }

    [Fact]
    public void Baseline_comes_from_the_resolved_config_unless_given()
    {
        using var fixture = new ResultsFixture(withDivergedTrial: false);

        Assert.Equal(ResultsFixture.Clipped, ReportGenerator.Build(fixture.Root, Catalog).Summary.BaselineArm);
        Assert.Equal(ResultsFixture.Penalized, ReportGenerator.Build(fixture.Root, Catalog, ResultsFixture.Penalized).Summary.BaselineArm);
    }

    [Fact]
    public void The_summary_files_are_those_the_exporters_write_for_the_same_model()
    {
        using var fixture = new ResultsFixture(withDivergedTrial: true);
        var trials = RunsCsv.ReadTrials(Path.Combine(fixture.Root, ResultsDirectory.RunsFile));
        var curves = RunsCsv.ReadCurves(Path.Combine(fixture.Root, ResultsDirectory.CurvesFile));
        var model = SummaryModel.Build(trials, curves, ResultsFixture.Clipped);

        ReportGenerator.Build(fixture.Root, Catalog);

        Assert.Equal(MarkdownSummaryExporter.Default.ExportToString(model), File.ReadAllText(Path.Combine(fixture.Root, "summary.md")));
        Assert.Equal(CsvSummaryExporter.Default.ExportToString(model), File.ReadAllText(Path.Combine(fixture.Root, "summary.csv")));
    }

    [Fact]
    public void Without_the_config_the_report_fails_loudly_instead_of_drawing_plots_without_real_data()
    {
        using var fixture = new ResultsFixture(withDivergedTrial: true, withConfig: false);

        var e = Assert.Throws<ReportInputException>(() => ReportGenerator.Build(fixture.Root, Catalog));
        Assert.Contains("config.resolved.yaml is missing", e.Message);
        Assert.False(File.Exists(Path.Combine(fixture.Root, ReportGenerator.ReportFile)));
    }

    [Fact]
    public void A_missing_folder_or_runs_csv_is_one_clear_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ganbench-none-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<ReportInputException>(() => ReportGenerator.Build(missing, Catalog));
        Assert.Contains("no such results folder", e.Message);

        Directory.CreateDirectory(missing);
        try
        {
            e = Assert.Throws<ReportInputException>(() => ReportGenerator.Build(missing, Catalog));
            Assert.Contains("has no runs.csv", e.Message);
        }
        finally { Directory.Delete(missing, true); }
    }
}
