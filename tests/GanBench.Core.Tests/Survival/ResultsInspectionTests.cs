using GanBench.Core.Config;
using GanBench.Core.Results;

namespace GanBench.Core.Tests.Survival;

/// <summary>
/// Opening a results folder: damaged or foreign files are refused with one line each and left
/// byte for byte as they were; what a kill leaves (a cut last line, rows of a trial without its
/// runs.csv row, a duplicated identical row) is repaired.
/// </summary>
public sealed class ResultsInspectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-inspect-").FullName;
    private static readonly string[] Metrics = ["modes_covered", "g_loss"];
    private const string A = "00000000000000aa", B = "00000000000000bb", C = "00000000000000cc";
    private const string Code = "ganbench=0.9.0+src.111111111111";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Root => Path.Combine(_dir, "results");
    private string Runs => Path.Combine(Root, ResultsDirectory.RunsFile);
    private string Curves => Path.Combine(Root, ResultsDirectory.CurvesFile);

    private static ResultsExpectation Expect(string code = Code, string[]? ids = null) => new()
    {
        TrialIds = ids ?? [A, B, C],
        RunsHeader = RunsCsv.RunsHeader(["gp_target"], Metrics),
        CurvesHeader = RunsCsv.CurvesHeader(Metrics),
        ImplementationOf = _ => code,
    };

    /// <summary>A folder where trials A and B finished and C was killed after its curve rows.</summary>
    private void WriteFolder()
    {
        var runs = new RunsCsvWriter(Runs, ["gp_target"], Metrics);
        var curves = new CurvesCsvWriter(Curves, Metrics);
        foreach (var id in new[] { A, B, C })
        {
            curves.Append([new CurvePoint(id, 0, new Dictionary<string, double?> { ["modes_covered"] = 1 }) { Arm = "x", Dataset = "ring8" }]);
            if (id != C)
                runs.Append(new RunRecord { Trial = new TrialRecord(id, "x", "ring8", 0, TrialStatus.Ok, new Dictionary<string, double?> { ["modes_covered"] = 3 }), Implementation = Code });
        }
    }

    private Dictionary<string, string> Snapshot() => Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f) != ResultsDirectory.LockFile)
        .ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    private ResultsConflictException Refused(ResultsExpectation? expectation = null)
    {
        var before = Snapshot();
        var e = Assert.Throws<ResultsConflictException>(() => ResultsDirectory.Open(Root, expectation ?? Expect()));
        Assert.Equal(before, Snapshot());
        Assert.All(e.Problems, p => Assert.DoesNotContain('\n', p));
        return e;
    }

    [Fact]
    public void A_clean_folder_opens_and_only_the_killed_trials_rows_go()
    {
        WriteFolder();
        var results = ResultsDirectory.Open(Root, Expect());
        Assert.Equal([A, B], results.Completed.Order());
        Assert.DoesNotContain(C, File.ReadAllText(Curves));
        Assert.Equal(3, File.ReadAllLines(Curves).Length);
    }

    [Fact]
    public void A_cut_last_row_is_dropped_but_a_cut_header_or_garbage_is_refused_untouched()
    {
        WriteFolder();
        File.AppendAllText(Runs, "00000000000000cc,experi");
        var results = ResultsDirectory.Open(Root, Expect());
        Assert.Equal(3, File.ReadAllLines(Runs).Length);
        Assert.Equal([A, B], results.Completed.Order());

        File.AppendAllText(Runs, "hello world");
        Assert.Contains("does not start like a row", Refused().Problems.Single());

        File.WriteAllText(Runs, "trial_id,experiment,ar");
        Assert.Contains("header line is incomplete", Refused().Problems.Single());

        File.WriteAllText(Runs, "trial_id,nonsense\n");
        var e = Refused();
        Assert.Contains("columns differ", e.Problems.Single());
        Assert.Contains("--out", e.Problems.Single());

        File.WriteAllBytes(Runs, [0x74, 0x72, 0x00, 0xFF, 0x0A]);
        Assert.Contains("not a text file", Refused().Problems.Single());
    }

    [Fact]
    public void Garbage_lines_are_refused_with_their_line_numbers_and_nothing_changes()
    {
        WriteFolder();
        File.AppendAllText(Runs, "some garbage line\n" + File.ReadAllLines(Runs)[1].Replace(",ok,", ",exploded,") + "\n");
        var e = Refused();
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains("runs.csv:4:", e.Problems[0]);
        Assert.Contains("runs.csv:5:", e.Problems[1]);
        Assert.Contains("not a status", e.Problems[1]);
    }

    [Fact]
    public void An_identical_duplicate_row_is_repaired_and_a_conflicting_one_is_refused()
    {
        WriteFolder();
        var row = File.ReadAllLines(Runs)[1];
        File.AppendAllText(Runs, row + "\n");
        var results = ResultsDirectory.Open(Root, Expect());
        Assert.Equal(3, File.ReadAllLines(Runs).Length);
        Assert.Equal([A, B], results.Completed.Order());
        // Opening again after the repair is a no-op.
        ResultsDirectory.Open(Root, Expect());

        File.AppendAllText(Runs, row.Replace(",3", ",4") + "\n");
        var e = Refused();
        Assert.Contains("lines 2 and 4 record trial 00000000000000aa with different values", e.Problems.Single());
    }

    [Fact]
    public void Rows_computed_by_other_code_are_refused_naming_what_changed()
    {
        WriteFolder();
        var e = Refused(Expect(code: Code + "; smoothed_ns=MyLosses.dll#222222222222"));
        Assert.Contains("2 finished trial(s) were computed by other code", e.Problems.Single());
        Assert.Contains("plugin component 'smoothed_ns' was not used, now MyLosses.dll#222222222222", e.Problems.Single());

        e = Refused(Expect(code: "ganbench=0.9.1+src.333333333333"));
        Assert.Contains("GanBench was 0.9.0+src.111111111111, now 0.9.1+src.333333333333", e.Problems.Single());
    }

    [Fact]
    public void Trials_the_configuration_does_not_produce_are_refused()
    {
        WriteFolder();
        var e = Refused(Expect(ids: [A, C]));
        Assert.Contains("holds 1 finished trial(s) that this configuration does not produce (for example 00000000000000bb)", e.Problems.Single());
    }

    /// <summary>
    /// train.ensemble decides how trials are batched, not what they compute: a sweep run with ensembles
    /// off resumes with them on (and back) without a refusal, even though config.resolved.yaml changed.
    /// </summary>
    [Theory]
    [InlineData("", "train: {ensemble: off}\n")]
    [InlineData("train: {ensemble: 8}\n", "")]
    [InlineData("train: {ensemble: off}\n", "train: {ensemble: 64}\n")]
    public void A_change_in_train_ensemble_alone_resumes_without_a_refusal(string before, string after)
    {
        const string Experiment = "name: t\nseeds: [0, 1]\ndatasets: [ring8]\nlosses: [{loss: wgan_gp, gp_weight: [1, 10]}]\n";
        var earlier = ConfigText.Ok(Experiment + before);
        var now = ConfigText.Ok(Experiment + after);
        Directory.CreateDirectory(Root);
        var earlierResolved = ResolvedConfigWriter.ToYaml(earlier.Config!, earlier.Trials);
        var nowResolved = ResolvedConfigWriter.ToYaml(now.Config!, now.Trials);
        Assert.NotEqual(earlierResolved, nowResolved);
        File.WriteAllText(Path.Combine(Root, ResultsDirectory.ResolvedConfigFile), earlierResolved);
        var runs = new RunsCsvWriter(Runs, ["gp_target"], Metrics);
        foreach (var t in earlier.Trials.Take(3))
            runs.Append(new RunRecord { Trial = new TrialRecord(t.TrialId, t.Arm, "ring8", t.Seed, TrialStatus.Ok, new Dictionary<string, double?> { ["modes_covered"] = 8 }), Implementation = Code });

        var expectation = Expect(ids: [.. now.Trials.Select(t => t.TrialId)]) with { ResolvedConfig = nowResolved };
        var results = ResultsDirectory.Open(Root, expectation);
        Assert.Equal(earlier.Trials.Take(3).Select(t => t.TrialId).Order(), results.Completed.Order());

        // A change that does alter the trials is still refused, naming the key that did it.
        var other = ConfigText.Ok(Experiment.Replace("[1, 10]", "[1, 100]") + after);
        var e = Refused(Expect(ids: [.. other.Trials.Select(t => t.TrialId)]) with { ResolvedConfig = ResolvedConfigWriter.ToYaml(other.Config!, other.Trials) });
        Assert.Contains("does not produce", e.Problems.Single());
        Assert.Contains("losses[0].gp_weight", e.Problems.Single());
    }

    [Fact]
    public void Garbage_in_curves_is_refused_even_for_trials_that_would_be_dropped()
    {
        WriteFolder();
        File.AppendAllText(Curves, "xyz,not,a,row\n");
        Assert.Contains("curves.csv:5:", Refused().Problems.Single());
    }

    [Fact]
    public void A_merge_marker_goes_when_the_run_will_add_rows()
    {
        WriteFolder();
        var marker = Path.Combine(Root, ResultsDirectory.MergeMarkerFile);
        File.WriteAllText(marker, "merged\n");
        ResultsDirectory.Open(Root, Expect(ids: [A, B]));
        Assert.True(File.Exists(marker));
        ResultsDirectory.Open(Root, Expect());
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("\"a,b\",\"say \"\"hi\"\"\",", new[] { "a,b", "say \"hi\"", "" })]
    [InlineData("", new[] { "" })]
    public void Csv_lines_split_as_csvhelper_writes_them(string line, string[] cells)
    {
        Assert.Equal(cells, CsvLine.Split(line));
        Assert.Equal(line.Length == 0 ? "" : line.TrimEnd(','), CsvLine.Join(cells).TrimEnd(','));
    }

    [Fact]
    public void An_unclosed_quote_is_not_a_line()
    {
        Assert.Null(CsvLine.Split("\"abc,def"));
        Assert.Null(CsvLine.Split("\"abc\"x,def"));
    }
}
