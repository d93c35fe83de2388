using System.Globalization;
using CsvHelper;

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

    /// <summary>Reads every row back (merge uses it).</summary>
    /// <exception cref="InvalidDataException">The header or a cell is not what this file holds.</exception>
    public static IReadOnlyList<LayerGradientRow> Read(string path)
    {
        using var reader = CsvReader.Create(new StreamReader(path), CsvFiles.ReaderOptions, leaveOpen: false);
        var header = reader.Headers;
        if (!header.SequenceEqual(Header, StringComparer.Ordinal))
            throw new InvalidDataException($"{path}: the header is '{string.Join(",", header)}', expected '{string.Join(",", Header)}'.");
        var rows = new List<LayerGradientRow>();
        int row = 0;
        while (reader.Read())
        {
            row++;
            int Int(int i, string column) => int.TryParse(reader.GetString(i), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
                ? v : throw new InvalidDataException($"{path}: data row {row}, column '{column}': '{reader.GetString(i)}' is not an integer.");
            rows.Add(new LayerGradientRow(
                CsvFiles.UnescapeText(reader.GetString(0)), Int(1, "step"), CsvFiles.UnescapeText(reader.GetString(2)), Int(3, "layer"),
                CsvFiles.ParseNullableDouble(reader.GetString(4), "grad_norm", row, path)
                    ?? throw new InvalidDataException($"{path}: data row {row}, column 'grad_norm' is empty.")));
        }
        return rows;
    }

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
