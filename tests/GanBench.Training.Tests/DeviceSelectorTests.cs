using GanBench.Training.Sweep;

namespace GanBench.Training.Tests;

public class DeviceSelectorTests
{
    [Fact]
    public void Cuda_on_this_cpu_only_build_is_refused_naming_the_switch_that_builds_for_the_gpu()
    {
        Assert.Equal("cpu", DeviceSelector.Backend);
        var (device, error) = DeviceSelector.Resolve("cuda");
        Assert.Null(device);
        Assert.Contains("CPU-only build", error);
        Assert.Contains("GANBENCH_TORCH_BACKEND=cuda", error);
        Assert.Contains("-p:GanBenchTorchBackend=cuda", error);
    }
}
