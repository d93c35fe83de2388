using System.ComponentModel;
using GanBench.Cli.Claims;
using GanBench.Core.Claims;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class ClaimsSettings : SweepSettings
{
    public override string Verb => ClaimsCommand.Name;

    [CommandOption("--only <CLAIMS>")]
    [Description("comma-separated claim numbers, e.g. 1,3 (default: every claim)")]
    public string? OnlyText { get; init; }

    [CommandOption("--report-only")]
    [Description("rebuild the verdicts from the CSVs there are, without training")]
    public bool ReportOnly { get; init; }

    [CommandOption("--calibration")]
    [Description("run each claim's calibration_seeds (the seeds its protocol is chosen on) instead of its verdict seeds, into DIR/calibration")]
    public bool Calibration { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("where claims.md, claims.csv and each claim's results go")]
    public string OutDirectory { get; init; } = Path.Combine("results", "claims");

    [CommandOption("--experiments <DIR>")]
    [Description("the folder of claim<N>-*.yaml")]
    public string ExperimentsDirectory { get; init; } = Path.Combine("experiments", "claims");

    /// <summary>The claims to run, ascending, each once.</summary>
    public IReadOnlyList<int> Claims => OnlyText is null
        ? ClaimsEvaluator.Titles.Keys.Order().ToList()
        : OnlyParts.Select(p => WholeNumber(p)!.Value).Distinct().Order().ToList();

    private string[] OnlyParts => (OnlyText ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    protected override IEnumerable<string> Problems()
    {
        if (OnlyText is not null) foreach (var problem in OnlyProblems()) yield return problem;
        foreach (var problem in base.Problems()) yield return problem;
    }

    private IEnumerable<string> OnlyProblems()
    {
        if (OnlyParts.Length == 0)
            yield return "error: claims: --only needs claim numbers, e.g. --only 1,3";
        foreach (var part in OnlyParts)
            if (!TryWholeNumber(part, int.MinValue, out int n) || !ClaimsEvaluator.Titles.ContainsKey(n))
                yield return $"error: claims: --only '{part}' is not a claim number; claims are {string.Join(", ", ClaimsEvaluator.Titles.Keys)}";
    }
}

/// <summary>
/// `claims`: runs the claim experiments (experiments/claims) and writes their verdicts to
/// results/claims/claims.md; --report-only rebuilds the verdicts from existing CSVs.
/// </summary>
public sealed class ClaimsCommand(CliConsole console) : GanBenchCommand<ClaimsSettings>
{
    public const string Name = "claims";

    protected override void Run(ClaimsSettings settings) => ClaimsService.Run(
        new ClaimsRequest(settings.Claims, settings.ReportOnly, settings.OutDirectory, settings.ExperimentsDirectory, settings.Jobs, settings.Device, settings.Calibration),
        console);
}
