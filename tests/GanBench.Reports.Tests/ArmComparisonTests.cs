using System.Text;
using GanBench.Core.Results;

namespace GanBench.Reports.Tests;

/// <summary>report.md's "Arms against each other" and its figures.</summary>
public class ArmComparisonTests
{
    private static GanBench.Core.Config.ComponentCatalog Catalog => GanBench.Training.Components.BuiltinComponents.Catalog();
    private const string Section = "## Arms against each other";

    [Fact]
    public void Two_arms_get_the_section_between_the_headline_tables_and_the_figures()
    {
        using var fixture = new ResultsFixture(withDivergedTrial: true);

        var result = ReportGenerator.Build(fixture.Root, Catalog);

        var md = File.ReadAllText(result.ReportPath);
        int headline = md.IndexOf("## Headline metrics", StringComparison.Ordinal);
        int section = md.IndexOf(Section, StringComparison.Ordinal);
        int samples = md.IndexOf("## Samples", StringComparison.Ordinal);
        Assert.True(headline < section && section < samples, "headline tables, then arms against each other, then the sample figures");
        // Every seed of wgan_gp covers all 8 modes, the clipped arm's ok seeds 6 and 7: a sure win on one dataset.
        Assert.Contains("| row beats column | wgan clip=0.05 | wgan_gp |", md);
        Assert.Contains("| wgan_gp | 1.00 [1.00, 1.00] (1) | – |", md);
        Assert.Contains("| wgan clip=0.05 | – | 0.00 [0.00, 0.00] (1) |", md);
        Assert.Contains("### w1_exact: P(row beats column) (lower is better)", md);
        Assert.Contains("- modes_covered: modes covered / the dataset's modes (ring8).", md);
        Assert.Contains("- w1_exact: min–max over every arm's ok runs on the dataset", md);
        Assert.Contains("- hq_fraction: the value itself on its range [0, 1] (ring8).", md);
    }

    [Fact]
    public void One_heatmap_per_headline_metric_and_one_profile_figure_are_written_the_same_on_every_build()
    {
        using var fixture = new ResultsFixture(withDivergedTrial: false);

        var first = ReportGenerator.Build(fixture.Root, Catalog).Plots
            .Where(p => p.Section is ArmComparisonPlots.MatrixSection or ArmComparisonPlots.ProfileSection)
            .ToDictionary(p => p.RelativePath, p => File.ReadAllBytes(Path.Combine(fixture.Root, p.RelativePath)));

        Assert.Equal(["plots/improvement_modes_covered.png", "plots/improvement_hq_fraction.png", "plots/improvement_w1_exact.png", "plots/performance_profiles.png"],
            first.Keys);
        Assert.All(first.Values, png => Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png.Take(4).ToArray()));
        ReportGenerator.Build(fixture.Root, Catalog);
        Assert.All(first, kv => Assert.Equal(kv.Value, File.ReadAllBytes(Path.Combine(fixture.Root, kv.Key))));
        Assert.Empty(Directory.GetFiles(Path.Combine(fixture.Root, ReportGenerator.PlotsFolder), "*.tmp-*"));
    }

    [Fact]
    public void One_arm_has_no_section_and_no_figures()
    {
        using var fixture = new ResultsFixture(withDivergedTrial: false, arms: [ResultsFixture.Penalized]);

        var result = ReportGenerator.Build(fixture.Root, Catalog);

        Assert.DoesNotContain(Section, File.ReadAllText(result.ReportPath));
        Assert.DoesNotContain("Performance profiles", File.ReadAllText(result.ReportPath));
        Assert.DoesNotContain(result.Plots, p => p.Section.StartsWith("arms-", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(fixture.Root, ReportGenerator.PlotsFolder, ArmComparisonPlots.ProfileFile)));
    }

    [Fact]
    public void An_arm_whose_every_trial_diverged_has_blank_cells_not_zeros_and_still_draws()
    {
        var data = InMemory(("A", 6.0), ("A", 8.0), ("B", 5.0), ("B", 6.0), ("C", null), ("C", null));
        var comparison = ArmComparison.For(data, matrixResamples: 200)!;

        var md = new StringBuilder();
        ArmComparisonSection.Append(md, comparison, []);

        Assert.Contains("| A | – | 0.88 [", md.ToString());
        Assert.Contains("| C |  |  | – |", md.ToString());
        Assert.Contains("| B | 0.13 [", md.ToString());
        var directory = Path.Combine(Path.GetTempPath(), "ganbench-arms-" + Guid.NewGuid().ToString("N"));
        try
        {
            var plots = new ArmComparisonPlots(data, comparison, directory).Draw().ToList();
            Assert.All(plots, p => Assert.True(new FileInfo(Path.Combine(directory, Path.GetFileName(p.RelativePath))).Length > 10_000));
        }
        finally { Directory.Delete(directory, true); }
    }

    [Fact]
    public void Two_arms_of_which_one_never_finished_say_so_instead_of_failing_the_report()
    {
        // Every cell of the matrix is blank: there is no pair to compare, and the figure says that.
        var data = InMemory(("A", 6.0), ("A", 8.0), ("C", null), ("C", null));
        var comparison = ArmComparison.For(data, matrixResamples: 200)!;
        var directory = Path.Combine(Path.GetTempPath(), "ganbench-arms-" + Guid.NewGuid().ToString("N"));
        try
        {
            var plots = new ArmComparisonPlots(data, comparison, directory).Draw().ToList();
            Assert.NotEmpty(plots);
            Assert.All(plots, p => Assert.True(File.Exists(Path.Combine(directory, Path.GetFileName(p.RelativePath)))));
        }
        finally { Directory.Delete(directory, true); }
    }

    [Fact]
    public void With_a_single_arm_there_is_nothing_to_compare()
    {
        Assert.Null(ArmComparison.For(InMemory(("A", 6.0), ("A", 8.0))));
    }

    /// <summary>Trials of one dataset with modes_covered only; a null value is a diverged seed.</summary>
    private static ResultsData InMemory(params (string Arm, double? Modes)[] trials) => new()
    {
        Root = "in-memory",
        Runs = trials.Select((t, i) => new RunRecord
        {
            Trial = new TrialRecord($"t{i}", t.Arm, "ring8", i, t.Modes is null ? TrialStatus.Diverged : TrialStatus.Ok,
                new Dictionary<string, double?> { ["modes_covered"] = t.Modes }),
        }).ToList(),
        Curves = [],
        LayerGradients = [],
    };
}
