using GanBench.Core.Config;
using GanBench.Training.Components;

namespace GanBench.Core.Tests;

/// <summary>
/// The trial ids of every shipped experiment, pinned in Fixtures/trial-ids/ (written from the
/// command line's validate output). A refactoring of the configuration code must not move a single
/// one: a moved id orphans every result a user has of that trial.
/// </summary>
public class ShippedTrialIdTests
{
    public static TheoryData<string> Experiments => new(
        Directory.GetFiles(ExampleConfigTests.FixturePath("trial-ids"), "*.tsv").Select(Path.GetFileNameWithoutExtension).Where(n => n != "plugin-vs-baselines").Order()!);

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GanBench.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("GanBench.sln not found");
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Shipped_experiments_keep_their_trial_ids(string name)
    {
        var root = RepoRoot();
        var path = Directory.GetFiles(Path.Combine(root, "experiments"), name + ".yaml", SearchOption.AllDirectories).Single();
        var loaded = ExperimentLoader.Load(path, BuiltinComponents.Catalog());
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var pinned = File.ReadAllLines(ExampleConfigTests.FixturePath("trial-ids", name + ".tsv")).Where(l => l.Length > 0).ToList();
        var actual = loaded.Trials.Select(t => $"{t.TrialId}\t{Quoted(t.Arm)}\t{t.Dataset.Name}\t{t.Seed}").ToList();
        Assert.Equal(pinned, actual);
    }

    // validate writes labels with spaces quoted.
    private static string Quoted(string label) => label.Contains(' ') || label.Contains('=') ? $"\"{label}\"" : label;
}
