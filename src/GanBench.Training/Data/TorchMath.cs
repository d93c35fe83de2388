using GanBench.Core.Datasets;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Data;

/// <summary>
/// <see cref="ISampleMath{T}"/> on tensors: the dataset kinds' samplers draw training batches
/// with it, on the trial's device from the trial's own generator. Each operation is the single
/// tensor operation the arithmetic names, in the order the sampler calls it, so a batch is the
/// same float32 computation whichever kind wrote it.
/// </summary>
internal sealed class TorchMath(Device device, Generator random, Dictionary<IReadOnlyList<double[]>, Tensor> tables) : ISampleMath<Tensor>
{
    public Tensor Integers(int count, int bound) => torch.randint(0, bound, [count], device: device, generator: random);
    public Tensor Uniform(int count) => torch.rand([count], device: device, generator: random);
    public Tensor Normal(int count, int columns) => torch.randn([count, columns], device: device, generator: random);

    /// <summary>A table is uploaded once per distribution and kept (its owner disposes it).</summary>
    public Tensor Table(IReadOnlyList<double[]> rows)
    {
        if (tables.TryGetValue(rows, out var table)) return table;
        var flat = rows.SelectMany(r => r).Select(v => (float)v).ToArray();
        table = torch.tensor(flat, [rows.Count, rows[0].Length], device: device);
        // Outside every dispose scope: the table outlives the batch that first needed it.
        table.DetachFromDisposeScope();
        tables[rows] = table;
        return table;
    }

    public Tensor Rows(Tensor table, Tensor index) => table.index_select(0, index);
    public Tensor Columns(Tensor first, Tensor second) => torch.stack([first, second], 1);
    public Tensor Add(Tensor a, Tensor b) => a + b;
    public Tensor Multiply(Tensor a, Tensor b) => a * b;
    public Tensor Scale(Tensor a, double factor) => a * factor;
    public Tensor Shift(Tensor a, double offset) => a + offset;
    public Tensor Divide(Tensor a, double divisor) => a / divisor;
    public Tensor Cos(Tensor a) => torch.cos(a);
    public Tensor Sin(Tensor a) => torch.sin(a);
}
