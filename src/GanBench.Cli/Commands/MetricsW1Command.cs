using System.ComponentModel;
using GanBench.Cli.Scoring;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class MetricsW1Settings : SampleMetricsSettings
{
    public override string Verb => "metrics " + MetricsW1Command.Name;

    [CommandArgument(0, "<a.csv>")]
    [Description("a sample: x,y,... columns, or a samples.csv")]
    public string A { get; init; } = "";

    [CommandArgument(1, "<b.csv>")]
    [Description("the other sample, of the same dimension")]
    public string B { get; init; } = "";
}

/// <summary>`metrics w1 A.csv B.csv`: exact and sliced Wasserstein-1 between two samples from anywhere (JSON).</summary>
public sealed class MetricsW1Command(CliConsole console) : GanBenchCommand<MetricsW1Settings>
{
    public const string Name = "w1";

    protected override void Run(MetricsW1Settings settings) =>
        SampleScoring.W1(new W1Request(settings.A, settings.B, settings.Seed, settings.Step), console);
}
