namespace GanBench.Core.Results;

/// <summary>
/// Where a trial ran, as runs.csv records it beside its numbers: the device (<c>cpu</c>, <c>cuda:0</c>)
/// and a description of the compute stack (libtorch version, which libtorch build, CUDA version, GPU
/// name). Throughput is only comparable between rows of one platform, and a nightly that silently
/// fell back to the CPU shows up in every row it wrote.
/// </summary>
/// <param name="Device">The torch device the trial's tensors lived on.</param>
/// <param name="Description">Semicolon-separated key=value pairs, e.g.
/// <c>libtorch=2.10.0; build=cpu; cuda=none; gpu=none</c>.</param>
public sealed record RunPlatform(string Device, string Description)
{
    /// <summary>What a row written before these columns existed reads back as.</summary>
    public static RunPlatform Unknown { get; } = new("", "");

    /// <summary>The one-line form for the console: "cuda:0 (libtorch=2.10.0; build=cuda; cuda=12.8; gpu=NVIDIA H200)".</summary>
    public override string ToString() => Description.Length == 0 ? Device : $"{Device} ({Description})";
}
