using System.Text.Json;

namespace GanBench.Core.Compare;

/// <summary>One benchmark case of a BenchmarkDotNet run: its full name with parameters, and the time
/// of one operation in each measured iteration.</summary>
/// <param name="Name">BenchmarkDotNet's FullName, e.g. GanBench.Benchmarks.WassersteinExactBenchmarks.Exact(N: 1024).</param>
/// <param name="Nanoseconds">Per operation, one value per iteration of the result stage; empty when
/// the case produced none (it failed).</param>
public sealed record BenchmarkTimes(string Name, IReadOnlyList<double> Nanoseconds);

/// <param name="Source">The file it was read from, as the messages name it.</param>
/// <param name="Machine">The processor, its core count and architecture as BenchmarkDotNet saw them:
/// timings from two different machines do not compare.</param>
public sealed record BenchmarkReport(string Source, string Machine, IReadOnlyList<BenchmarkTimes> Benchmarks);

/// <summary>
/// Reads BenchmarkDotNet's JSON report (<c>*-report-full.json</c>, or the brief <c>*-report.json</c>).
/// </summary>
/// <remarks>
/// The times are <c>Statistics.OriginalValues</c>: nanoseconds per operation of each iteration of the
/// result stage, after BenchmarkDotNet subtracted the overhead and removed upper outliers, i.e. the
/// numbers behind its own table. A report without statistics but with measurements (a full report
/// of a run whose statistics were not written) gives the same values from the measurements with
/// IterationMode Workload and IterationStage Result, divided by their operation counts.
/// </remarks>
public static class BenchmarkDotNetJson
{
    /// <exception cref="InvalidDataException">The text is not JSON, or not a BenchmarkDotNet report;
    /// the message says which, without the source (the caller names the file).</exception>
    public static BenchmarkReport Parse(string text, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not JSON ({e.Message.Split('.')[0]})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Benchmarks", out var benchmarks) || benchmarks.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException("not a BenchmarkDotNet JSON report: it has no \"Benchmarks\" list (export one with --exporters json, or run tests/GanBench.Benchmarks, which always writes *-report-full.json)");
            var cases = benchmarks.EnumerateArray().Select(Case).ToList();
            var duplicate = cases.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new InvalidDataException($"benchmark {duplicate.Key} appears {duplicate.Count()} times (one per job?); compare reports of one job each");
            return new BenchmarkReport(source, Machine(root), cases);
        }
    }

    private static BenchmarkTimes Case(JsonElement benchmark)
    {
        string name = String(benchmark, "FullName") is { Length: > 0 } fullName ? fullName
            : throw new InvalidDataException("a benchmark has no \"FullName\"");
        if (benchmark.TryGetProperty("Statistics", out var statistics) && statistics.ValueKind == JsonValueKind.Object
            && statistics.TryGetProperty("OriginalValues", out var values) && values.ValueKind == JsonValueKind.Array)
            return new BenchmarkTimes(name, values.EnumerateArray().Select(v => Number(v, "OriginalValues", name)).ToList());
        if (benchmark.TryGetProperty("Measurements", out var measurements) && measurements.ValueKind == JsonValueKind.Array)
            return new BenchmarkTimes(name, measurements.EnumerateArray()
                .Where(m => String(m, "IterationMode") == "Workload" && String(m, "IterationStage") == "Result")
                .Select(m => Field(m, "Nanoseconds", name) / Field(m, "Operations", name))
                .ToList());
        return new BenchmarkTimes(name, []);
    }

    private static string Machine(JsonElement root)
    {
        if (!root.TryGetProperty("HostEnvironmentInfo", out var host) || host.ValueKind != JsonValueKind.Object) return "unknown machine";
        string processor = String(host, "ProcessorName") ?? "unknown processor";
        string cores = host.TryGetProperty("LogicalCoreCount", out var count) && count.ValueKind == JsonValueKind.Number ? $", {count.GetInt32()} logical cores" : "";
        string architecture = String(host, "Architecture") is { Length: > 0 } a ? $", {a}" : "";
        return processor + cores + architecture;
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double Field(JsonElement element, string property, string benchmark) =>
        element.TryGetProperty(property, out var value) ? Number(value, property, benchmark)
            : throw new InvalidDataException($"benchmark {benchmark}: a measurement has no \"{property}\"");

    private static double Number(JsonElement value, string property, string benchmark) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble()
            : throw new InvalidDataException($"benchmark {benchmark}: \"{property}\" holds {value.ValueKind}, not a number");
}
