using System.Globalization;

namespace GanBench.Core.Results;

/// <summary>Number formatting shared by the text exporters.</summary>
/// <remarks>
/// Text tables use 4 significant digits ("G4"): seed-to-seed spread of GAN metrics is rarely below
/// 0.1% of the mean, so a fifth digit would be noise and only widen the columns. The CSV keeps the
/// shortest round-trip form instead, because it is the input of further analysis. Always
/// InvariantCulture, so a German locale cannot turn 0.5 into "0,5" inside a comma-separated file.
/// </remarks>
public static class SummaryFormat
{
    public const string TextFormat = "G4";

    public static string Text(double value) => value.ToString(TextFormat, CultureInfo.InvariantCulture);

    public static string Text(double? value) => value is double v ? Text(v) : "";

    /// <summary>Shortest representation that parses back to the same double.</summary>
    public static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Arrow(MetricDirection direction) => direction switch
    {
        MetricDirection.HigherIsBetter => "↑",
        MetricDirection.LowerIsBetter => "↓",
        _ => "",
    };

    /// <summary>A metric's column header: its name and the arrow of its direction, if it has one.</summary>
    public static string MetricHeader(MetricInfo metric)
    {
        string arrow = Arrow(metric.Direction);
        return arrow.Length == 0 ? metric.Name : $"{metric.Name} {arrow}";
    }

    /// <summary>
    /// "ok/diverged/failed" trial counts as every short view shows them: a timeout is a trial that
    /// did not finish, so it counts as failed; summary.md and summary.csv keep it apart.
    /// </summary>
    public static string Counts(StatusCounts counts, string separator = "/") =>
        string.Join(separator, counts.Ok, counts.Diverged, counts.Failed + counts.Timeout);

    public static string DirectionName(MetricDirection direction) => direction switch
    {
        MetricDirection.HigherIsBetter => "higher",
        MetricDirection.LowerIsBetter => "lower",
        _ => "neutral",
    };

    /// <summary>"mean ± ci95 (n)"; "mean (1)" when one seed; "–" when none; "[k excl]" when Ok trials had no finite value.</summary>
    public static string Cell(SampleStatistics s)
    {
        string text = s.Mean is not double mean ? "–"
            : s.Ci95HalfWidth is double ci ? $"{Text(mean)} ± {Text(ci)} ({s.N})"
            : $"{Text(mean)} ({s.N})";
        return s.Excluded > 0 ? $"{text} [{s.Excluded} excl]" : text;
    }

    /// <summary>"#rank ×ratio p=… verdict", leaving out the parts that are undefined.</summary>
    public static string ComparisonCell(MetricCell cell)
    {
        var parts = new List<string>();
        if (cell.Rank is int rank) parts.Add($"#{rank}");
        if (cell.Comparison is { } c)
        {
            if (c.Verdict == ComparisonVerdict.IsBaseline) parts.Add("baseline");
            else
            {
                if (c.Ratio is double r) parts.Add($"×{Text(r)}");
                if (c.PValue is double p) parts.Add($"p={Text(p)}");
                if (c.Word.Length > 0) parts.Add(c.Word);
            }
        }
        return string.Join(" ", parts);
    }
}
