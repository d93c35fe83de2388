using GanBench.Cli.Output;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Training;

namespace GanBench.Cli.Tests;

/// <summary>The plain progress lines a CI log shows.</summary>
public class LineObserverTests
{
    [Fact]
    public void The_members_of_one_ensemble_share_one_estimate_of_the_time_left()
    {
        var trials = ExperimentLoader.Load(SweepFixtures.Tiny, BuiltinComponents.Catalog()).Trials;
        var output = new StringWriter();
        var observer = new LineObserver(new CliConsole(output, new StringWriter()));
        observer.SweepStarted(2 * trials.Count, 0, "out", "cpu", 1);
        Thread.Sleep(1000);
        // One unit of all the trials ends: half the sweep in about a second, so about a second is left.
        // Counting its members one call at a time would have told the first line 2·6 − 1 seconds.
        observer.UnitFinished(trials.Count);
        for (int i = 0; i < trials.Count; i++)
            observer.TrialFinished(i + 1, 2 * trials.Count, trials[i], new TrialOutcome(TrialStatus.Ok, 40, 1, 0.1, "", new Dictionary<string, double?>(), [], [], [], null));
        var etas = output.ToString().Split('\n').Where(l => l.Contains("(eta ", StringComparison.Ordinal))
            .Select(l => TimeSpan.Parse(l[(l.IndexOf("(eta ", StringComparison.Ordinal) + 5)..l.LastIndexOf(')')], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(trials.Count, etas.Count);
        Assert.All(etas, eta => Assert.InRange(eta.TotalSeconds, 0.5, 5));
    }
}
