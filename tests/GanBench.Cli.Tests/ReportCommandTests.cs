using GanBench.Cli;

namespace GanBench.Cli.Tests;

/// <summary>The sweep's end and `report` share one path: `report` on a finished sweep's CSVs writes the same summaries.</summary>
public class ReportCommandTests
{
    private const string Experiment = """
        name: report-roundtrip
        seeds: [0, 1]
        datasets: [ring8]
        model:
          generator: { hidden: 16, layers: 2 }
          critic: { hidden: 16, layers: 2 }
        train:
          iterations: 20
          batch_size: 64
          critic_steps: 1
        losses:
          - { loss: non_saturating }
          - { loss: wgan_gp }
        eval:
          every: 10
          samples: 200
        baseline: non_saturating
        tensorboard: true
        """;

    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    [Fact]
    [Trait("Category", "Slow")]
    public void Report_rebuilds_the_summary_the_sweep_wrote_and_draws_its_plots_and_tensorboard_scalars_are_written()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ganbench-roundtrip-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var yaml = Path.Combine(dir, "exp.yaml");
            File.WriteAllText(yaml, Experiment);
            var results = Path.Combine(dir, "results");
            var run = Cli(yaml, "--out", results, "--device", "cpu", "--jobs", "1");
            Assert.True(run.Code == 0, run.Err);
            var summaryMd = File.ReadAllText(Path.Combine(results, "summary.md"));
            var summaryCsv = File.ReadAllText(Path.Combine(results, "summary.csv"));
            Assert.True(File.Exists(Path.Combine(results, "report.md")), "the sweep writes report.md");
            Assert.Contains("baseline 'non_saturating'", summaryMd);
            // tensorboard: true gives one run folder with an event file per trial.
            var runs = Directory.GetDirectories(Path.Combine(results, "tensorboard"));
            Assert.Equal(4, runs.Length);
            Assert.All(runs, r => Assert.Single(Directory.GetFiles(r, "events.out.tfevents.*")));
            foreach (var f in new[] { "summary.md", "summary.csv", "report.md" }) File.Delete(Path.Combine(results, f));
            Directory.Delete(Path.Combine(results, "plots"), true);

            var report = Cli("report", results);

            Assert.True(report.Code == 0, report.Err);
            Assert.Equal(summaryMd, File.ReadAllText(Path.Combine(results, "summary.md")));
            Assert.Equal(summaryCsv, File.ReadAllText(Path.Combine(results, "summary.csv")));
            Assert.True(File.Exists(Path.Combine(results, "report.md")));
            var pngs = Directory.GetFiles(Path.Combine(results, "plots"), "*.png");
            Assert.Contains(pngs, p => Path.GetFileName(p).StartsWith("curves_", StringComparison.Ordinal));
            Assert.Contains(pngs, p => Path.GetFileName(p).StartsWith("samples_", StringComparison.Ordinal));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    public void Report_on_a_folder_without_results_is_one_line_and_exit_2(string kind)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ganbench-noresults-" + Guid.NewGuid().ToString("N"));
        if (kind == "empty") Directory.CreateDirectory(dir);
        try
        {
            var (code, _, err) = Cli("report", dir);
            Assert.Equal(2, code);
            var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("error: report: ", lines[0]);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
