using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;

/// <summary>BenchmarkDotNet's switcher, with the full JSON report added to its default exporters:
/// `ganbench compare-bench` reads the per-iteration times from *-report-full.json, and a run
/// without it could not be compared with the next one.</summary>
public class Bench
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Bench).Assembly).Run(args, DefaultConfig.Instance.AddExporter(JsonExporter.Full));
}
