using System.Runtime.InteropServices;

namespace GanBench.Core.Data;

/// <summary>What a path names, for the inputs a user hands GanBench.</summary>
public enum InputKind { Missing, RegularFile, Directory, Other }

/// <summary>
/// Checks that an input path is a regular file before anything opens it: opening a FIFO blocks
/// until someone writes to it, and reading a device such as /dev/zero never ends, so an
/// experiment, plugin or sample path that names one must be refused, not read.
/// </summary>
public static class InputFiles
{
    // .NET's own native shim (shipped with every runtime) fills a fixed-layout FileStatus whose
    // second int is st_mode; libc's struct stat differs between architectures.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);

    private const int TypeMask = 0xF000, RegularType = 0x8000, DirectoryType = 0x4000;

    /// <summary>What <paramref name="path"/> names, following symbolic links.</summary>
    public static InputKind KindOf(string path)
    {
        if (Directory.Exists(path)) return InputKind.Directory;
        if (!File.Exists(path)) return InputKind.Missing;
        try
        {
            var status = new byte[256];
            if (Stat(path, status) != 0) return InputKind.RegularFile;
            int type = BitConverter.ToInt32(status, 4) & TypeMask;
            return type == RegularType ? InputKind.RegularFile : type == DirectoryType ? InputKind.Directory : InputKind.Other;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without the shim (another runtime), fall back to bounded reads; a FIFO can then block.
            return InputKind.RegularFile;
        }
    }

    /// <summary>Why <paramref name="path"/> cannot be read as <paramref name="what"/> (e.g. "an experiment file"), or null when it is a regular file.</summary>
    public static string? Problem(string path, string what) => KindOf(path) switch
    {
        InputKind.RegularFile => null,
        InputKind.Missing => $"'{path}' does not exist",
        InputKind.Directory => $"'{path}' is a directory; name {what} instead",
        _ => $"'{path}' is not a regular file (a device, FIFO or socket); name {what} instead",
    };

    /// <summary>The file's bytes, or null when it holds more than <paramref name="maxBytes"/> (read no further than that).</summary>
    public static byte[]? ReadAtMost(string path, int maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1L - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return null;
        }
        return buffer.ToArray();
    }
}
