namespace GanBench.Cli.Tests.Survival;

/// <summary>Tests that start CLI processes run one after another: they share two cores with everything else.</summary>
[CollectionDefinition(Name)]
public sealed class CliProcessCollection : ICollectionFixture<TinySweepFixture>
{
    public const string Name = "cli processes";
}

/// <summary>
/// The tiny experiment run once by a single process and once as three shard processes running
/// at the same time, then merged; each built on first use and shared by the tests.
/// </summary>
public sealed class TinySweepFixture : IDisposable
{
    public const int ShardCount = 3;
    public static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(4);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ganbench-survive-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Lazy<string> _single, _sharded;

    public TinySweepFixture()
    {
        Directory.CreateDirectory(Root);
        _single = new Lazy<string>(() =>
        {
            var dir = Path.Combine(Root, "single");
            var (code, output, errors) = CliProcess.Run(ProcessTimeout, SweepFixtures.Tiny, "--out", dir);
            Assert.True(code == 0, $"single run exited {code}\n{output}\n{errors}");
            return dir;
        });
        _sharded = new Lazy<string>(() =>
        {
            var dir = Path.Combine(Root, "sharded");
            var processes = Enumerable.Range(0, ShardCount)
                .Select(i => CliProcess.Start([SweepFixtures.Tiny, "--out", dir, "--shard", $"{i}/{ShardCount}"]))
                .ToList();
            try
            {
                foreach (var p in processes)
                {
                    var (code, output, errors) = p.WaitForExit(ProcessTimeout);
                    Assert.True(code == 0, $"shard exited {code}\n{output}\n{errors}");
                }
            }
            finally
            {
                foreach (var p in processes) p.Dispose();
            }
            return dir;
        });
    }

    /// <summary>Results folder of the single-process run.</summary>
    public string Single => _single.Value;
    /// <summary>Results folder holding shards/0-of-3 … 2-of-3, not merged yet (tests merge copies of it).</summary>
    public string Sharded => _sharded.Value;

    /// <summary>A fresh copy of the sharded folder that a test may change.</summary>
    public string CopyOfSharded(string name)
    {
        var target = Path.Combine(Root, name);
        CopyDirectory(Sharded, target);
        return target;
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
