namespace GanBench.Tests.Shared;

/// <summary>Where the samples/ folder and its built plugin are; the test project builds it (see the csproj).</summary>
public static class SamplePlugin
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GanBench.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("GanBench.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The test assembly's configuration (Debug/Release), which the referenced sample is built in too.</summary>
    private static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string DllPath => Path.Combine(RepoRoot, "samples", "MyLosses", "bin", Configuration, "net10.0", "MyLosses.dll");

    /// <summary>tests/GanBench.TestPlugins: plugins that misbehave on purpose.</summary>
    public static string TestPluginsPath => Path.Combine(RepoRoot, "tests", "GanBench.TestPlugins", "bin", Configuration, "net10.0", "GanBench.TestPlugins.dll");
}
