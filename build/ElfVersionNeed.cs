// One implementation, two users:
//  * build/TorchSharpNativeFix.targets compiles this file as an MSBuild inline task
//    (RoslynCodeTaskFactory, Type="Class"), so the build needs neither Python nor patchelf;
//  * tests/GanBench.Training.Tests links it (with GANBENCH_ELF_READER_ONLY defined, which
//    drops the MSBuild task class) to check what the build did.
// RoslynCodeTaskFactory compiles against netstandard reference assemblies, so this file
// sticks to netstandard2.0 APIs (no Span/BinaryPrimitives, no File.Move overwrite).
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace GanBench.Build
{
    /// <summary>One Vernaux entry of an ELF64 .gnu.version_r section.</summary>
    public sealed class ElfVersionNeedEntry
    {
        public ElfVersionNeedEntry(string file, string name, ushort flags, long flagsFileOffset)
        {
            File = file;
            Name = name;
            Flags = flags;
            FlagsFileOffset = flagsFileOffset;
        }

        /// <summary>The needed library (Verneed.vn_file), e.g. "libstdc++.so.6".</summary>
        public string File { get; }

        /// <summary>The needed version (Vernaux.vna_name), e.g. "GLIBCXX_3.4.32".</summary>
        public string Name { get; }

        /// <summary>Vernaux.vna_flags; <see cref="ElfVersionNeed.VerFlgWeak"/> marks a weak need.</summary>
        public ushort Flags { get; }

        /// <summary>Absolute file offset of vna_flags (2 bytes, little-endian).</summary>
        public long FlagsFileOffset { get; }

        public bool IsWeak => (Flags & ElfVersionNeed.VerFlgWeak) != 0;
    }

    /// <summary>
    /// Minimal ELF64 little-endian reader for symbol-versioning sections, plus the one patch the
    /// project needs: mark a needed version weak so that glibc's loader does not refuse the
    /// library when that version is missing (it only prints a note under LD_DEBUG).
    /// </summary>
    public static class ElfVersionNeed
    {
        public const ushort VerFlgWeak = 0x2;           // VER_FLG_WEAK
        public const uint ShtGnuVerdef = 0x6ffffffd;    // SHT_GNU_verdef  (.gnu.version_d)
        public const uint ShtGnuVerneed = 0x6ffffffe;   // SHT_GNU_verneed (.gnu.version_r)

        public const string TorchSharpNativeFileName = "libLibTorchSharp.so";
        public const string MissingVersion = "GLIBCXX_3.4.32";

        private sealed class Section
        {
            public uint Type;
            public long Offset;
            public long Size;
            public uint Link;
            public uint Info;
        }

        /// <summary>All Verneed/Vernaux entries of an ELF64 LE file. Throws InvalidDataException on a malformed file.</summary>
        public static List<ElfVersionNeedEntry> ReadVersionNeeds(string path)
        {
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                return ReadVersionNeeds(fs);
            }
        }

        public static List<ElfVersionNeedEntry> ReadVersionNeeds(Stream s)
        {
            var result = new List<ElfVersionNeedEntry>();
            var sections = ReadSections(s);
            foreach (var vr in sections)
            {
                if (vr.Type != ShtGnuVerneed) continue;
                if (vr.Link >= sections.Count) throw new InvalidDataException(".gnu.version_r sh_link out of range");
                Section strtab = sections[(int)vr.Link];
                long vnOff = vr.Offset;
                for (uint i = 0; i < vr.Info; i++)   // sh_info = number of Verneed entries
                {
                    CheckRange(vnOff, 16, vr);
                    // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32
                    ushort vnCnt = ReadU16(s, vnOff + 2);
                    uint vnFile = ReadU32(s, vnOff + 4);
                    uint vnAux = ReadU32(s, vnOff + 8);
                    uint vnNext = ReadU32(s, vnOff + 12);
                    string file = ReadString(s, strtab, vnFile);
                    long vnaOff = vnOff + vnAux;
                    for (uint j = 0; j < vnCnt; j++)
                    {
                        CheckRange(vnaOff, 16, vr);
                        // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32
                        ushort flags = ReadU16(s, vnaOff + 4);
                        uint name = ReadU32(s, vnaOff + 8);
                        uint vnaNext = ReadU32(s, vnaOff + 12);
                        result.Add(new ElfVersionNeedEntry(file, ReadString(s, strtab, name), flags, vnaOff + 4));
                        if (vnaNext == 0) break;
                        vnaOff += vnaNext;
                    }
                    if (vnNext == 0) break;
                    vnOff += vnNext;
                }
            }
            return result;
        }

        /// <summary>Names of all version definitions (.gnu.version_d) of an ELF64 LE file, e.g. of libstdc++.</summary>
        public static List<string> ReadVersionDefinitions(string path)
        {
            var result = new List<string>();
            using (var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                var sections = ReadSections(s);
                foreach (var vd in sections)
                {
                    if (vd.Type != ShtGnuVerdef) continue;
                    if (vd.Link >= sections.Count) throw new InvalidDataException(".gnu.version_d sh_link out of range");
                    Section strtab = sections[(int)vd.Link];
                    long off = vd.Offset;
                    for (uint i = 0; i < vd.Info; i++)   // sh_info = number of Verdef entries
                    {
                        CheckRange(off, 20, vd);
                        // Elf64_Verdef: vd_version u16, vd_flags u16, vd_ndx u16, vd_cnt u16, vd_hash u32, vd_aux u32, vd_next u32
                        ushort cnt = ReadU16(s, off + 6);
                        uint aux = ReadU32(s, off + 12);
                        uint next = ReadU32(s, off + 16);
                        if (cnt > 0)
                        {
                            // First Verdaux names the version itself; later ones name its parents.
                            CheckRange(off + aux, 8, vd);
                            result.Add(ReadString(s, strtab, ReadU32(s, off + aux)));
                        }
                        if (next == 0) break;
                        off += next;
                    }
                }
            }
            return result;
        }

        /// <summary>
        /// Sets VER_FLG_WEAK on every Vernaux named <paramref name="versionName"/>.
        /// Returns the number of entries changed (0: nothing written, file untouched).
        /// The file is rewritten through a temporary file and a rename, so a hard link to the
        /// NuGet cache (if the copy step ever made one) is never modified in place.
        /// Last-write time is preserved so that MSBuild's skip-unchanged copy keeps the patched file.
        /// </summary>
        public static int MarkVersionNeedWeak(string path, string versionName)
        {
            var toPatch = new List<ElfVersionNeedEntry>();
            foreach (var e in ReadVersionNeeds(path))
                if (e.Name == versionName && !e.IsWeak) toPatch.Add(e);
            if (toPatch.Count == 0) return 0;

            DateTime mtime = File.GetLastWriteTimeUtc(path);
            string tmp = path + ".ganbench-tmp";
            // Copy first (keeps the permission bits), patch the copy, then rename it over the target.
            File.Copy(path, tmp, true);
            try
            {
                using (var fs = new FileStream(tmp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    foreach (var e in toPatch)
                    {
                        ushort f = (ushort)(e.Flags | VerFlgWeak);
                        fs.Position = e.FlagsFileOffset;
                        fs.WriteByte((byte)(f & 0xff));
                        fs.WriteByte((byte)(f >> 8));
                    }
                }
                File.SetLastWriteTimeUtc(tmp, mtime);
                File.Replace(tmp, path, null);
            }
            finally
            {
                if (File.Exists(tmp)) File.Delete(tmp);
            }
            File.SetLastWriteTimeUtc(path, mtime);
            return toPatch.Count;
        }

        /// <summary>
        /// The libstdc++.so.6 the dynamic loader will use, best effort: the one mapped into this
        /// process (the dotnet host links libstdc++), then the usual Debian/Fedora paths, then
        /// `ldconfig -p`. Null when none is found (e.g. a musl system).
        /// </summary>
        public static string? FindSystemLibStdCxx()
        {
            try
            {
                if (File.Exists("/proc/self/maps"))
                {
                    foreach (string line in File.ReadAllLines("/proc/self/maps"))
                    {
                        int slash = line.IndexOf('/');
                        if (slash < 0) continue;
                        string p = line.Substring(slash).Trim();
                        if (Path.GetFileName(p).StartsWith("libstdc++.so", StringComparison.Ordinal) && File.Exists(p))
                            return p;
                    }
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }

            string[] candidates =
            {
                "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/usr/lib64/libstdc++.so.6",
                "/lib64/libstdc++.so.6",
                "/usr/lib/libstdc++.so.6",
            };
            foreach (string c in candidates)
                if (File.Exists(c)) return c;

            try
            {
                var psi = new ProcessStartInfo("ldconfig", "-p")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                using (var p = Process.Start(psi))
                {
                    if (p != null)
                    {
                        string output = p.StandardOutput.ReadToEnd();
                        p.WaitForExit(5000);
                        foreach (string line in output.Split('\n'))
                        {
                            // "	libstdc++.so.6 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libstdc++.so.6"
                            if (!line.TrimStart().StartsWith("libstdc++.so.6 ", StringComparison.Ordinal)) continue;
                            if (!line.Contains("x86-64")) continue;
                            int arrow = line.IndexOf("=>", StringComparison.Ordinal);
                            if (arrow < 0) continue;
                            string p2 = line.Substring(arrow + 2).Trim();
                            if (File.Exists(p2)) return p2;
                        }
                    }
                }
            }
            catch (Exception) { /* no ldconfig on PATH: give up */ }
            return null;
        }

        /// <summary>True when the given libstdc++ defines <paramref name="versionName"/>.</summary>
        public static bool DefinesVersion(string libPath, string versionName)
        {
            try
            {
                return ReadVersionDefinitions(libPath).Contains(versionName);
            }
            catch (InvalidDataException)
            {
                // Not an ELF64 LE file we understand: fall back to a plain byte search.
                byte[] needle = Encoding.ASCII.GetBytes(versionName + "\0");
                byte[] hay = File.ReadAllBytes(libPath);
                for (int i = 0; i + needle.Length <= hay.Length; i++)
                {
                    int k = 0;
                    while (k < needle.Length && hay[i + k] == needle[k]) k++;
                    if (k == needle.Length) return true;
                }
                return false;
            }
        }

        // ---- ELF64 little-endian primitives ----

        private static List<Section> ReadSections(Stream s)
        {
            var ident = new byte[16];
            ReadExact(s, 0, ident);
            if (ident[0] != 0x7f || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (ident[4] != 2) throw new InvalidDataException("not ELF64 (EI_CLASS != ELFCLASS64)");
            if (ident[5] != 1) throw new InvalidDataException("not little-endian (EI_DATA != ELFDATA2LSB)");

            long shoff = (long)ReadU64(s, 0x28);
            ushort shentsize = ReadU16(s, 0x3A);
            uint shnum = ReadU16(s, 0x3C);
            if (shoff == 0) throw new InvalidDataException("no section header table");
            if (shentsize < 64) throw new InvalidDataException("bad e_shentsize " + shentsize);
            if (shnum == 0) shnum = (uint)ReadU64(s, shoff + 32);   // extended numbering: section 0's sh_size
            if ((ulong)shoff + (ulong)shnum * shentsize > (ulong)s.Length)
                throw new InvalidDataException("section header table runs past end of file");

            var list = new List<Section>((int)shnum);
            for (uint i = 0; i < shnum; i++)
            {
                long h = shoff + (long)i * shentsize;
                var sec = new Section
                {
                    Type = ReadU32(s, h + 4),
                    Offset = (long)ReadU64(s, h + 24),
                    Size = (long)ReadU64(s, h + 32),
                    Link = ReadU32(s, h + 40),
                    Info = ReadU32(s, h + 44),
                };
                if (sec.Type != 8 /* SHT_NOBITS */ && (sec.Offset < 0 || sec.Size < 0 || sec.Offset + sec.Size > s.Length))
                    throw new InvalidDataException("section " + i + " runs past end of file");
                list.Add(sec);
            }
            return list;
        }

        private static void CheckRange(long off, int len, Section sec)
        {
            if (off < sec.Offset || off + len > sec.Offset + sec.Size)
                throw new InvalidDataException("version entry outside its section");
        }

        private static string ReadString(Stream s, Section strtab, uint index)
        {
            if (index >= strtab.Size) throw new InvalidDataException("string index outside .dynstr");
            var sb = new StringBuilder();
            s.Position = strtab.Offset + index;
            long end = strtab.Offset + strtab.Size;
            while (s.Position < end)
            {
                int b = s.ReadByte();
                if (b <= 0) break;
                sb.Append((char)b);
            }
            return sb.ToString();
        }

        private static void ReadExact(Stream s, long off, byte[] buf)
        {
            s.Position = off;
            int read = 0;
            while (read < buf.Length)
            {
                int n = s.Read(buf, read, buf.Length - read);
                if (n <= 0) throw new InvalidDataException("unexpected end of file");
                read += n;
            }
        }

        private static ushort ReadU16(Stream s, long off)
        {
            var b = new byte[2];
            ReadExact(s, off, b);
            return (ushort)(b[0] | (b[1] << 8));
        }

        private static uint ReadU32(Stream s, long off)
        {
            var b = new byte[4];
            ReadExact(s, off, b);
            return (uint)(b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24));
        }

        private static ulong ReadU64(Stream s, long off)
        {
            var b = new byte[8];
            ReadExact(s, off, b);
            ulong lo = (uint)(b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24));
            ulong hi = (uint)(b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24));
            return lo | (hi << 32);
        }
    }
}

#if !GANBENCH_ELF_READER_ONLY
namespace GanBench.Build
{
    /// <summary>
    /// MSBuild task: marks the GLIBCXX_3.4.32 need of copied libLibTorchSharp.so files weak,
    /// but only when the build machine's libstdc++ lacks that version. Files that already carry
    /// the weak flag are left alone, so repeated builds write nothing.
    /// </summary>
    public class PatchTorchSharpNative : Microsoft.Build.Utilities.Task
    {
        /// <summary>Copied libLibTorchSharp.so files (in bin/ or publish/), never the NuGet cache.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>Files actually rewritten by this invocation.</summary>
        [Microsoft.Build.Framework.Output]
        public Microsoft.Build.Framework.ITaskItem[] PatchedFiles { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        public override bool Execute()
        {
            const Microsoft.Build.Framework.MessageImportance Normal = Microsoft.Build.Framework.MessageImportance.Normal;
            const Microsoft.Build.Framework.MessageImportance Low = Microsoft.Build.Framework.MessageImportance.Low;

            string? libstdcxx = ElfVersionNeed.FindSystemLibStdCxx();
            if (libstdcxx == null)
            {
                Log.LogMessage(Normal, "GanBench: no system libstdc++.so.6 found; leaving {0} unpatched.", ElfVersionNeed.TorchSharpNativeFileName);
                return true;
            }
            if (ElfVersionNeed.DefinesVersion(libstdcxx, ElfVersionNeed.MissingVersion))
            {
                Log.LogMessage(Low, "GanBench: {0} defines {1}; {2} needs no patch.", libstdcxx, ElfVersionNeed.MissingVersion, ElfVersionNeed.TorchSharpNativeFileName);
                return true;
            }

            var patched = new List<Microsoft.Build.Framework.ITaskItem>();
            foreach (var item in Files)
            {
                string path = item.GetMetadata("FullPath");
                if (!File.Exists(path))
                {
                    Log.LogMessage(Low, "GanBench: {0} does not exist (not copied yet?); skipped.", path);
                    continue;
                }
                try
                {
                    int n = ElfVersionNeed.MarkVersionNeedWeak(path, ElfVersionNeed.MissingVersion);
                    if (n > 0)
                    {
                        Log.LogMessage(Normal,
                            "GanBench: {0} lacks {1}; marked that version need weak (VER_FLG_WEAK) in {2}.",
                            libstdcxx, ElfVersionNeed.MissingVersion, path);
                        patched.Add(item);
                    }
                    else
                    {
                        Log.LogMessage(Low, "GanBench: {0} already patched (or has no {1} need).", path, ElfVersionNeed.MissingVersion);
                    }
                }
                catch (InvalidDataException ex)
                {
                    Log.LogWarning("GanBench: could not parse {0} as ELF64: {1}. TorchSharp may fail to load on this machine.", path, ex.Message);
                }
            }
            PatchedFiles = patched.ToArray();
            return !Log.HasLoggedErrors;
        }
    }
}
#endif
