using System.ComponentModel;
using System.Globalization;
using GanBench.Cli.Application;
using GanBench.Core.Compare;
using GanBench.Core.Results;
using GanBench.History;
using CompareOptions = GanBench.Core.Compare.CompareOptions;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

public sealed class CompareSettings : GanBenchSettings
{
    public override string Verb => CompareCommand.Name;

    [CommandArgument(0, "<results>")]
    [Description("the results folder to judge (tonight's run); compare.md and compare.json are written into it")]
    public string Results { get; init; } = "";

    [CommandOption("--against <REFERENCE>")]
    [Description("the reference: a results folder, or the history: history (the last run), history:last N (each trial from the latest of the last N runs), history:LABEL; each arm, dataset and metric is compared with the same cell there")]
    public string? Against { get; init; }

    [CommandOption("--history <FILE>")]
    [Description("with --against history…: the history file (default results/history.sqlite)")]
    public string? HistoryPath { get; init; }

    [CommandOption("--baseline <ARM>")]
    [Description("instead of --against: every other arm of <results> against this arm, per dataset and metric")]
    public string? Baseline { get; init; }

    [CommandOption("--pass-without-history")]
    [Description("with --against history…: when the history holds no earlier run of the experiment (the first night), say so and exit 0 instead of 2")]
    public bool PassWithoutHistory { get; init; }

    [CommandOption("--alpha <P>")]
    [Description("family-wise significance level after the correction (default 0.01)")]
    public string AlphaText { get; init; } = CompareOptions.DefaultAlpha.ToString(CultureInfo.InvariantCulture);

    [CommandOption("--correction <METHOD>")]
    [Description("holm (default: bounds the chance of any false alarm) or bh (Benjamini–Hochberg: bounds the share of false alarms)")]
    public string CorrectionText { get; init; } = "holm";

    [CommandOption("--min-effect <METRIC=FRACTION>")]
    [Description("smallest relative IQM change that counts, e.g. w1_exact=0.1; a bare number sets it for every metric (default 0.05); repeatable")]
    public string[]? MinEffectTexts { get; init; }

    [CommandOption("--direction <METRIC=DIRECTION>")]
    [Description("which way is better for a metric the catalog does not rank (a plugin's); repeatable")]
    public string[]? DirectionTexts { get; init; }

    [CommandOption("--seed <N>")]
    [Description("seed of the bootstrap intervals (default 0)")]
    public string SeedText { get; init; } = "0";

    [CommandOption("--throughput-factor <FACTOR>")]
    [Description("with --against: an arm's trials are slower when their median takes at least FACTOR times as long per step (default 1.10) ...")]
    public string? ThroughputFactorText { get; init; }

    [CommandOption("--throughput-p <P>")]
    [Description("... and a one-sided Mann–Whitney test of their trial-steps per second gives p < P (default 0.002; asv's rule, not corrected across cells)")]
    public string? ThroughputPText { get; init; }

    [CommandOption("--no-throughput")]
    [Description("with --against: compare the metrics only, not the trial-steps per second (e.g. for a reference run from another machine)")]
    public bool NoThroughput { get; init; }

    [CommandOption("--fail-on-regression")]
    [Description("with --baseline: exit 3 when an arm is significantly worse than the baseline (without it, only improvements are the news)")]
    public bool FailOnRegression { get; init; }

    private static readonly IReadOnlyDictionary<string, CorrectionMethod> Corrections =
        new Dictionary<string, CorrectionMethod>(StringComparer.Ordinal) { ["holm"] = CorrectionMethod.Holm, ["bh"] = CorrectionMethod.BenjaminiHochberg };

    private static readonly IReadOnlyDictionary<string, MetricDirection> DirectionWords =
        new Dictionary<string, MetricDirection>(StringComparer.Ordinal) { ["higher"] = MetricDirection.HigherIsBetter, ["lower"] = MetricDirection.LowerIsBetter };

    /// <summary>The options as the gate takes them; valid once <see cref="Problems"/> found none.</summary>
    public CompareOptions Options()
    {
        var effects = Pairs(MinEffectTexts);
        return new CompareOptions
        {
            Alpha = double.Parse(AlphaText, NumberStyles.Float, CultureInfo.InvariantCulture),
            Correction = Corrections[CorrectionText],
            DefaultMinimumEffectSize = effects.Where(e => e.Metric is null).Select(e => Fraction(e.Value)).LastOrDefault(CompareOptions.DefaultMinimumEffect),
            MinimumEffects = effects.Where(e => e.Metric is not null).ToDictionary(e => e.Metric!, e => Fraction(e.Value), StringComparer.Ordinal),
            Directions = Pairs(DirectionTexts).ToDictionary(e => e.Metric!, e => DirectionWords[e.Value], StringComparer.Ordinal),
            Seed = WholeNumber(SeedText)!.Value,
            RegressionsFail = Against is not null || FailOnRegression,
        };
    }

    /// <summary>The throughput rule's options, or null when throughput is not compared: against a
    /// baseline arm (its arms differ in cost by design) or with --no-throughput.</summary>
    public ThroughputOptions? Throughput() =>
        Against is null || NoThroughput ? null : ThroughputOptionTexts.Options(ThroughputFactorText, ThroughputPText);

    protected override IEnumerable<string> Problems()
    {
        string verb = $"error: {Verb}:";
        if (string.IsNullOrWhiteSpace(Results)) yield return $"{verb} the results folder name is empty";
        if (Against is not null && string.IsNullOrWhiteSpace(Against)) yield return $"{verb} --against is empty; give the reference results folder";
        if (Against is null && Baseline is null)
            yield return $"{verb} say what to compare with: --against DIR (a reference run) or --baseline ARM (an arm of {Results})";
        if (Against is not null && Baseline is not null)
            yield return $"{verb} --against and --baseline exclude each other: compare with a reference run, or arms with a baseline arm";
        if (HistoryPath is not null && !(Against is not null && HistoryReference.Names(Against)))
            yield return $"{verb} --history goes with --against history, history:last N or history:LABEL";
        if (Against is not null && HistoryReference.Names(Against) && ReferenceProblem(Against) is { } reference)
            yield return $"{verb} {reference}";
        if (PassWithoutHistory && !(Against is not null && HistoryReference.Names(Against)))
            yield return $"{verb} --pass-without-history goes with --against history, history:last N or history:LABEL";
        if (HistoryPath is not null && string.IsNullOrWhiteSpace(HistoryPath))
            yield return $"{verb} --history is empty; name the history file";
        if (FailOnRegression && Against is not null)
            yield return $"{verb} --fail-on-regression goes with --baseline; against a reference run a regression always exits 3";
        if (!(double.TryParse(AlphaText, NumberStyles.Float, CultureInfo.InvariantCulture, out double alpha) && alpha > 0.0 && alpha < 1.0))
            yield return $"{verb} --alpha '{AlphaText}' must be a number between 0 and 1, e.g. 0.01";
        if (!Corrections.ContainsKey(CorrectionText))
            yield return $"{verb} --correction '{CorrectionText}' is not one of {string.Join(", ", Corrections.Keys)}";
        if (!TryWholeNumber(SeedText, 0, out _))
            yield return $"{verb} --seed '{SeedText}' must be a whole number ≥ 0";
        foreach (var problem in PairProblems(MinEffectTexts, "--min-effect", "METRIC=FRACTION, e.g. w1_exact=0.1", allowBare: true, v => Fraction(v) is >= 0.0 and < double.PositiveInfinity, "a fraction ≥ 0 such as 0.05"))
            yield return $"{verb} {problem}";
        foreach (var problem in ThroughputProblems(verb)) yield return problem;
        foreach (var problem in PairProblems(DirectionTexts, "--direction", "METRIC=higher or METRIC=lower", allowBare: false, DirectionWords.ContainsKey, "higher or lower"))
            yield return $"{verb} {problem}";
    }

    private static string? ReferenceProblem(string against)
    {
        try
        {
            HistoryReference.Parse(against);
            return null;
        }
        catch (HistoryException e)
        {
            return e.Message;
        }
    }

    private IEnumerable<string> ThroughputProblems(string verb)
    {
        var given = new (string Option, bool Given)[]
        {
            (ThroughputOptionTexts.FactorOption, ThroughputFactorText is not null), (ThroughputOptionTexts.POption, ThroughputPText is not null), ("--no-throughput", NoThroughput),
        }.Where(o => o.Given).Select(o => o.Option).ToList();
        if (Baseline is not null && given.Count > 0)
            yield return $"{verb} {given[0]} goes with --against; arms against a baseline arm are not compared for throughput (they differ in cost by design)";
        else if (NoThroughput && given.Count > 1)
            yield return $"{verb} --no-throughput and {given[0]} exclude each other";
        foreach (var problem in ThroughputOptionTexts.Problems(Verb, ThroughputFactorText, ThroughputPText)) yield return problem;
    }

    private static IEnumerable<string> PairProblems(string[]? texts, string option, string form, bool allowBare, Func<string, bool> valueOk, string valueForm)
    {
        var seen = new HashSet<string?>();
        foreach (var (metric, value, text) in Pairs(texts))
        {
            if ((metric is null && !allowBare) || metric is { Length: 0 })
                yield return $"{option} '{text}' must be {form}";
            else if (!valueOk(value))
                yield return $"{option} '{text}': '{value}' must be {valueForm}";
            else if (!seen.Add(metric))
                yield return $"{option} gives {metric ?? "the default"} more than once";
        }
    }

    /// <summary>"a=1,b=2" and repeated options alike, as (metric or null for a bare value, value, the text).</summary>
    private static List<(string? Metric, string Value, string Text)> Pairs(string[]? texts) =>
        (texts ?? []).SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(t => t.IndexOf('=') is int at and >= 0 ? (t[..at].Trim(), t[(at + 1)..].Trim(), t) : ((string?)null, t, t))
            .ToList();

    private static double Fraction(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : double.NaN;
}

/// <summary>`compare DIR --against REF | --baseline ARM`: the statistical regression gate; exit 3 when it fires.</summary>
public sealed class CompareCommand(CliConsole console) : GanBenchCommandBase<CompareSettings>
{
    public const string Name = "compare";

    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        var request = new CompareRequest(settings.Results, settings.Against, settings.Baseline, settings.Options(), settings.HistoryPath, settings.PassWithoutHistory)
            { Throughput = settings.Throughput() };
        var result = ResultsComparison.Run(request, console);
        return result is { GateFires: true } ? ExitCodes.RegressionFound : ExitCodes.Success;
    }
}
