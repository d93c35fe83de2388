using GanBench.Core.Results;
using GanBench.Training.Ensembles;
using GanBench.Training.Sweep;
using GanBench.Training.Torch;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Training.Tests.Survival;

/// <summary>
/// The members of one work unit are recorded together or not at all: a sweep that dies after some
/// members' outcomes arrived has recorded none of that unit, so its resume re-forms the same unit.
/// </summary>
public class UnitRecordingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-units-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Finishes the first unit whole, then one member of the next ensemble, then dies.</summary>
    private sealed class DiesMidUnit : ITrialExecutor
    {
        public int Parallelism => 1;
        public IReadOnlyList<WorkUnit> Units { get; private set; } = [];
        public WorkUnit? Split { get; private set; }

        public void Run(IReadOnlyList<WorkUnit> units, ITrialEvents events, CancellationToken cancellation)
        {
            Units = units;
            foreach (var member in units[0].Members) events.Finished(member, Outcome());
            Split = units.Skip(1).First(u => u.IsEnsemble);
            events.Finished(Split.Members[0], Outcome());
            throw new OperationCanceledException("killed");
        }

        public void Dispose() { }

        private static TrialOutcome Outcome() => new(TrialStatus.Ok, 1, 0.5, 0.1, "", new Dictionary<string, double?>(), [], [], [], null);
    }

    [Fact]
    public void A_sweep_that_dies_mid_unit_has_recorded_none_of_that_unit()
    {
        var (loaded, results, components) = TinySweep.Open(_dir, yaml => yaml.Replace("  checkpoint_every: 10\n", "  ensemble: 2\n"));
        var executor = new DiesMidUnit();
        Assert.Throws<OperationCanceledException>(() => new SweepRunner().Run(loaded.Config!, loaded.Trials, results, executor, new NullSweepObserver(),
            components.ImplementationOf, TorchPlatform.Describe(torch.CPU), planner: new EnsemblePlanner(components)));

        Assert.Equal(2, executor.Split!.Members.Count);
        var recorded = RunsCsv.ReadRuns(results.RunsPath).Select(r => r.Trial.TrialId).ToList();
        Assert.Equal(executor.Units[0].Members.Select(m => m.Trial.TrialId), recorded);
    }
}
