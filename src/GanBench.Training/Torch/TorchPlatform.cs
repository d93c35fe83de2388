using System.Diagnostics;
using GanBench.Core.Results;
using GanBench.Training.Sweep;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Torch;

/// <summary>Describes the compute stack a trial runs on, for runs.csv and the sweep's first log line.</summary>
public static class TorchPlatform
{
    /// <summary>The CUDA version of the libtorch-cuda package this build references (Directory.Packages.props);
    /// "none" for the CPU build.</summary>
    public const string CudaBuild =
#if GANBENCH_CUDA
        "12.8";
#else
        "none";
#endif

    public static RunPlatform Describe(Device device)
    {
        string where = device.type == DeviceType.CUDA ? $"cuda:{Math.Max(0, device.index)}" : "cpu";
        string gpu = device.type == DeviceType.CUDA ? GpuName(Math.Max(0, device.index)) ?? "unknown" : "none";
        return new RunPlatform(where, $"libtorch={torch.__version__}; build={DeviceSelector.Backend}; cuda={CudaBuild}; gpu={gpu}");
    }

    /// <summary>The GPU's product name from the NVIDIA driver, which TorchSharp does not expose;
    /// null when nvidia-smi is missing or does not answer within a few seconds.</summary>
    private static string? GpuName(int index)
    {
        try
        {
            var start = new ProcessStartInfo("nvidia-smi", ["--query-gpu=name", "--format=csv,noheader", "-i", index.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null) return null;
            string name = process.StandardOutput.ReadToEnd().Trim();
            if (!process.WaitForExit(5_000)) { process.Kill(); return null; }
            // A semicolon would split the description's pairs.
            return process.ExitCode == 0 && name.Length > 0 ? name.Replace(';', ',') : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
