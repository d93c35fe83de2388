using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Sweep;

namespace GanBench.Training.Tests;

/// <summary>The shared tiny experiment (tests/Shared/Fixtures/sweeps/tiny.yaml), edited by a test, loaded and
/// given a fresh results folder, ready for <see cref="SweepRunner.Run"/>.</summary>
internal sealed record TinySweep(LoadResult Loaded, ResultsDirectory Results, ComponentRegistry Components)
{
    /// <param name="edit">Changes the YAML text; it must change something, so a fixture edit that stops matching fails loudly.</param>
    public static TinySweep Open(string dir, Func<string, string> edit)
    {
        string original = File.ReadAllText(SweepFixtures.Tiny);
        string yaml = edit(original);
        Assert.NotEqual(original, yaml);
        var loaded = ExperimentLoader.LoadText(yaml, "tiny.yaml", dir, BuiltinComponents.Catalog());
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var expectation = ResultsExpectation.For(loaded.Trials, loaded.Trials.Select(t => t.TrialId), SweepRunner.MetricColumns(loaded.Trials));
        return new TinySweep(loaded, ResultsDirectory.Open(Path.Combine(dir, "out"), expectation), ComponentRegistry.CreateBuiltin());
    }
}
