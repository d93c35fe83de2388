using GanBench.Core.Config.Yaml;

namespace GanBench.Core.Config;

internal sealed partial class ConfigReader
{
    internal static readonly string[] DatasetTypes = ["ring", "grid", "mixture", "swissroll", DatasetPresets.FashionMnistType, DatasetPresets.StackedFashionMnistType];

    internal static readonly Dictionary<string, string[]> DatasetKeys = new()
    {
        ["ring"] = ["type", "name", "modes", "radius", "std", "scale"],
        ["grid"] = ["type", "name", "side", "spacing", "std", "scale"],
        ["mixture"] = ["type", "name", "means", "std", "scale"],
        ["swissroll"] = ["type", "name", "noise", "scale"],
        [DatasetPresets.FashionMnistType] = ["type", "name"],
        [DatasetPresets.StackedFashionMnistType] = ["type", "name"],
    };

    /// <returns>The datasets read and whether every entry was valid.</returns>
    private (List<DatasetSpec>, bool) ReadDatasets(YNode node)
    {
        var result = new List<DatasetSpec>();
        var list = AsList(node, "datasets", "[ring8, grid25]");
        if (list is null) return (result, false);
        if (list.Items.Count == 0)
        {
            Error(node, $"datasets is an empty list; name at least one, e.g. datasets: [ring8] (presets: {string.Join(", ", DatasetPresets.Names)})");
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
        if (node is YScalar s && !s.IsNull)
        {
            var preset = DatasetPresets.Get(s.Value);
            if (preset is not null) return preset;
            var typeHint = DatasetTypes.Contains(s.Value) ? $"; '{s.Value}' is a type, write it as a mapping such as {{type: {s.Value}, ...}}" : Suggest.DidYouMean(s.Value, DatasetPresets.Names);
            Error(node, $"{path}: unknown dataset '{s.Value}'{typeHint}; presets: {string.Join(", ", DatasetPresets.Names)}, or a mapping such as {{type: ring, modes: 8}}");
            return null;
        }
        var map = AsMapping(node, path, "ring8 or {type: ring, modes: 8, std: 0.02}");
        if (map is null) return null;

        var typeNode = map.Get("type");
        if (typeNode is null)
        {
            Error(map, $"{path}: missing required key 'type'; valid types: {string.Join(", ", DatasetTypes)}");
            return null;
        }
        var type = ReadChoice(typeNode, path + ".type", "dataset type", DatasetTypes);
        if (type is null) return null;

        var allowed = DatasetKeys[type];
        int before = Errors.Count;
        CheckKeys(map, path, allowed, key =>
        {
            var owners = DatasetKeys.Where(kv => kv.Value.Contains(key)).Select(kv => kv.Key).ToList();
            return owners.Count > 0 ? $"; '{key}' applies to type {string.Join(" or ", owners)}, not {type}" : null;
        });

        string? name = null;
        if (map.Get("name") is { } nameNode) name = ReadSafeName(nameNode, path + ".name", "results/");

        double Num(string key, double def, NumRange range) =>
            map.Get(key) is { } n ? ReadNumber(n, $"{path}.{key}", range) ?? def : def;
        int Int(string key, int def, NumRange range) =>
            map.Get(key) is { } n ? ReadInt(n, $"{path}.{key}", range) ?? def : def;

        var positive = NumRange.Above(0);
        DatasetSpec? spec = null;
        switch (type)
        {
            case "ring":
            {
                int modes = Int("modes", DatasetPresets.RingDefaultModes, new NumRange(1, false, DatasetPresets.MaxModes, false));
                double radius = Num("radius", DatasetPresets.RingDefaultRadius, positive);
                double std = Num("std", DatasetPresets.RingDefaultStd, positive);
                double scale = Num("scale", DatasetPresets.RingDefaultScale, positive);
                spec = DatasetPresets.Ring(modes, radius, std, scale, name);
                break;
            }
            case "grid":
            {
                int side = Int("side", DatasetPresets.GridDefaultSide, new NumRange(1, false, DatasetPresets.MaxGridSide, false));
                double spacing = Num("spacing", DatasetPresets.GridDefaultSpacing, positive);
                double std = Num("std", DatasetPresets.GridDefaultStd, positive);
                double scale = Num("scale", DatasetPresets.GridDefaultScale, positive);
                spec = DatasetPresets.Grid(side, spacing, std, scale, name);
                break;
            }
            case "mixture":
            {
                var means = ReadMeans(map, path);
                double std = 1;
                if (map.Get("std") is { } stdNode) std = ReadNumber(stdNode, path + ".std", positive) ?? 1;
                else Error(map, $"{path}: missing required key 'std' (the standard deviation of every component, e.g. std: 0.05)");
                double scale = Num("scale", DatasetPresets.MixtureDefaultScale, positive);
                if (means is not null) spec = DatasetPresets.Mixture(means, std, scale, name);
                break;
            }
            case "swissroll":
            {
                double noise = Num("noise", DatasetPresets.SwissrollDefaultNoise, NumRange.AtLeast(0));
                double scale = Num("scale", DatasetPresets.SwissrollDefaultScale, positive);
                spec = DatasetPresets.Swissroll(noise, scale, name);
                break;
            }
            case DatasetPresets.FashionMnistType or DatasetPresets.StackedFashionMnistType:
                spec = DatasetPresets.Image(type, name);
                break;
        }
        if (spec is not null && Errors.Count == before && CoordinateProblem(spec) is { } problem)
            Error(map, $"{path}: {problem}");
        return Errors.Count == before ? spec : null;
    }

    /// <summary>Each number can fit float32 while the data they make does not: radius 1e30 with scale 1e-20 puts points at 1e50.</summary>
    public const double MaxCoordinate = 1e18;

    private static string? CoordinateProblem(DatasetSpec spec)
    {
        if (spec.IsImage) return null;
        double largest = spec.Means.Count > 0
            ? spec.Means.Max(m => m.Max(Math.Abs)) / spec.Scale + 6 * spec.Std / spec.Scale
            : (4.5 * Math.PI + 6 * spec.Noise) / spec.Scale;
        double smallest = spec.Means.Count > 0 ? spec.Std / spec.Scale : double.MaxValue;
        if (!(largest <= MaxCoordinate))
            return $"its points reach {largest:G3} after dividing by scale; GanBench keeps data within ±{MaxCoordinate:G0} so that squared distances stay finite in float32; use a larger scale";
        if (smallest < Float32.MinNormal)
            return $"its std after dividing by scale is {smallest:G3}, which float32 rounds to 0; use a smaller scale or a larger std";
        return null;
    }

    private List<double[]>? ReadMeans(YMapping map, string path)
    {
        var node = map.Get("means");
        if (node is null)
        {
            Error(map, $"{path}: missing required key 'means' (a list of points such as [[0, 0], [1, 1]])");
            return null;
        }
        var list = AsList(node, path + ".means", "[[0, 0], [1, 1]]");
        if (list is null) return null;
        if (list.Items.Count == 0)
        {
            Error(node, $"{path}.means is an empty list; give at least one point such as [[0, 0]]");
            return null;
        }
        if (list.Items.Count > DatasetPresets.MaxModes)
        {
            Error(node, $"{path}.means has {list.Items.Count} points; the limit is {DatasetPresets.MaxModes}");
            return null;
        }
        var means = new List<double[]>();
        int? dim = null;
        bool ok = true;
        for (int i = 0; i < list.Items.Count; i++)
        {
            var p = $"{path}.means[{i}]";
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
