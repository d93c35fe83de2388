using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using GanBench.Build;
using TorchSharp;

namespace GanBench.Training.Tests;

/// <summary>
/// Guards build/TorchSharpNativeFix.targets: TorchSharp's native library must load on this
/// machine, and the copy in the output directory must be patched exactly when the system
/// libstdc++ lacks GLIBCXX_3.4.32 (and be the untouched package file otherwise).
/// </summary>
public class NativeLoadTests
{
    [Fact]
    public void TorchSharp_loads_and_computes()
    {
        using var a = torch.ones(2, 2);
        using var b = torch.ones(2, 2);
        using var prod = a.matmul(b);
        using var sum = prod.sum();
        Assert.Equal(8f, sum.item<float>());
    }

    [Fact]
    public void TorchSharp_autograd_backward_works()
    {
        using var x = torch.tensor(new float[] { 1f, 2f, 3f }, requires_grad: true);
        using var sq = x * x;
        using var y = sq.sum();
        y.backward();
        var grad = x.grad;
        Assert.NotNull(grad);
        Assert.Equal(new float[] { 2f, 4f, 6f }, grad!.data<float>().ToArray());
    }

    [Fact]
    public void Copied_native_library_is_patched_only_when_system_libstdcxx_lacks_the_version()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;   // the fix is Linux-only

        string copied = FindCopiedNative();
        string original = FindPackageOriginal();

        // Sanity: the package file really carries the strong need the fix is about.
        var origNeed = Assert.Single(ElfVersionNeed.ReadVersionNeeds(original), e => e.Name == ElfVersionNeed.MissingVersion);
        Assert.Equal("libstdc++.so.6", origNeed.File);
        Assert.False(origNeed.IsWeak, "the NuGet cache copy must never be patched");

        string? libstdcxx = ElfVersionNeed.FindSystemLibStdCxx();
        Assert.NotNull(libstdcxx);
        bool systemHasVersion = ElfVersionNeed.DefinesVersion(libstdcxx!, ElfVersionNeed.MissingVersion);

        byte[] copiedBytes = File.ReadAllBytes(copied);
        byte[] originalBytes = File.ReadAllBytes(original);
        Assert.Equal(originalBytes.Length, copiedBytes.Length);

        if (systemHasVersion)
        {
            Assert.Equal(originalBytes, copiedBytes);
            return;
        }

        var need = Assert.Single(ElfVersionNeed.ReadVersionNeeds(copied), e => e.Name == ElfVersionNeed.MissingVersion);
        Assert.True(need.IsWeak, $"{copied}: {ElfVersionNeed.MissingVersion} need is not weak; {libstdcxx} lacks it");
        // Nothing else may differ: only the two vna_flags bytes of that entry.
        for (long i = 0; i < copiedBytes.Length; i++)
        {
            if (i == need.FlagsFileOffset || i == need.FlagsFileOffset + 1) continue;
            if (copiedBytes[i] != originalBytes[i])
                Assert.Fail($"{copied} differs from {original} at offset {i}, outside the patched flags");
        }
    }

    [Fact]
    public void Elf_reader_sees_the_system_libstdcxx_version_definitions()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        string? libstdcxx = ElfVersionNeed.FindSystemLibStdCxx();
        Assert.NotNull(libstdcxx);
        var defs = ElfVersionNeed.ReadVersionDefinitions(libstdcxx!);
        Assert.Contains("GLIBCXX_3.4", defs);       // every libstdc++.so.6 defines the base version
        Assert.Contains("CXXABI_1.3", defs);
        Assert.DoesNotContain("GLIBCXX_99.0", defs);
        Assert.Equal(defs.Contains(ElfVersionNeed.MissingVersion), ElfVersionNeed.DefinesVersion(libstdcxx!, ElfVersionNeed.MissingVersion));
    }

    [Fact]
    public void Copied_native_library_resolves_all_dependencies()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || !File.Exists("/usr/bin/ldd")) return;

        var psi = new ProcessStartInfo("/usr/bin/ldd", FindCopiedNative())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        // A weak version that is missing only gets a note ("weak version ... not found");
        // a missing library or a missing strong version would make the load fail.
        foreach (string line in (stdout + "\n" + stderr).Split('\n'))
        {
            Assert.DoesNotContain("=> not found", line);
            if (line.Contains("not found") && !line.Contains("weak version"))
                Assert.Fail("ldd: " + line.Trim());
        }
    }

    private static string FindCopiedNative()
    {
        string baseDir = AppContext.BaseDirectory;
        string[] candidates =
        {
            Path.Combine(baseDir, "runtimes", "linux-x64", "native", ElfVersionNeed.TorchSharpNativeFileName),
            Path.Combine(baseDir, ElfVersionNeed.TorchSharpNativeFileName),   // RID-specific builds flatten runtimes/
        };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{ElfVersionNeed.TorchSharpNativeFileName} not found under {baseDir}");
    }

    /// <summary>The package's own file in the NuGet global packages folder, located through this test's deps.json.</summary>
    private static string FindPackageOriginal()
    {
        string depsFile = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(f => File.Exists(f))
            ?? Path.Combine(AppContext.BaseDirectory, "GanBench.Training.Tests.deps.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(depsFile));
        string? packagePath = null;
        foreach (var lib in doc.RootElement.GetProperty("libraries").EnumerateObject())
        {
            if (lib.Name.StartsWith("TorchSharp/", StringComparison.OrdinalIgnoreCase) && lib.Value.TryGetProperty("path", out var path))
                packagePath = path.GetString();
        }
        Assert.NotNull(packagePath);   // e.g. "torchsharp/0.107.0"

        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } env
            ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string file = Path.Combine(root, packagePath!, "runtimes", "linux-x64", "native", ElfVersionNeed.TorchSharpNativeFileName);
        Assert.True(File.Exists(file), $"package original not found at {file}");
        return file;
    }
}
