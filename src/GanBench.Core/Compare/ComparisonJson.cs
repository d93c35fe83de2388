using System.Text;
using System.Text.Json;
using GanBench.Core.Results;

namespace GanBench.Core.Compare;

/// <summary>compare.json: the whole comparison at full precision, for CI scripts and a history store.</summary>
/// <remarks>Written field by field in a fixed order with no clock or host in it, so the same inputs and
/// options give the same bytes. JSON has no infinity: a relative change against a reference IQM of 0
/// is written as null, beside the IQMs that show which way it went.</remarks>
public static class ComparisonJson
{
    public const int FormatVersion = 1;

    public static string Write(ComparisonResult result)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("format_version", FormatVersion);
            json.WriteString("mode", result.Subject.BaselineArm is null ? "reference" : "baseline");
            json.WriteString("candidate", result.Subject.Candidate);
            json.WriteString("reference", result.Subject.Reference);
            if (result.Subject.BaselineArm is { } baseline) json.WriteString("baseline_arm", baseline);
            json.WriteString("gate", result.GateFires ? "fail" : "pass");
            WriteOptions(json, result.Options);
            json.WriteNumber("cells_compared", result.FamilySize);
            json.WriteStartObject("verdicts");
            foreach (var verdict in Enum.GetValues<CellVerdict>()) json.WriteNumber(ComparisonText.VerdictWord(verdict), result.Count(verdict));
            json.WriteEndObject();
            json.WriteStartArray("cells");
            foreach (var cell in result.Cells) WriteCell(json, cell);
            json.WriteEndArray();
            json.WriteStartArray("not_compared");
            foreach (var note in result.Notes) json.WriteStringValue(note);
            json.WriteEndArray();
            ThroughputJson.Write(json, result.Throughput);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteOptions(Utf8JsonWriter json, CompareOptions o)
    {
        json.WriteStartObject("options");
        json.WriteNumber("alpha", o.Alpha);
        json.WriteString("correction", ComparisonText.CorrectionName(o.Correction));
        json.WriteNumber("min_effect", o.DefaultMinimumEffectSize);
        json.WriteStartObject("min_effect_per_metric");
        foreach (var (metric, effect) in o.MinimumEffects.OrderBy(e => e.Key, StringComparer.Ordinal)) json.WriteNumber(metric, effect);
        json.WriteEndObject();
        json.WriteStartObject("directions");
        foreach (var (metric, direction) in o.Directions.OrderBy(e => e.Key, StringComparer.Ordinal)) json.WriteString(metric, SummaryFormat.DirectionName(direction));
        json.WriteEndObject();
        json.WriteNumber("seed", o.Seed);
        json.WriteNumber("resamples", o.Resamples);
        json.WriteBoolean("regressions_fail", o.RegressionsFail);
        json.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter json, CellComparison c)
    {
        json.WriteStartObject();
        json.WriteString("dataset", c.Key.Dataset);
        json.WriteString("arm", c.Key.Arm);
        json.WriteString("reference_arm", c.ReferenceArm);
        json.WriteString("metric", c.Key.Metric);
        json.WriteString("direction", SummaryFormat.DirectionName(c.Direction));
        json.WriteNumber("n_candidate", c.CandidateN);
        json.WriteNumber("n_reference", c.ReferenceN);
        json.WriteNumber("trials_candidate", c.CandidateTrials);
        json.WriteNumber("trials_reference", c.ReferenceTrials);
        json.WriteNumber("iqm_candidate", c.CandidateIqm);
        json.WriteNumber("iqm_reference", c.ReferenceIqm);
        json.WriteNumber("iqm_difference", c.IqmDifference.Estimate);
        json.WriteNumber("iqm_difference_ci_lower", c.IqmDifference.Lower);
        json.WriteNumber("iqm_difference_ci_upper", c.IqmDifference.Upper);
        json.WriteNumber("ci_level", c.IqmDifference.Level);
        Finite(json, "relative_change", c.RelativeChange);
        json.WriteNumber("min_effect", c.MinimumEffect);
        json.WriteNumber("probability_better", c.ProbabilityBetter);
        json.WriteNumber("p_worse", c.PWorse);
        json.WriteNumber("p_worse_adjusted", c.PWorseAdjusted);
        json.WriteNumber("p_better", c.PBetter);
        json.WriteNumber("p_better_adjusted", c.PBetterAdjusted);
        json.WriteString("test", c.Test == Statistics.MannWhitneyMethod.Exact ? "exact" : "normal approximation");
        if (c.SeedsNeeded is int seeds) json.WriteNumber("seeds_needed", seeds);
        else json.WriteNull("seeds_needed");
        json.WriteString("verdict", ComparisonText.VerdictWord(c.Verdict));
        json.WriteEndObject();
    }

    private static void Finite(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }
}
