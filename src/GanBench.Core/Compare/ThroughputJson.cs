using System.Text.Json;

namespace GanBench.Core.Compare;

/// <summary>The "throughput" part of compare.json, and the fields that every speed comparison writes.</summary>
public static class ThroughputJson
{
    /// <summary>null when throughput was not compared, so a reader can tell "not compared" from "no cell".</summary>
    public static void Write(Utf8JsonWriter json, ThroughputResult? result)
    {
        if (result is null)
        {
            json.WriteNull("throughput");
            return;
        }
        json.WriteStartObject("throughput");
        json.WriteString("sample", "steps / wall_seconds per ok or timed-out trial");
        WriteOptions(json, result.Options);
        WriteVerdicts(json, result.Cells.Select(c => c.Speed.Verdict).ToList());
        json.WriteStartArray("cells");
        foreach (var cell in result.Cells)
        {
            json.WriteStartObject();
            json.WriteString("dataset", cell.Dataset);
            json.WriteString("arm", cell.Arm);
            json.WriteNumber("trials_candidate", cell.CandidateTrials);
            json.WriteNumber("trials_reference", cell.ReferenceTrials);
            WriteSpeed(json, cell.Speed);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("not_compared");
        foreach (var note in result.Notes) json.WriteStringValue(note);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteOptions(Utf8JsonWriter json, ThroughputOptions options)
    {
        json.WriteNumber("factor", options.Factor);
        json.WriteNumber("p_threshold", options.PThreshold);
        json.WriteString("correction", "none");
    }

    public static void WriteVerdicts(Utf8JsonWriter json, IReadOnlyList<CellVerdict> verdicts)
    {
        json.WriteStartObject("verdicts");
        foreach (var verdict in Enum.GetValues<CellVerdict>()) json.WriteNumber(ComparisonText.VerdictWord(verdict), verdicts.Count(v => v == verdict));
        json.WriteEndObject();
    }

    /// <summary>A comparison's numbers; its name is the caller's to write.</summary>
    public static void WriteSpeed(Utf8JsonWriter json, SpeedComparison s)
    {
        json.WriteString("unit", s.Unit == SpeedUnit.Rate ? "rate" : "time");
        json.WriteNumber("n_candidate", s.CandidateN);
        json.WriteNumber("n_reference", s.ReferenceN);
        json.WriteNumber("median_candidate", s.CandidateMedian);
        json.WriteNumber("median_reference", s.ReferenceMedian);
        json.WriteNumber("ratio", s.Ratio);
        json.WriteNumber("slowdown", s.Slowdown);
        json.WriteNumber("p_slower", s.PSlower);
        json.WriteNumber("p_faster", s.PFaster);
        if (s.TrialsNeeded is int n) json.WriteNumber("samples_needed", n);
        else json.WriteNull("samples_needed");
        json.WriteString("verdict", ComparisonText.VerdictWord(s.Verdict));
    }
}
