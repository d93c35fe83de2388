using GanBench.Training.Sweep;
using GanBench.Training.Torch;
using TorchSharp;

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

    [Fact]
    public void The_platform_names_the_device_the_libtorch_version_and_the_build()
    {
        var platform = TorchPlatform.Describe(torch.CPU);
        Assert.Equal("cpu", platform.Device);
        Assert.Matches(@"^\d+\.\d+", torch.__version__);
        Assert.Equal($"libtorch={torch.__version__}; build=cpu; cuda=none; gpu=none", platform.Description);
        Assert.Equal($"cpu (libtorch={torch.__version__}; build=cpu; cuda=none; gpu=none)", platform.ToString());
    }
}
