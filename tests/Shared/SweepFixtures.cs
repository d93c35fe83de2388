namespace GanBench.Tests.Shared;

/// <summary>Experiment files shared by the trainer's and the command line's tests (tests/Shared/Fixtures, copied beside each test assembly).</summary>
public static class SweepFixtures
{
    /// <summary>Two arms on ring8, three seeds, 40 steps: six trials that train in seconds.</summary>
    public static string Tiny => Path.Combine(AppContext.BaseDirectory, "Fixtures", "sweeps", "tiny.yaml");

    /// <summary>The repository's root (the folder of GanBench.sln), for tests of shipped scripts.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GanBench.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("GanBench.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
