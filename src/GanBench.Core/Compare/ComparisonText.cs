using System.Globalization;
using GanBench.Core.Results;

namespace GanBench.Core.Compare;

/// <summary>
/// A <see cref="ComparisonResult"/> as text: one table layout and one set of lines that compare.md
/// and the console both render, so that they cannot disagree. Nothing here computes statistics.
/// </summary>
public static class ComparisonText
{
    public static string VerdictWord(CellVerdict verdict) => verdict switch
    {
        CellVerdict.Regression => "regression",
        CellVerdict.Improvement => "improvement",
        CellVerdict.Underpowered => "underpowered",
        _ => "no change",
    };

    public static string CorrectionName(CorrectionMethod method) => method == CorrectionMethod.Holm ? "holm" : "bh";

    /// <summary>One line with the outcome; the console prints it last, so that a CI log ends with it.</summary>
    public static string GateLine(ComparisonResult result)
    {
        string counts = ThroughputText.Counts(result.Cells.Select(c => c.Verdict).ToList());
        if (result.Throughput is { Cells.Count: > 0 } throughput)
            counts += "; throughput: " + ThroughputText.Counts(throughput.Cells.Select(c => c.Speed.Verdict).ToList());
        if (result.GateFires) return $"gate: FAIL, regression found; {counts}";
        if (!result.Options.RegressionsFail && result.Regressions.Count > 0)
            return $"gate: pass (arms worse than the baseline do not fail without --fail-on-regression); {counts}";
        return $"gate: pass; {counts}";
    }

    /// <summary>What was compared and how, for the head of compare.md and of the console output.</summary>
    public static IReadOnlyList<string> MethodLines(ComparisonResult result)
    {
        var o = result.Options;
        var s = result.Subject;
        var perMetric = o.MinimumEffects.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {Percent(e.Value)}").ToList();
        string effects = Percent(o.DefaultMinimumEffectSize) + (perMetric.Count > 0 ? $" ({string.Join(", ", perMetric)})" : "");
        return
        [
            s.BaselineArm is null
                ? $"candidate: {s.Candidate}; reference: {s.Reference} (each arm, dataset and metric against the same cell there)"
                : $"every arm of {s.Candidate} against the baseline arm '{s.BaselineArm}', per dataset and metric",
            $"test: one-sided Mann–Whitney U per cell (candidate worse; improvements tested the same way as a family of their own), " +
            $"{(o.Correction == CorrectionMethod.Holm ? "Holm" : "Benjamini–Hochberg")}-adjusted over {result.FamilySize} cell(s); flagged when adjusted p ≤ alpha = {Number(o.Alpha)}",
            $"minimum effect: the IQM must move by at least {effects} of the reference IQM",
            $"IQM difference: 95% stratified percentile bootstrap, {o.Resamples.ToString("N0", CultureInfo.InvariantCulture)} resamples, seed {o.Seed}",
        ];
    }

    public static TextTable Table(ComparisonResult result)
    {
        string referenceHeader = result.Subject.BaselineArm is null ? "IQM ref" : "IQM baseline";
        var columns = new List<TextColumn>
        {
            new("dataset", false), new("arm", false), new("metric", false), new("n cand/ref", true),
            new("IQM cand", true), new(referenceHeader, true), new("Δ IQM [95% CI]", true), new("change", true),
            new("P(better)", true), new("p worse (adj.)", true), new("verdict", false),
        };
        var rows = result.Cells.Select(c => (IReadOnlyList<string>)
        [
            c.Key.Dataset, c.Key.Arm, SummaryFormat.MetricHeader(new MetricInfo(c.Key.Metric, c.Direction, "")), Sizes(c),
            Number(c.CandidateIqm), Number(c.ReferenceIqm),
            $"{Number(c.IqmDifference.Estimate)} [{Number(c.IqmDifference.Lower)}, {Number(c.IqmDifference.Upper)}]",
            Change(c.RelativeChange), Number(c.ProbabilityBetter), Number(c.PWorseAdjusted), Verdict(c),
        ]).ToList();
        string title = result.Subject.BaselineArm is null ? "candidate against reference" : $"arms against the baseline '{result.Subject.BaselineArm}'";
        return new TextTable(title, columns, rows, "Δ = candidate − reference; change relative to the reference IQM");
    }

    /// <summary>What each column means, written once below the table.</summary>
    public static IReadOnlyList<string> Legend(ComparisonResult result) =>
    [
        "↑/↓: higher/lower is better; metrics without a direction are not compared",
        $"{CellPairing.OkFraction}: the share of the arm's trials that finished ok (1 per ok trial, 0 per diverged, failed or timed-out one), so an arm that stops finishing fails the gate; its IQM columns hold the plain mean; tested only where some trial did not finish ok",
        "n cand/ref: seeds with a finite final value on each side (ok trials only); (dropped a/b): trials that gave none (diverged, failed, timed out, or the metric undefined for that seed, as reverse_kl without a high-quality sample)",
        "IQM: interquartile mean over seeds (mean of the middle half), robust to a diverged seed",
        "P(better): chance that a candidate seed beats a reference seed in the metric's direction, ties half; 0.5 = no difference",
        $"p worse (adj.): one-sided Mann–Whitney p for 'candidate worse', adjusted over all {result.FamilySize} cell(s)",
        "regression: adjusted p ≤ alpha and the IQM worse by at least the minimum effect; improvement: the same the other way (never fails the gate)",
        "underpowered: even completely separated seeds could not pass the correction at these sizes; the verdict says how many seeds per side could",
        $"numbers: {SummaryFormat.TextFormat} (4 significant digits); compare.json has full precision",
    ];

    public static void WriteMarkdown(ComparisonResult result, TextWriter writer)
    {
        writer.WriteLine("# Comparison");
        writer.WriteLine();
        writer.WriteLine($"**{MarkdownSummaryExporter.Escape(GateLine(result))}**");
        writer.WriteLine();
        foreach (var line in MethodLines(result)) writer.WriteLine($"- {MarkdownSummaryExporter.Escape(line)}");
        var table = Table(result);
        writer.WriteLine();
        writer.WriteLine($"## {MarkdownSummaryExporter.Escape(table.Title)}");
        writer.WriteLine();
        MarkdownSummaryExporter.WriteTable(table, writer);
        writer.WriteLine();
        writer.WriteLine($"<sub>{MarkdownSummaryExporter.Escape(table.Note)}</sub>");
        if (result.Throughput is { } throughput) ThroughputText.WriteMarkdown(throughput, writer);
        if (result.Notes.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("## Not compared");
            writer.WriteLine();
            foreach (var note in result.Notes) writer.WriteLine($"- {MarkdownSummaryExporter.Escape(note)}");
        }
        writer.WriteLine();
        writer.WriteLine("## Legend");
        writer.WriteLine();
        foreach (var line in Legend(result)) writer.WriteLine($"- {MarkdownSummaryExporter.Escape(line)}");
    }

    /// <summary>The console's view: the method, the table, the notes and, last, the gate line.</summary>
    public static void WritePlain(ComparisonResult result, TextWriter writer)
    {
        foreach (var line in MethodLines(result)) writer.WriteLine(line);
        writer.WriteLine();
        PlainTextSummaryExporter.WriteTable(Table(result), writer);
        foreach (var note in result.Notes) writer.WriteLine($"note: {note}");
        if (result.Throughput is { } throughput) ThroughputText.WritePlain(throughput, writer);
        writer.WriteLine(GateLine(result));
    }

    public static string ToMarkdown(ComparisonResult result)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteMarkdown(result, writer);
        return writer.ToString();
    }

    private static string Sizes(CellComparison c)
    {
        int droppedCandidate = c.CandidateTrials - c.CandidateN, droppedReference = c.ReferenceTrials - c.ReferenceN;
        string sizes = $"{c.CandidateN}/{c.ReferenceN}";
        return droppedCandidate > 0 || droppedReference > 0 ? $"{sizes} (dropped {droppedCandidate}/{droppedReference})" : sizes;
    }

    private static string Verdict(CellComparison c) =>
        c.Verdict == CellVerdict.Underpowered
            ? c.SeedsNeeded is int n ? $"underpowered: needs ≥ {n} seeds/side" : "underpowered"
            : VerdictWord(c.Verdict);

    private static string Change(double relative) =>
        double.IsInfinity(relative) ? (relative > 0 ? "+∞ (ref 0)" : "−∞ (ref 0)")
        : (relative > 0 ? "+" : "") + Percent(relative);

    private static string Percent(double fraction) =>
        (fraction * 100.0).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Number(double value) => SummaryFormat.Text(value);
}
