namespace GanBench.Tests.Shared;

/// <summary>Experiment files shared by the trainer's and the command line's tests (tests/Shared/Fixtures, copied beside each test assembly).</summary>
public static class SweepFixtures
{
    /// <summary>Two arms on ring8, three seeds, 40 steps: six trials that train in seconds.</summary>
    public static string Tiny => Path.Combine(AppContext.BaseDirectory, "Fixtures", "sweeps", "tiny.yaml");
}
