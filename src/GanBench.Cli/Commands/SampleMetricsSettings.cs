using System.ComponentModel;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

/// <summary>--seed and --step, as both `metrics` commands take them.</summary>
public abstract class SampleMetricsSettings : GanBenchSettings
{
    [CommandOption("--seed <N>")]
    [Description("seed of the sliced directions and of a drawn real sample")]
    public string SeedText { get; init; } = "0";

    [CommandOption("--step <N>")]
    [Description("the step of a samples.csv (step,x,y) to score; default: the last")]
    public string? StepText { get; init; }

    public int Seed => WholeNumber(SeedText)!.Value;
    public int? Step => WholeNumber(StepText);

    protected override IEnumerable<string> Problems()
    {
        // Both commands share these options, so their messages name the branch, not the command.
        if (!TryWholeNumber(SeedText, 0, out _))
            yield return $"error: metrics: --seed '{SeedText}' must be a whole number ≥ 0";
        if (StepText is not null && !TryWholeNumber(StepText, 0, out _))
            yield return $"error: metrics: --step '{StepText}' must be a whole number ≥ 0";
    }
}
