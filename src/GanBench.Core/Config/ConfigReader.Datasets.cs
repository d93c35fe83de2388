using GanBench.Core.Config.Yaml;
using GanBench.Core.Datasets;
using GanBench.Core.Datasets.Kinds;
using GanBench.Core.Fields;

namespace GanBench.Core.Config;

internal sealed partial class ConfigReader
{
    /// <returns>The datasets read and whether every entry was valid.</returns>
    private (List<DatasetSpec>, bool) ReadDatasets(YNode node)
    {
        var result = new List<DatasetSpec>();
        var list = AsList(node, "datasets", "[ring8, grid25]");
        if (list is null) return (result, false);
        if (list.Items.Count == 0)
        {
            Error(node, $"datasets is an empty list; name at least one, e.g. datasets: [ring8] (presets: {string.Join(", ", DatasetKinds.PresetNames)})");
            return (result, false);
        }
        bool ok = true;
        var names = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var geometry = new Dictionary<string, (string Name, YNode Node)>(StringComparer.Ordinal);
        for (int i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            var spec = ReadDataset(item, $"datasets[{i}]");
            if (spec is null) { ok = false; continue; }
            if (names.TryGetValue(spec.Name, out var first))
            {
                Error(item, $"dataset name '{spec.Name}' is used twice (first at line {first.Line}, column {first.Column}); give one of them a different name: key");
                ok = false;
                continue;
            }
            names[spec.Name] = item;
            // Two names for the same distribution would train identical trials under two labels.
            var key = TrialIds.CanonicalDataset(spec);
            if (geometry.TryGetValue(key, out var same))
            {
                Error(item, $"dataset '{spec.Name}' is the same distribution as '{same.Name}' (line {same.Node.Line}); remove one");
                ok = false;
                continue;
            }
            geometry[key] = (spec.Name, item);
            result.Add(spec);
        }
        return (result, ok);
    }

    private DatasetSpec? ReadDataset(YNode node, string path)
    {
        var types = DatasetKinds.Types;
        if (node is YScalar s && !s.IsNull)
        {
            var preset = DatasetKinds.Preset(s.Value);
            if (preset is not null) return preset;
            var typeHint = types.Contains(s.Value) ? $"; '{s.Value}' is a type, write it as a mapping such as {{type: {s.Value}, ...}}" : Suggest.DidYouMean(s.Value, DatasetKinds.PresetNames);
            Error(node, $"{path}: unknown dataset '{s.Value}'{typeHint}; presets: {string.Join(", ", DatasetKinds.PresetNames)}, or a mapping such as {{type: ring, modes: 8}}");
            return null;
        }
        var map = AsMapping(node, path, "ring8 or {type: ring, modes: 8, std: 0.02}");
        if (map is null) return null;

        var typeNode = map.Get("type");
        if (typeNode is null)
        {
            Error(map, $"{path}: missing required key 'type'; valid types: {string.Join(", ", types)}");
            return null;
        }
        var type = ReadChoice(typeNode, path + ".type", "dataset type", types);
        if (type is null) return null;
        var kind = DatasetKinds.Find(type)!;

        int before = Errors.Count;
        CheckKeys(map, path, ["type", "name", .. kind.Fields.Select(f => f.Key)], key =>
        {
            var owners = DatasetKinds.All.Where(k => k.Fields.Any(f => f.Key == key)).Select(k => k.Type).ToList();
            return owners.Count > 0 ? $"; '{key}' applies to type {string.Join(" or ", owners)}, not {type}" : null;
        });
        string? name = null;
        if (map.Get("name") is { } nameNode) name = ReadSafeName(nameNode, path + ".name", "results/");
        var values = ReadFields(map, path, kind.Fields);
        if (Errors.Count != before) return null;
        var spec = kind.Build(values, name);
        if (CoordinateProblem(kind, spec) is { } problem)
            Error(map, $"{path}: {problem}");
        return Errors.Count == before ? spec : null;
    }

    /// <summary>Each number can fit float32 while the data they make does not: radius 1e30 with scale 1e-20 puts points at 1e50.</summary>
    public const double MaxCoordinate = 1e18;

    private static string? CoordinateProblem(DatasetKind kind, DatasetSpec spec)
    {
        if (kind.IsImage) return null;
        double largest = kind.Reach(spec);
        if (!(largest <= MaxCoordinate))
            return $"its points reach {largest:G3} after dividing by scale; GanBench keeps data within ±{MaxCoordinate:G0} so that squared distances stay finite in float32; use a larger scale";
        if (kind.SmallestSpread(spec) is double smallest && smallest < Float32.MinNormal)
            return $"its std after dividing by scale is {smallest:G3}, which float32 rounds to 0; use a smaller scale or a larger std";
        return null;
    }

    /// <summary>Reads the fields of a section: written values range-checked, the others at their defaults, missing required ones reported.</summary>
    private FieldValues ReadFields(YMapping map, string path, IReadOnlyList<Field> fields)
    {
        var values = FieldValues.Defaults(fields);
        foreach (var field in fields)
        {
            var node = map.Get(field.Key);
            if (node is null)
            {
                if (field.Kind == FieldKind.Points || field.Required)
                    Error(map, field.Kind == FieldKind.Points
                        ? $"{path}: missing required key '{field.Key}' (a list of points such as [[0, 0], [1, 1]])"
                        : $"{path}: missing required key '{field.Key}' ({field.Description}, e.g. {field.Key}: 0.05)");
                continue;
            }
            string at = $"{path}.{field.Key}";
            switch (field.Kind)
            {
                case FieldKind.Integer when ReadInt(node, at, field.Range) is int i: values.Set(field.Key, i); break;
                case FieldKind.Number when ReadNumber(node, at, field.Range) is double d: values.Set(field.Key, d); break;
                case FieldKind.Points when ReadPoints(node, at) is { } points: values.Set(field.Key, points); break;
            }
        }
        return values;
    }

    private List<double[]>? ReadPoints(YNode node, string at)
    {
        var list = AsList(node, at, "[[0, 0], [1, 1]]");
        if (list is null) return null;
        if (list.Items.Count == 0)
        {
            Error(node, $"{at} is an empty list; give at least one point such as [[0, 0]]");
            return null;
        }
        if (list.Items.Count > Ring.MaxModes)
        {
            Error(node, $"{at} has {list.Items.Count} points; the limit is {Ring.MaxModes}");
            return null;
        }
        var means = new List<double[]>();
        int? dim = null;
        bool ok = true;
        for (int i = 0; i < list.Items.Count; i++)
        {
            var p = $"{at}[{i}]";
            var point = AsList(list.Items[i], p, "[0, 0]");
            if (point is null) { ok = false; continue; }
            if (point.Items.Count == 0)
            {
                Error(point, $"{p} is an empty point; write its coordinates, e.g. [0, 0]");
                ok = false;
                continue;
            }
            if (dim is not null && point.Items.Count != dim)
            {
                Error(point, $"{p} has {point.Items.Count} coordinates but the first point has {dim}; every mean needs the same dimension");
                ok = false;
                continue;
            }
            dim ??= point.Items.Count;
            var coords = new double[point.Items.Count];
            for (int j = 0; j < coords.Length; j++)
            {
                var v = ReadNumber(point.Items[j], p, new NumRange(double.NegativeInfinity, false, double.PositiveInfinity, false));
                if (v is null) ok = false; else coords[j] = v.Value;
            }
            means.Add(coords);
        }
        return ok ? means : null;
    }
}
