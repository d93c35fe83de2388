using GanBench.Core.Compare;

namespace GanBench.Cli.Application;

/// <param name="AnyMachine">Compare reports measured on different machines instead of refusing.</param>
public sealed record CompareBenchRequest(string Report, string Against, ThroughputOptions Options, bool AnyMachine);

/// <summary>`compare-bench`: reads two BenchmarkDotNet reports (read only), compares them case by case
/// and prints the table; it writes nothing.</summary>
public static class BenchmarkReportComparison
{
    private const string Error = "error: compare-bench:";

    /// <exception cref="UsageException">A file is missing or not a BenchmarkDotNet report, the two ran
    /// on different machines (without AnyMachine), or they share no benchmark case.</exception>
    public static BenchmarkComparison Run(CompareBenchRequest request, CliConsole console)
    {
        var candidate = Read(request.Report);
        var reference = Read(request.Against);
        if (candidate.Machine != reference.Machine && !request.AnyMachine)
            throw new UsageException($"{Error} {request.Report} ran on {candidate.Machine}, {request.Against} on {reference.Machine}: times from different machines do not compare (--any-machine compares them anyway)");
        var result = BenchmarkGate.Compare(candidate, reference, request.Options);
        if (result.Cells.Count == 0)
            throw new UsageException($"{Error} nothing to compare: no benchmark case of {request.Report} has times in {request.Against} ({string.Join("; ", result.Notes)})");
        BenchmarkComparisonText.WritePlain(result, console.Out);
        return result;
    }

    private static BenchmarkReport Read(string path)
    {
        if (Directory.Exists(path))
            throw new UsageException($"{Error} {path}: is a folder; pass a report such as BenchmarkDotNet.Artifacts/results/<class>-report-full.json");
        if (!File.Exists(path)) throw new UsageException($"{Error} {path}: no such file");
        try
        {
            return BenchmarkDotNetJson.Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{Error} {path}: {e.Message}");
        }
    }
}
