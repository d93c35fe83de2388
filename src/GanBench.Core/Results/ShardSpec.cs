using System.Globalization;

namespace GanBench.Core.Results;

/// <summary>A shard specification that cannot be used: the message says what is wrong and how to fix it.</summary>
public sealed class ShardSpecException(string message) : Exception(message);

/// <summary>
/// One shard of a sweep: shard <see cref="Index"/> of <see cref="Count"/>, 0-based (0/4 … 3/4),
/// the same convention as Kubernetes' JOB_COMPLETION_INDEX and a Slurm array written --array=0-3.
/// <para>A trial belongs to shard <c>h mod n</c>, where h is its trial id read as a 64-bit
/// hexadecimal number. Trial ids are SHA-256 prefixes, so shards get about equal shares; the
/// assignment depends on the trial alone, not on its position in the sweep, so adding an arm, a
/// dataset or a seed never moves an existing trial to another shard (its results stay valid where
/// they are). With few trials per shard the shares can be uneven, and a shard can even be empty
/// (it then finishes at once); <c>run</c> prints the shard's size as it starts.</para>
/// Each shard writes <c>&lt;out&gt;/shards/&lt;i&gt;-of-&lt;n&gt;/</c>; <c>merge &lt;out&gt;</c> puts them together.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    public const string ShardsFolder = "shards";
    /// <summary>More shards than this is surely a typo: a sweep with more trials than that is not what this harness is for.</summary>
    public const int MaxCount = 100_000;

    public const string SlurmIndexVariable = "SLURM_ARRAY_TASK_ID", SlurmCountVariable = "SLURM_ARRAY_TASK_COUNT", SlurmMinVariable = "SLURM_ARRAY_TASK_MIN";
    public const string KubernetesIndexVariable = "JOB_COMPLETION_INDEX";
    /// <summary>The shard count for Kubernetes Indexed Jobs (set it to the Job's completions); --shard-count overrides it.</summary>
    public const string CountVariable = "GANBENCH_SHARD_COUNT";

    /// <summary>Folder name under shards/, e.g. "2-of-4".</summary>
    public string DirectoryName => $"{Index}-of-{Count}";

    public override string ToString() => $"{Index}/{Count}";

    public string DirectoryUnder(string resultsRoot) => Path.Combine(resultsRoot, ShardsFolder, DirectoryName);

    public bool Contains(string trialId) => ShardOf(trialId, Count) == Index;

    /// <summary>The 0-based shard of a trial among <paramref name="count"/> shards.</summary>
    public static int ShardOf(string trialId, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count));
        ulong h;
        if (trialId.Length == 16 && ulong.TryParse(trialId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            h = hex;
        else
        {
            // Not a GanBench trial id (hand-made test trials): hash it the same stable way.
            var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(trialId));
            h = BitConverter.ToUInt64(bytes, 0);
        }
        return (int)(h % (ulong)count);
    }

    /// <summary>Tries to read a folder name such as "2-of-4".</summary>
    public static ShardSpec? FromDirectoryName(string name)
    {
        var parts = name.Split("-of-");
        if (parts.Length != 2) return null;
        if (!TryNonNegative(parts[0], out int i) || !TryNonNegative(parts[1], out int n)) return null;
        if (n < 1 || n > MaxCount || i >= n) return null;
        var spec = new ShardSpec(i, n);
        return spec.DirectoryName == name ? spec : null; // no leading zeros or signs
    }

    /// <summary>Parses "i/n" (0-based index).</summary>
    /// <param name="source">Where the text came from, for the message (e.g. "--shard").</param>
    public static ShardSpec Parse(string text, string source)
    {
        var parts = text.Split('/');
        if (parts.Length != 2)
            throw new ShardSpecException($"{source} '{text}': expected INDEX/COUNT with a 0-based index, e.g. 0/4 … 3/4 for four shards");
        int count = ParseCount(parts[1], $"{source} '{text}'");
        return WithIndex(parts[0], count, $"{source} '{text}'");
    }

    private static int ParseCount(string text, string context)
    {
        if (!TryNonNegative(text, out int n) || n < 1 || n > MaxCount)
            throw new ShardSpecException($"{context}: the shard count must be an integer from 1 to {MaxCount}, got '{Clip(text)}'");
        return n;
    }

    private static ShardSpec WithIndex(string text, int count, string context, int offset = 0)
    {
        if (!TryNonNegative(text, out int raw))
            throw new ShardSpecException($"{context}: the shard index must be a non-negative integer, got '{Clip(text)}'");
        int i = raw - offset;
        if (i < 0 || i >= count)
            throw new ShardSpecException($"{context}: the shard index is 0-based, so it must be from 0 to {count - 1} for {count} shard(s), got {i}");
        return new ShardSpec(i, count);
    }

    /// <summary>
    /// Which shard this process runs, or null for the whole sweep. In order: <c>--shard i/n</c>
    /// (<c>--shard none</c> runs everything and ignores the environment); Slurm job arrays
    /// (index SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, count SLURM_ARRAY_TASK_COUNT, so
    /// --array=1-4 works as well as 0-3; the array must be a contiguous range); Kubernetes Indexed
    /// Jobs (JOB_COMPLETION_INDEX, count from --shard-count or GANBENCH_SHARD_COUNT).
    /// </summary>
    /// <param name="source">Set to what decided the shard, for the progress line.</param>
    public static ShardSpec? Resolve(string? shardOption, string? shardCountOption, Func<string, string?> environment, out string source)
    {
        source = "";
        if (shardOption is not null)
        {
            if (shardCountOption is not null)
                throw new ShardSpecException("--shard-count is only for JOB_COMPLETION_INDEX; with --shard write the count after the slash (--shard i/n)");
            if (shardOption == "none") return null;
            source = "--shard";
            return Parse(shardOption, "--shard");
        }

        string? Env(string name) => environment(name) is { } v && v.Trim().Length > 0 ? v.Trim() : null;

        if (Env(SlurmIndexVariable) is { } slurmIndex)
        {
            var context = $"{SlurmIndexVariable}={Clip(slurmIndex)}";
            var countText = Env(SlurmCountVariable)
                ?? throw new ShardSpecException($"{context} is set but {SlurmCountVariable} is not; is this a Slurm job array? Pass --shard i/n or --shard none");
            int count = ParseCount(countText, $"{SlurmCountVariable}={Clip(countText)}");
            int min = 0;
            if (Env(SlurmMinVariable) is { } minText && !TryNonNegative(minText, out min))
                throw new ShardSpecException($"{SlurmMinVariable}='{Clip(minText)}' is not a non-negative integer");
            source = "Slurm array";
            try { return WithIndex(slurmIndex, count, context, min); }
            catch (ShardSpecException e) when (TryNonNegative(slurmIndex, out _))
            {
                throw new ShardSpecException($"{e.Message}; the array must be a contiguous range such as --array=0-{count - 1}");
            }
        }

        if (Env(KubernetesIndexVariable) is { } jobIndex)
        {
            var context = $"{KubernetesIndexVariable}={Clip(jobIndex)}";
            var countText = shardCountOption ?? Env(CountVariable)
                ?? throw new ShardSpecException($"{context} is set but the shard count is not: set {CountVariable} to the Job's completions, or pass --shard-count N");
            int count = ParseCount(countText, shardCountOption is not null ? $"--shard-count '{Clip(countText)}'" : $"{CountVariable}={Clip(countText)}");
            source = "Kubernetes Indexed Job";
            return WithIndex(jobIndex, count, context);
        }

        if (shardCountOption is not null)
            throw new ShardSpecException($"--shard-count needs {KubernetesIndexVariable} (a Kubernetes Indexed Job); otherwise use --shard i/n");
        return null;
    }

    private static bool TryNonNegative(string text, out int value)
    {
        value = 0;
        // Digits only: no sign, no spaces, no exponent, no hex.
        if (text.Length == 0 || text.Length > 9 || !text.All(char.IsAsciiDigit)) return false;
        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static string Clip(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length <= 40 ? clean : clean[..40] + "…";
    }
}
