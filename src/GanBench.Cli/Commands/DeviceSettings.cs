using System.ComponentModel;
using GanBench.Training.Sweep;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

/// <summary>--device, as every command that trains takes it.</summary>
public abstract class DeviceSettings : GanBenchSettings
{
    [CommandOption("--device <DEVICE>")]
    [Description("auto (CUDA when libtorch sees a GPU, else the CPU), cpu or cuda")]
    public string? Device { get; init; }

    protected override IEnumerable<string> Problems()
    {
        if (Device is not null && !DeviceSelector.Choices.Contains(Device))
            yield return $"error: {Verb}: --device '{Device}' is not one of {string.Join(", ", DeviceSelector.Choices)}";
    }
}

/// <summary>--device and --jobs, as `run` and `claims` take them.</summary>
public abstract class SweepSettings : DeviceSettings
{
    [CommandOption("--jobs <N>")]
    [Description("trials trained at once, in worker processes (default: one per core on the CPU, one on a GPU)")]
    public string? JobsText { get; init; }

    public int? Jobs => WholeNumber(JobsText);

    protected override IEnumerable<string> Problems()
    {
        if (JobsText is not null && !TryWholeNumber(JobsText, 1, out _))
            yield return $"error: {Verb}: --jobs '{JobsText}' must be a whole number ≥ 1";
        foreach (var problem in base.Problems()) yield return problem;
    }
}
