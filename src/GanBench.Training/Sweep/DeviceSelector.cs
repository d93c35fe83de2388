using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Sweep;

public static class DeviceSelector
{
    public static readonly IReadOnlyList<string> Choices = ["auto", "cpu", "cuda"];

    /// <summary>The libtorch this build references: "cpu", or "cuda" when built with -p:GanBenchTorchBackend=cuda.</summary>
#if GANBENCH_CUDA
    public const string Backend = "cuda";
#else
    public const string Backend = "cpu";
#endif

    /// <summary>Why --device cuda cannot start here: a CPU-only build names the one switch every entry point honours.</summary>
    public static string NoCudaMessage => Backend == "cuda"
        ? "device 'cuda' was requested but libtorch sees no CUDA device, although this build references libtorch-cuda; check the driver (nvidia-smi) and CUDA_VISIBLE_DEVICES"
        : "device 'cuda' was requested but this is a CPU-only build (libtorch-cpu); build for the GPU with GANBENCH_TORCH_BACKEND=cuda (run.ps1, the nightly workflow, deploy/slurm) or dotnet build -p:GanBenchTorchBackend=cuda; see docs/gpu.md";

    /// <summary>auto picks CUDA when libtorch can see a GPU, else the CPU; cuda without a GPU is an input error.</summary>
    public static (Device? Device, string? Error) Resolve(string requested) => requested switch
    {
        "cpu" => (torch.CPU, null),
        "auto" => (torch.cuda.is_available() ? torch.CUDA : torch.CPU, null),
        "cuda" when torch.cuda.is_available() => (torch.CUDA, null),
        "cuda" => (null, NoCudaMessage),
        _ => (null, $"unknown device '{requested}' (valid: {string.Join(", ", Choices)})"),
    };
}
