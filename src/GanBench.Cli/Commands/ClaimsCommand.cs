using System.Diagnostics;
using System.Globalization;
using GanBench.Core.Claims;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Sweep;

namespace GanBench.Cli.Commands;

/// <summary>
/// `claims [--only 1,3] [--report-only] [--out DIR] [--experiments DIR] [--jobs N] [--device D]`:
/// runs experiments/claims/claim&lt;N&gt;-*.yaml (each into DIR/&lt;experiment name&gt;, resuming
/// finished trials), then computes every claim's verdict from the CSVs and writes DIR/claims.md
/// and DIR/claims.csv. --report-only skips training and rebuilds the verdicts from existing CSVs.
/// </summary>
public sealed class ClaimsCommand : ICommand
{
    public string Name => "claims";
    public string Usage => "claims [--only 1,3] [--report-only] [--out DIR] [--experiments DIR] [--jobs N] [--device auto|cpu|cuda]";
    public string Summary => "run the claim experiments (experiments/claims) and write their verdicts to results/claims/claims.md";

    public sealed record Settings(IReadOnlyList<int> Claims, bool ReportOnly, string OutDirectory, string ExperimentsDirectory, int? Jobs, string? Device);

    public static Settings Parse(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse("claims", args, ["only", "out", "experiments", "jobs", "device"], ["report-only"]);
        line.ExpectPositionals("claims", 0, 0, "claims [--only 1,3] [--report-only] [--out DIR]");
        var claims = new List<int>();
        if (line.Option("only") is { } only)
        {
            foreach (var part in only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || !ClaimsEvaluator.Titles.ContainsKey(n))
                    throw new UsageException($"error: claims: --only '{part}' is not a claim number; claims are {string.Join(", ", ClaimsEvaluator.Titles.Keys)}");
                if (!claims.Contains(n)) claims.Add(n);
            }
            if (claims.Count == 0) throw new UsageException("error: claims: --only needs claim numbers, e.g. --only 1,3");
        }
        else claims.AddRange(ClaimsEvaluator.Titles.Keys);
        int? jobs = null;
        if (line.Option("jobs") is { } j)
            jobs = int.TryParse(j, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1
                ? n : throw new UsageException($"error: claims: --jobs '{j}' must be a whole number ≥ 1");
        var device = line.Option("device");
        if (device is not null && !DeviceSelector.Choices.Contains(device))
            throw new UsageException($"error: claims: --device '{device}' is not one of {string.Join(", ", DeviceSelector.Choices)}");
        return new Settings(claims.OrderBy(c => c).ToList(), line.Flag("report-only"), line.Option("out") ?? Path.Combine("results", "claims"),
            line.Option("experiments") ?? Path.Combine("experiments", "claims"), jobs, device);
    }

    /// <summary>The experiment file of claim <paramref name="n"/>: the one file named claim&lt;n&gt;-*.yaml.</summary>
    public static string ExperimentFile(string directory, int n)
    {
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, $"claim{n}-*.yaml") : [];
        return files.Length == 1 ? files[0]
            : throw new UsageException($"error: claims: expected exactly one file {Path.Combine(directory, $"claim{n}-*.yaml")}, found {files.Length}");
    }

    public int Execute(IReadOnlyList<string> args, CliConsole console)
    {
        var s = Parse(args);
        var folders = new Dictionary<int, string>();
        var loaded = new Dictionary<int, LoadedExperiment>();
        foreach (var n in s.Claims)
        {
            var result = ExperimentInput.LoadOrThrow(ExperimentFile(s.ExperimentsDirectory, n));
            loaded[n] = result;
            folders[n] = Path.Combine(s.OutDirectory, result.Config!.Name);
        }
        Directory.CreateDirectory(s.OutDirectory);
        string timingPath = Path.Combine(s.OutDirectory, "claims_timing.csv");
        var timing = ReadTiming(timingPath);
        if (!s.ReportOnly)
        {
            var (device, deviceError) = DeviceSelector.Resolve(s.Device ?? "auto");
            if (device is null) throw new UsageException($"error: {deviceError}");
            foreach (var n in s.Claims)
            {
                var config = loaded[n].Config!;
                console.Line($"claim {n}: {ClaimsEvaluator.Titles[n]} ({config.SourcePath} → {folders[n]})");
                bool anyPending = AnyPending(folders[n], loaded[n]);
                var clock = Stopwatch.StartNew();
                Sweeps.SweepService.Run(new Sweeps.SweepRequest(loaded[n], folders[n], device, Jobs: s.Jobs), new LineObserver(console), console);
                // A run that only resumed finished trials says nothing about the claim's cost; keep the earlier time.
                if (anyPending)
                {
                    timing[n] = clock.Elapsed.TotalSeconds;
                    WriteTiming(timingPath, timing);
                }
            }
        }

        var verdicts = s.Claims.Select(n => ClaimsEvaluator.Evaluate(n, folders[n])).ToList();
        var notes = s.Claims.ToDictionary(n => n, n =>
            $"Experiment: `{Path.GetRelativePath(Directory.GetCurrentDirectory(), loaded[n].Config!.SourcePath)}`, results in `{folders[n]}` ({loaded[n].Trials.Count} trials{(timing.TryGetValue(n, out var sec) ? $", last run took {sec:F0} s" : "")}).");
        string md = ClaimsEvaluator.Markdown(verdicts, notes);
        if (timing.Count > 0)
            md += $"\n\nRun time of the claim experiments on the last run (wall clock, --jobs as given): {string.Join(", ", timing.OrderBy(t => t.Key).Select(t => $"claim {t.Key}: {t.Value:F0} s"))}; total {timing.Values.Sum():F0} s.\n";
        ResultsDirectory.WriteAtomically(Path.Combine(s.OutDirectory, "claims.md"), md);
        var csv = new System.Text.StringBuilder("claim,title,verdict,reason\n");
        foreach (var v in verdicts)
            csv.AppendLine($"{v.Number},\"{v.Title}\",{ClaimResult.Text(v.Verdict)},\"{v.Reason.Replace("\"", "\"\"")}\"");
        ResultsDirectory.WriteAtomically(Path.Combine(s.OutDirectory, "claims.csv"), csv.ToString());
        foreach (var v in verdicts)
            console.Line($"claim {v.Number} {v.Title}: {ClaimResult.Text(v.Verdict).ToUpperInvariant()} — {v.Reason}");
        console.Line($"report: {Path.Combine(s.OutDirectory, "claims.md")}");
        return ExitCodes.Success;
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

    private static Dictionary<int, double> ReadTiming(string path)
    {
        var d = new Dictionary<int, double>();
        if (!File.Exists(path)) return d;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length == 2 && int.TryParse(f[0], CultureInfo.InvariantCulture, out int n) && double.TryParse(f[1], CultureInfo.InvariantCulture, out double sec)) d[n] = sec;
        }
        return d;
    }

    private static void WriteTiming(string path, Dictionary<int, double> timing) =>
        ResultsDirectory.WriteAtomically(path, "claim,seconds\n" + string.Concat(timing.OrderBy(t => t.Key).Select(t => $"{t.Key},{t.Value.ToString("F1", CultureInfo.InvariantCulture)}\n")));
}
