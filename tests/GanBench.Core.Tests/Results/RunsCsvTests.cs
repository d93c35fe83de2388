using GanBench.Core.Results;
using static GanBench.Core.Tests.Results.SummaryFixtures;

namespace GanBench.Core.Tests.Results;

public sealed class RunsCsvTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ganbench-results-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static readonly string[] RunMetrics = ["modes_covered", "hq_fraction", "reverse_kl", "g_loss", "my_custom"];
    private static readonly string[] CurveMetrics = ["w1_sliced", "d_loss"];

    [Fact]
    public void Written_runs_and_curves_read_back_into_the_same_summary()
    {
        var (trials, curves) = Mixed();
        var runs = new RunsCsvWriter(Path.Combine(_dir, "runs.csv"), ["gp_target"], RunMetrics);
        var curveWriter = new CurvesCsvWriter(Path.Combine(_dir, "curves.csv"), CurveMetrics);
        foreach (var t in trials)
        {
            runs.Append(new RunRecord
            {
                Trial = t, Experiment = "e1", Steps = 1000, WallSeconds = 1.5, Implementation = "ganbench=1.0+src.abc",
                Platform = new RunPlatform("cuda:0", "libtorch=2.10.0; build=cuda; cuda=12.8; gpu=NVIDIA H200"),
                Setup = new TrialSetup { Loss = t.Arm, Clip = t.Arm == "=cmd()" ? 0.01 : null, Options = new SortedDictionary<string, double> { ["gp_target"] = 0.5 } },
                Message = t.Status == TrialStatus.Ok ? "" : "boom, \"quoted\"\nline 2",
            });
            curveWriter.Append(curves.Where(c => c.TrialId == t.TrialId));
        }

        var readRuns = RunsCsv.ReadRuns(runs.Path);
        var readTrials = readRuns.Select(r => r.Trial).ToList();
        var readCurves = RunsCsv.ReadCurves(curveWriter.Path);

        Assert.Equal(trials.Select(t => (t.TrialId, t.Arm, t.Dataset, t.Seed, t.Status)), readTrials.Select(t => (t.TrialId, t.Arm, t.Dataset, t.Seed, t.Status)));
        Assert.Equal(curves.Count, readCurves.Count);
        // Every row is one line: a line break in a message is written as a space.
        Assert.Equal("boom, \"quoted\" line 2", readRuns.First(r => r.Trial.Status != TrialStatus.Ok).Message);
        Assert.Equal(0.01, readRuns.First(r => r.Trial.Arm == "=cmd()").Setup.Clip);
        Assert.Null(readRuns.First(r => r.Trial.Arm == "minimax").Setup.Clip);
        Assert.All(readRuns, r => Assert.Equal(0.5, r.Setup.Options["gp_target"]));
        Assert.All(readRuns, r => Assert.Equal("ganbench=1.0+src.abc", r.Implementation));
        Assert.All(readRuns, r => Assert.Equal(new RunPlatform("cuda:0", "libtorch=2.10.0; build=cuda; cuda=12.8; gpu=NVIDIA H200"), r.Platform));
        Assert.Equal(trials.Count + 1, File.ReadAllLines(runs.Path).Length);

        foreach (var exporter in new ISummaryExporter[] { CsvSummaryExporter.Default, MarkdownSummaryExporter.Default, PlainTextSummaryExporter.Default })
        {
            Assert.Equal(
                exporter.ExportToString(SummaryModel.Build(trials, curves, "wgan_gp")),
                exporter.ExportToString(SummaryModel.Build(readTrials, readCurves, "wgan_gp")));
        }
    }

    [Fact]
    public void Formula_like_text_is_escaped_in_the_file_and_restored_on_reading()
    {
        var writer = new RunsCsvWriter(Path.Combine(_dir, "runs.csv"), [], ["g_loss"]);
        writer.Append(new RunRecord { Trial = Trial("=cmd()", "'=quoted", 0, TrialStatus.Ok, ("g_loss", -2.5)), Message = "@SUM(A1)" });

        string text = File.ReadAllText(writer.Path);
        Assert.Contains("'=cmd()", text);
        Assert.Contains("''=quoted", text);
        Assert.Contains("'@SUM(A1)", text);
        Assert.Contains(",-2.5", text);

        var run = RunsCsv.ReadRuns(writer.Path).Single();
        Assert.Equal("=cmd()", run.Trial.Arm);
        Assert.Equal("'=quoted", run.Trial.Dataset);
        Assert.Equal("@SUM(A1)", run.Message);
        Assert.Equal(-2.5, run.Trial.Metrics["g_loss"]);
    }

    [Fact]
    public void Header_is_written_once_and_rows_are_appended_across_writers()
    {
        string path = Path.Combine(_dir, "runs.csv");
        new RunsCsvWriter(path, [], ["g_loss"]).Append(new RunRecord { Trial = Trial("a", "ring", 0, TrialStatus.Ok, ("g_loss", 1.0)) });
        new RunsCsvWriter(path, [], ["g_loss"]).Append(new RunRecord { Trial = Trial("a", "ring", 1, TrialStatus.Diverged, ("g_loss", double.NaN)) });

        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Join(",", [.. RunsCsv.IdentityColumns, .. RunsCsv.SetupColumns, RunsCsv.ImplementationColumn]) + ",g_loss", lines[0]);
        var read = RunsCsv.ReadTrials(path);
        Assert.Equal([TrialStatus.Ok, TrialStatus.Diverged], read.Select(t => t.Status));
        Assert.True(double.IsNaN(read[1].Metrics["g_loss"]!.Value));
    }

    [Fact]
    public void Appending_to_a_file_with_another_header_fails_and_says_what_differs()
    {
        string path = Path.Combine(_dir, "runs.csv");
        new RunsCsvWriter(path, [], ["g_loss"]).Append(new RunRecord { Trial = Trial("a", "ring", 0, TrialStatus.Ok, ("g_loss", 1.0)) });
        var ex = Assert.Throws<InvalidDataException>(() =>
            new RunsCsvWriter(path, [], ["g_loss", "d_loss"]).Append(new RunRecord { Trial = Trial("a", "ring", 1, TrialStatus.Ok) }));
        Assert.Contains("different header", ex.Message);
        Assert.Contains("d_loss", ex.Message);
        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void A_metric_that_is_not_a_column_is_rejected_rather_than_dropped()
    {
        var writer = new RunsCsvWriter(Path.Combine(_dir, "runs.csv"), [], ["g_loss"]);
        Assert.Throws<ArgumentException>(() => writer.Append(new RunRecord { Trial = Trial("a", "ring", 0, TrialStatus.Ok, ("w1_exact", 1.0)) }));
        Assert.Throws<ArgumentException>(() => writer.Append(new RunRecord { Trial = Trial("a", "ring", 0, TrialStatus.Ok), Setup = new TrialSetup { Options = new SortedDictionary<string, double> { ["focal_gamma"] = 2 } } }));
        Assert.Throws<ArgumentException>(() => new RunsCsvWriter(Path.Combine(_dir, "x.csv"), [], ["seed"]));
        Assert.Throws<ArgumentException>(() => new RunsCsvWriter(Path.Combine(_dir, "x.csv"), ["penalty_weight"], []));
    }

    [Fact]
    public void Reader_of_an_older_runs_csv_treats_unknown_columns_as_metrics_and_empty_cells_as_null()
    {
        Directory.CreateDirectory(_dir);
        string path = Path.Combine(_dir, "runs.csv");
        File.WriteAllText(path,
            "trial_id,experiment,arm,dataset,loss,clip,gp_weight,instance_noise,seed,status,step,wall_seconds,message,reverse_kl,brand_new\n" +
            "t1,e,wgan,ring8,wgan,0.01,0,0,3,OK,500,2.5,,,1e-3\n");
        var t = RunsCsv.ReadRuns(path).Single();
        Assert.Equal(500, t.Steps);
        Assert.Equal(["reverse_kl", "brand_new"], t.Trial.Metrics.Keys);
        Assert.Null(t.Trial.Metrics["reverse_kl"]);
        Assert.Equal(0.001, t.Trial.Metrics["brand_new"]);
        Assert.Equal(TrialStatus.Ok, t.Trial.Status);
        Assert.Equal(("wgan", "none", 0.01), (t.Setup.Loss, t.Setup.Penalty, t.Setup.Clip));
    }

    [Fact]
    public void Options_stand_between_the_setup_and_implementation_and_metrics_after_it()
    {
        string path = Path.Combine(_dir, "runs.csv");
        var writer = new RunsCsvWriter(path, ["gp_target", "label_smoothing"], ["modes_covered", "unheard_of"]);
        writer.Append(new RunRecord
        {
            Trial = Trial("hinge penalty=r1", "ring8", 0, TrialStatus.Ok, ("modes_covered", 7.0), ("unheard_of", 2.0)),
            Setup = new TrialSetup { Loss = "hinge", Objective = "hinge", Penalty = "r1", PenaltyWeight = 1, Options = new SortedDictionary<string, double> { ["label_smoothing"] = 0.2 } },
        });
        var run = RunsCsv.ReadRuns(path).Single();
        Assert.Equal(("r1", 1.0), (run.Setup.Penalty, run.Setup.PenaltyWeight));
        Assert.Equal(["label_smoothing"], run.Setup.Options.Keys);
        Assert.Equal(["modes_covered", "unheard_of"], run.Trial.Metrics.Keys);
        var (options, metrics) = RunsCsv.SplitHeader(File.ReadLines(path).First().Split(','));
        Assert.Equal(["gp_target", "label_smoothing"], options);
        Assert.Equal(["modes_covered", "unheard_of"], metrics);
    }

    [Fact]
    public void Reader_reports_bad_status_with_the_valid_names()
    {
        Directory.CreateDirectory(_dir);
        string path = Path.Combine(_dir, "runs.csv");
        File.WriteAllText(path, "trial_id,arm,dataset,seed,status\nt1,a,d,0,exploded\n");
        var ex = Assert.Throws<InvalidDataException>(() => RunsCsv.ReadRuns(path));
        Assert.Contains("ok, diverged, failed, timeout", ex.Message);
    }
}
