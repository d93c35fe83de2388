using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Torch;

/// <summary>What every part of the trainer shares about TorchSharp itself: copying tensors to the host, and the lock around seeded module construction.</summary>
public static class TorchHost
{
    /// <summary>Held while a module is built from the global CPU generator: that generator is shared by every thread of the process.</summary>
    public static readonly object InitGate = new();

    /// <summary>A tensor's values as a row-major double array on the host, where the metrics run.</summary>
    public static double[] ToHost(Tensor t)
    {
        using var host = t.detach().to(torch.CPU).to_type(ScalarType.Float64).contiguous();
        return host.data<double>().ToArray();
    }
}
