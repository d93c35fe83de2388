using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Sweep;

public static class DeviceSelector
{
    public static readonly IReadOnlyList<string> Choices = ["auto", "cpu", "cuda"];

    /// <summary>auto picks CUDA when libtorch can see a GPU, else the CPU; cuda without a GPU is an input error.</summary>
    public static (Device? Device, string? Error) Resolve(string requested) => requested switch
    {
        "cpu" => (torch.CPU, null),
        "auto" => (torch.cuda.is_available() ? torch.CUDA : torch.CPU, null),
        "cuda" when torch.cuda.is_available() => (torch.CUDA, null),
        "cuda" => (null, "device 'cuda' was requested but libtorch sees no CUDA device (this build references libtorch-cpu; see README, 'GPU')"),
        _ => (null, $"unknown device '{requested}' (valid: {string.Join(", ", Choices)})"),
    };
}
