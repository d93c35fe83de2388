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
    private readonly Lazy<string> _single, _singleAlone, _sharded;

    /// <summary>tiny.yaml with every trial alone (train.ensemble: off). Shards plan their ensembles from their
    /// own trials, so only lone trials merge to the single process's bits; sharded ensembles agree to
    /// rounding (EnsembleSweepTests).</summary>
    public string TinyAlone { get; }

    public TinySweepFixture()
    {
        Directory.CreateDirectory(Root);
        TinyAlone = Path.Combine(Root, "tiny.yaml");
        string tiny = File.ReadAllText(SweepFixtures.Tiny);
        Assert.Contains("  checkpoint_every: 10\n", tiny);
        File.WriteAllText(TinyAlone, tiny.Replace("  checkpoint_every: 10\n", "  checkpoint_every: 10\n  ensemble: off\n"));
        _single = new Lazy<string>(() => RunSingle(SweepFixtures.Tiny, "single"));
        _singleAlone = new Lazy<string>(() => RunSingle(TinyAlone, "single-alone"));
        _sharded = new Lazy<string>(() =>
        {
            var dir = Path.Combine(Root, "sharded");
            var processes = Enumerable.Range(0, ShardCount)
                .Select(i => CliProcess.Start([TinyAlone, "--out", dir, "--shard", $"{i}/{ShardCount}"]))
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

    private string RunSingle(string experiment, string name)
    {
        var dir = Path.Combine(Root, name);
        var (code, output, errors) = CliProcess.Run(ProcessTimeout, experiment, "--out", dir);
        Assert.True(code == 0, $"single run exited {code}\n{output}\n{errors}");
        return dir;
    }

    /// <summary>Results folder of the single-process run of tiny.yaml (its trials in ensembles).</summary>
    public string Single => _single.Value;
    /// <summary>Results folder of the single-process run of <see cref="TinyAlone"/>.</summary>
    public string SingleAlone => _singleAlone.Value;
    /// <summary>Results folder holding shards/0-of-3 … 2-of-3 of <see cref="TinyAlone"/>, not merged yet (tests merge copies of it).</summary>
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
