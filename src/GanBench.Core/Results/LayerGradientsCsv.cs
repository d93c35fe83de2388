namespace GanBench.Core.Results;

/// <summary>One per-layer gradient norm at one evaluation.</summary>
public sealed record LayerGradientRow(string TrialId, int Step, string Network, int Layer, double GradNorm);

/// <summary>
/// layer_grads.csv in long form (trial_id, step, network, layer, grad_norm), so that a plot of
/// one layer over steps is a single filter.
/// </summary>
public static class LayerGradientsCsv
{
    public static readonly IReadOnlyList<string> Header = ["trial_id", "step", "network", "layer", "grad_norm"];

    /// <summary>Appends a trial's rows in one write.</summary>
    public static void Append(string path, IEnumerable<LayerGradientRow> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        CsvFiles.Append(path, Header, csv =>
        {
            foreach (var r in list)
            {
                CsvFiles.WriteText(csv, r.TrialId);
                csv.WriteField(r.Step, "");
                CsvFiles.WriteText(csv, r.Network);
                csv.WriteField(r.Layer, "");
                csv.WriteField(r.GradNorm, "");
                csv.EndRecord();
            }
        });
    }
}
