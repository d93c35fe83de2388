using System.ComponentModel;
using GanBench.Cli.Application;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class CompareBenchSettings : GanBenchSettings
{
    public override string Verb => CompareBenchCommand.Name;

    [CommandArgument(0, "<report.json>")]
    [Description("BenchmarkDotNet's JSON report of the run to judge (tests/GanBench.Benchmarks writes BenchmarkDotNet.Artifacts/results/*-report-full.json)")]
    public string Report { get; init; } = "";

    [CommandOption("--against <report.json>")]
    [Description("the reference run's report: each benchmark case is compared with the same case there")]
    public string? Against { get; init; }

    [CommandOption("--throughput-factor <FACTOR>")]
    [Description("a case is slower when its median time per operation is at least FACTOR times the reference's (default 1.10) ...")]
    public string? ThroughputFactorText { get; init; }

    [CommandOption("--throughput-p <P>")]
    [Description("... and a one-sided Mann–Whitney test of its iteration times gives p < P (default 0.002; asv's rule)")]
    public string? ThroughputPText { get; init; }

    [CommandOption("--any-machine")]
    [Description("compare reports that BenchmarkDotNet measured on different processors (refused without it: their times do not compare)")]
    public bool AnyMachine { get; init; }

    protected override IEnumerable<string> Problems()
    {
        string verb = $"error: {Verb}:";
        if (string.IsNullOrWhiteSpace(Report)) yield return $"{verb} the report's file name is empty";
        if (Against is null) yield return $"{verb} say what to compare with: --against OLD.json (the reference run's BenchmarkDotNet report)";
        else if (string.IsNullOrWhiteSpace(Against)) yield return $"{verb} --against is empty; give the reference run's BenchmarkDotNet report";
        foreach (var problem in ThroughputOptionTexts.Problems(Verb, ThroughputFactorText, ThroughputPText)) yield return problem;
    }
}

/// <summary>`compare-bench NEW.json --against OLD.json`: BenchmarkDotNet timings by asv's rule; exit 3 when a case got slower.</summary>
public sealed class CompareBenchCommand(CliConsole console) : GanBenchCommandBase<CompareBenchSettings>
{
    public const string Name = "compare-bench";

    public override int Execute(CommandContext context, CompareBenchSettings settings, CancellationToken cancellationToken)
    {
        var options = ThroughputOptionTexts.Options(settings.ThroughputFactorText, settings.ThroughputPText);
        var result = BenchmarkReportComparison.Run(new CompareBenchRequest(settings.Report, settings.Against!, options, settings.AnyMachine), console);
        return result.GateFires ? ExitCodes.RegressionFound : ExitCodes.Success;
    }
}
