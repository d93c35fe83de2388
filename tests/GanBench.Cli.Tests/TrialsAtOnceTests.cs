using GanBench.Cli.Sweeps;
using GanBench.Core.Config;
using GanBench.Training.Components;
using GanBench.Training.Ensembles;

namespace GanBench.Cli.Tests;

/// <summary>The memory check counts a whole ensemble per worker where trials can share one, one trial otherwise.</summary>
public class TrialsAtOnceTests
{
    private static IReadOnlyList<TrialSpec> Trials(string ensemble, int seeds, string critic = "{ type: mlp, hidden: 16, layers: 2 }")
    {
        var loaded = ExperimentLoader.LoadText($$"""
            name: memory
            seeds: [{{string.Join(", ", Enumerable.Range(0, seeds))}}]
            datasets: [ring8]
            model: { latent_dim: 2, generator: { type: mlp, hidden: 16, layers: 2 }, critic: {{critic}} }
            train: { iterations: 10, ensemble: {{ensemble}} }
            losses: [ { loss: wgan_gp } ]
            """, "memory.yaml", Path.GetTempPath(), BuiltinComponents.Catalog());
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        return loaded.Trials;
    }

    private static int AtOnce(IReadOnlyList<TrialSpec> trials, int jobs) =>
        SweepService.TrialsAtOnce(trials, jobs, new EnsemblePlanner(ComponentRegistry.CreateBuiltin()));

    [Fact]
    public void Counts_an_ensemble_per_worker()
    {
        Assert.Equal(16, AtOnce(Trials("auto", 20), jobs: 2));
        Assert.Equal(10, AtOnce(Trials("auto", 10), jobs: 2));
        Assert.Equal(32, AtOnce(Trials("16", 40), jobs: 2));
        Assert.Equal(8, AtOnce(Trials("4", 40), jobs: 2));
        Assert.Equal(3, AtOnce(Trials("auto", 3), jobs: 2));
        Assert.Equal(2, AtOnce(Trials("off", 40), jobs: 2));
    }
}
