using System.Diagnostics;
using System.Globalization;
using GanBench.Cli.Application;
using GanBench.Cli.Output;
using GanBench.Cli.Sweeps;
using GanBench.Core.Claims;
using GanBench.Core.Config;
using GanBench.Core.Results;

namespace GanBench.Cli.Claims;

/// <param name="Claims">Claim numbers, ascending.</param>
/// <param name="ReportOnly">Rebuild the verdicts from the CSVs there are, without training.</param>
/// <param name="Jobs">As `run --jobs`; null: one per core on the CPU, one on a GPU.</param>
/// <param name="Device">auto, cpu or cuda; null: auto.</param>
/// <param name="Calibration">Run each claim's calibration_seeds instead of its seeds, into OutDirectory/calibration.</param>
public sealed record ClaimsRequest(IReadOnlyList<int> Claims, bool ReportOnly, string OutDirectory, string ExperimentsDirectory, int? Jobs, string? Device, bool Calibration = false)
{
    /// <summary>Where this request's claims.md and claim folders go: calibration runs never mix with the verdicts.</summary>
    public string ReportDirectory => Calibration ? Path.Combine(OutDirectory, "calibration") : OutDirectory;
}

/// <summary>
/// `claims`: runs experiments/claims/claim&lt;N&gt;-*.yaml (each into DIR/&lt;experiment name&gt;,
/// resuming finished trials) through <see cref="SweepService"/>, then computes every claim's verdict
/// from the CSVs and writes DIR/claims.md and DIR/claims.csv.
/// </summary>
public static class ClaimsService
{
    private sealed record Claim(int Number, LoadedExperiment Experiment, string Folder);

    public static void Run(ClaimsRequest request, CliConsole console)
    {
        var seedSet = request.Calibration ? SeedSet.Calibration : SeedSet.Verdict;
        string outDirectory = request.ReportDirectory;
        var claims = request.Claims.Select(n =>
        {
            var loaded = ExperimentInput.LoadOrThrow(ExperimentFile(request.ExperimentsDirectory, n), seedSet);
            return new Claim(n, loaded, Path.Combine(outDirectory, loaded.Config!.Name));
        }).ToList();
        Directory.CreateDirectory(outDirectory);
        var timing = new ClaimTiming(Path.Combine(outDirectory, "claims_timing.csv"));
        if (!request.ReportOnly)
            RunSweeps(request, claims, timing, console);
        WriteVerdicts(outDirectory, claims, timing, request.Calibration, console);
    }

    /// <summary>The experiment file of claim <paramref name="n"/>: the one file named claim&lt;n&gt;-*.yaml.</summary>
    public static string ExperimentFile(string directory, int n)
    {
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, $"claim{n}-*.yaml") : [];
        return files.Length == 1 ? files[0]
            : throw new UsageException($"error: claims: expected exactly one file {Path.Combine(directory, $"claim{n}-*.yaml")}, found {files.Length}");
    }

    private static void RunSweeps(ClaimsRequest request, IReadOnlyList<Claim> claims, ClaimTiming timing, CliConsole console)
    {
        var device = SweepService.ResolveDevice(request.Device ?? "auto");
        foreach (var claim in claims)
        {
            console.Line($"claim {claim.Number}: {ClaimsEvaluator.Titles[claim.Number]} ({claim.Experiment.Config!.SourcePath} → {claim.Folder})");
            bool anyPending = AnyPending(claim.Folder, claim.Experiment);
            var clock = Stopwatch.StartNew();
            SweepService.Run(new SweepRequest(claim.Experiment, claim.Folder, device, Jobs: request.Jobs), new LineObserver(console), console);
            // A run that only resumed finished trials says nothing about the claim's cost; keep the earlier time.
            if (anyPending) timing.Record(claim.Number, clock.Elapsed.TotalSeconds);
        }
    }

    private static void WriteVerdicts(string outDirectory, IReadOnlyList<Claim> claims, ClaimTiming timing, bool calibration, CliConsole console)
    {
        var verdicts = claims.Select(c => ClaimsEvaluator.Evaluate(c.Number, c.Folder)).ToList();
        var notes = claims.ToDictionary(c => c.Number, c =>
            $"Experiment: `{Path.GetRelativePath(Directory.GetCurrentDirectory(), c.Experiment.Config!.SourcePath)}`, results in `{c.Folder}` ({c.Experiment.Trials.Count} trials{(timing.Seconds(c.Number) is double sec ? $", last run took {sec:F0} s" : "")}). "
            + ClaimsEvaluator.SeedNote(c.Experiment.Config!, calibration) + "\n\n"
            + ClaimProtocol.Describe(c.Number, c.Experiment.Config!, c.Experiment.Trials.Select(t => t.Arm).Distinct().ToList()));
        foreach (var v in verdicts)
            foreach (var (chart, i) in v.Charts.Select((c, i) => (c, i)))
                if (GanBench.Reports.ClaimChartRenderer.Save(chart, Path.Combine(outDirectory, ClaimsEvaluator.ChartFile(v.Number, i))) is { } note)
                    console.Line("note: " + note);
        string md = ClaimsEvaluator.Markdown(verdicts, notes, calibration) + timing.MarkdownNote();
        ResultsDirectory.WriteAtomically(Path.Combine(outDirectory, "claims.md"), md);
        var csv = new System.Text.StringBuilder("claim,title,verdict,reason\n");
        foreach (var v in verdicts)
            csv.AppendLine($"{v.Number},\"{v.Title}\",{ClaimResult.Text(v.Verdict)},\"{v.Reason.Replace("\"", "\"\"")}\"");
        ResultsDirectory.WriteAtomically(Path.Combine(outDirectory, "claims.csv"), csv.ToString());
        foreach (var v in verdicts)
            console.Line($"claim {v.Number} {v.Title}: {ClaimResult.Text(v.Verdict).ToUpperInvariant()} — {v.Reason}");
        console.Line($"report: {Path.Combine(outDirectory, "claims.md")}");
    }

    /// <summary>Whether a claim's folder lacks some trial; a run that only resumes finished trials says nothing about its cost.</summary>
    private static bool AnyPending(string folder, LoadedExperiment loaded)
    {
        var runs = Path.Combine(folder, ResultsDirectory.RunsFile);
        if (!File.Exists(runs)) return true;
        try
        {
            var done = RunsCsv.ReadRuns(runs).Select(r => r.Trial.TrialId).ToHashSet(StringComparer.Ordinal);
            return loaded.Trials.Any(t => !done.Contains(t.TrialId));
        }
        catch (InvalidDataException) { return true; }
    }
}

/// <summary>Wall-clock seconds of each claim's last run that trained something, kept in claims_timing.csv across runs.</summary>
internal sealed class ClaimTiming
{
    private readonly string _path;
    private readonly Dictionary<int, double> _seconds = [];

    public ClaimTiming(string path)
    {
        _path = path;
        if (!File.Exists(path)) return;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length == 2 && int.TryParse(f[0], CultureInfo.InvariantCulture, out int n) && double.TryParse(f[1], CultureInfo.InvariantCulture, out double sec)) _seconds[n] = sec;
        }
    }

    public double? Seconds(int claim) => _seconds.TryGetValue(claim, out var sec) ? sec : null;

    public void Record(int claim, double seconds)
    {
        _seconds[claim] = seconds;
        ResultsDirectory.WriteAtomically(_path, "claim,seconds\n" + string.Concat(_seconds.OrderBy(t => t.Key).Select(t => $"{t.Key},{t.Value.ToString("F1", CultureInfo.InvariantCulture)}\n")));
    }

    public string MarkdownNote() => _seconds.Count == 0 ? ""
        : $"\n\nRun time of the claim experiments on the last run (wall clock, --jobs as given): {string.Join(", ", _seconds.OrderBy(t => t.Key).Select(t => $"claim {t.Key}: {t.Value:F0} s"))}; total {_seconds.Values.Sum():F0} s.\n";
}
