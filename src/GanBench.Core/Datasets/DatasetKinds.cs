using GanBench.Core.Fields;

namespace GanBench.Core.Datasets;

/// <summary>
/// Every dataset kind of this assembly, found by reflection: a new <see cref="DatasetKind"/>
/// subclass is all it takes for YAML, list, the trainer and the reports to know a dataset.
/// </summary>
public static class DatasetKinds
{
    private static readonly Lazy<IReadOnlyList<DatasetKind>> Found = new(() => typeof(DatasetKind).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(DatasetKind)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (DatasetKind)Activator.CreateInstance(t)!)
        .OrderBy(k => k.ListOrder).ThenBy(k => k.Type, StringComparer.Ordinal)
        .ToList());

    public static IReadOnlyList<DatasetKind> All => Found.Value;

    public static IReadOnlyList<string> Types => All.Select(k => k.Type).ToList();

    /// <summary>Preset names in the order the README lists them: the kinds' own order, kinds alphabetical.</summary>
    public static IReadOnlyList<string> PresetNames => All.SelectMany(k => k.Presets.Select(p => p.Name)).ToList();

    public static DatasetKind? Find(string type) => All.FirstOrDefault(k => k.Type == type);

    public static DatasetKind Of(DatasetSpec spec) =>
        Find(spec.Type) ?? throw new ArgumentException($"dataset '{spec.Name}' has unknown type '{spec.Type}' (types: {string.Join(", ", Types)})");

    /// <summary>The distribution a preset name stands for, or null.</summary>
    public static DatasetSpec? Preset(string name)
    {
        foreach (var kind in All)
            foreach (var preset in kind.Presets.Where(p => p.Name == name))
                return kind.Build(FieldValues.Defaults(kind.Fields, preset.Values), preset.Name);
        return null;
    }

    /// <summary>Host samples of a point dataset, [count × dimension] row-major, reproducible from <paramref name="seed"/>.</summary>
    public static double[] SampleHost(DatasetSpec spec, int count, int seed) => Of(spec).Sample(spec, new HostMath(seed), count).Values;
}
