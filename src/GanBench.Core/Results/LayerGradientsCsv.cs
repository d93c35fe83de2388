using CsvHelper;

namespace GanBench.Core.Results;

/// <summary>One per-layer gradient norm at one evaluation; arm, dataset and seed ride along so a plot needs no join.</summary>
public sealed record LayerGradientRow(string TrialId, int Step, string Network, int Layer, double GradNorm)
{
    public string Arm { get; init; } = "";
    public string Dataset { get; init; } = "";
    public int Seed { get; init; }
}

/// <summary>
/// layer_grads.csv in long form (trial_id, arm, dataset, seed, step, network, layer, grad_norm),
/// so that a plot of one layer over steps is a single filter.
/// </summary>
public static class LayerGradientsCsv
{
    public static readonly IReadOnlyList<string> Header = ["trial_id", "arm", "dataset", "seed", "step", "network", "layer", "grad_norm"];

    /// <summary>The layout before arm, dataset and seed were added; still read so old results folders report.</summary>
    private static readonly IReadOnlyList<string> LegacyHeader = ["trial_id", "step", "network", "layer", "grad_norm"];

    /// <summary>Reads every row back (merge and the reports use it).</summary>
    /// <exception cref="InvalidDataException">The header or a cell is not what this file holds.</exception>
    public static IReadOnlyList<LayerGradientRow> Read(string path)
    {
        using var reader = CsvReader.Create(new StreamReader(path), CsvFiles.ReaderOptions, leaveOpen: false);
        var header = reader.Headers;
        bool legacy = header.SequenceEqual(LegacyHeader, StringComparer.Ordinal);
        if (!legacy && !header.SequenceEqual(Header, StringComparer.Ordinal))
            throw new InvalidDataException($"{path}: the header is '{string.Join(",", header)}', expected '{string.Join(",", Header)}'.");
        var rows = new List<LayerGradientRow>();
        int row = 0;
        while (reader.Read())
        {
            row++;
            var fields = new string[header.Count];
            for (int i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i) ?? "";
            rows.Add(legacy
                ? Parse([fields[0], "", "", "0", .. fields[1..]], $"{path}: data row {row}")
                : Parse(fields, $"{path}: data row {row}"));
        }
        return rows;
    }

    /// <summary>One row of the current layout from its fields.</summary>
    internal static LayerGradientRow Parse(IReadOnlyList<string> f, string where) =>
        new(CsvFiles.UnescapeText(f[0]), RunsCsv.Integer(f[4], "step", where), CsvFiles.UnescapeText(f[5]), RunsCsv.Integer(f[6], "layer", where),
            RunsCsv.Number(f[7], "grad_norm", where) ?? throw new InvalidDataException($"{where}: column 'grad_norm' is empty."))
        {
            Arm = CsvFiles.UnescapeText(f[1]),
            Dataset = CsvFiles.UnescapeText(f[2]),
            Seed = RunsCsv.Integer(f[3], "seed", where),
        };

    /// <summary>Appends a trial's rows in one write.</summary>
    public static void Append(string path, IEnumerable<LayerGradientRow> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        CsvFiles.Append(path, Header, csv =>
        {
            foreach (var r in list)
            {
                CsvFiles.WriteCurveKey(csv, r.TrialId, r.Arm, r.Dataset, r.Seed, r.Step);
                CsvFiles.WriteText(csv, r.Network);
                csv.WriteField(r.Layer, "");
                csv.WriteField(r.GradNorm, "");
                csv.EndRecord();
            }
        });
    }
}
