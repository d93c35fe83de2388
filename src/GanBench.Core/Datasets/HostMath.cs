using GanBench.Core.Metrics;

namespace GanBench.Core.Datasets;

/// <summary>A row-major array on the host: a vector when <see cref="Columns"/> is 1.</summary>
public sealed record HostArray(double[] Values, int Rows, int Columns);

/// <summary><see cref="ISampleMath{T}"/> in plain doubles with a seeded generator, for sampling without TorchSharp.</summary>
public sealed class HostMath(int seed) : ISampleMath<HostArray>
{
    // Not readonly: the generator is a mutable struct, and a readonly field would advance a copy.
    private SplitMixGaussian _random = new(seed);

    public HostArray Integers(int count, int bound) => Vector(count, _ => _random.NextUInt64() % (ulong)bound);
    public HostArray Uniform(int count) => Vector(count, _ => _random.NextOpenUniform());

    public HostArray Normal(int count, int columns)
    {
        var values = new double[count * columns];
        for (int i = 0; i < values.Length; i++) values[i] = _random.NextGaussian();
        return new HostArray(values, count, columns);
    }

    public HostArray Table(IReadOnlyList<double[]> rows) =>
        new(rows.SelectMany(r => r).ToArray(), rows.Count, rows.Count == 0 ? 0 : rows[0].Length);

    public HostArray Rows(HostArray table, HostArray index)
    {
        var values = new double[index.Rows * table.Columns];
        for (int i = 0; i < index.Rows; i++)
            Array.Copy(table.Values, (int)index.Values[i] * table.Columns, values, i * table.Columns, table.Columns);
        return new HostArray(values, index.Rows, table.Columns);
    }

    public HostArray Columns(HostArray first, HostArray second)
    {
        var values = new double[first.Rows * 2];
        for (int i = 0; i < first.Rows; i++) { values[2 * i] = first.Values[i]; values[2 * i + 1] = second.Values[i]; }
        return new HostArray(values, first.Rows, 2);
    }

    public HostArray Add(HostArray a, HostArray b) => Zip(a, b, (x, y) => x + y);
    public HostArray Multiply(HostArray a, HostArray b) => Zip(a, b, (x, y) => x * y);
    public HostArray Scale(HostArray a, double factor) => Map(a, x => x * factor);
    public HostArray Shift(HostArray a, double offset) => Map(a, x => x + offset);
    public HostArray Divide(HostArray a, double divisor) => Map(a, x => x / divisor);
    public HostArray Cos(HostArray a) => Map(a, Math.Cos);
    public HostArray Sin(HostArray a) => Map(a, Math.Sin);

    private static HostArray Vector(int count, Func<int, double> value) => new(Enumerable.Range(0, count).Select(value).ToArray(), count, 1);
    private static HostArray Map(HostArray a, Func<double, double> f) => a with { Values = a.Values.Select(f).ToArray() };
    private static HostArray Zip(HostArray a, HostArray b, Func<double, double, double> f) =>
        a.Values.Length == b.Values.Length ? a with { Values = a.Values.Zip(b.Values, f).ToArray() }
            : throw new ArgumentException($"shapes differ: [{a.Rows}, {a.Columns}] and [{b.Rows}, {b.Columns}]");
}
