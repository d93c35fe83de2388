using System.ComponentModel;
using System.Globalization;
using GanBench.Cli.Scoring;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class MetricsModesSettings : SampleMetricsSettings
{
    public override string Verb => "metrics " + MetricsModesCommand.Name;

    [CommandArgument(0, "<samples.csv>")]
    [Description("generated points; a run's trials/<id>/samples.csv is scored as the run scored it")]
    public string Samples { get; init; } = "";

    [CommandOption("--dataset <NAME>")]
    [Description("a mixture preset; required outside a results folder")]
    public string? Dataset { get; init; }

    [CommandOption("--threshold <STD>")]
    [Description("high-quality radius in component standard deviations (default: the run's, else 3)")]
    public string? ThresholdText { get; init; }

    public double? Threshold => ThresholdText is null ? null : double.Parse(ThresholdText, NumberStyles.Float, CultureInfo.InvariantCulture);

    protected override IEnumerable<string> Problems()
    {
        foreach (var problem in base.Problems()) yield return problem;
        if (ThresholdText is not null && !(double.TryParse(ThresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)))
            yield return $"error: metrics modes: --threshold '{ThresholdText}' must be a finite number > 0 (in component standard deviations)";
    }
}

/// <summary>`metrics modes [--dataset NAME] S.csv`: mode coverage, HQ fraction, reverse KL and W1 (JSON).</summary>
public sealed class MetricsModesCommand(CliConsole console) : GanBenchCommand<MetricsModesSettings>
{
    public const string Name = "modes";

    protected override void Run(MetricsModesSettings settings) => SampleScoring.Modes(
        new ModesRequest(settings.Samples, settings.Dataset, settings.Seed, settings.Step, settings.Threshold), console);
}
