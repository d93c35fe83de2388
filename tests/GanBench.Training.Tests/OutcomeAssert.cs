using GanBench.Training.Training;

namespace GanBench.Training.Tests;

/// <summary>Comparisons of whole trial outcomes: what a resumed trial must equal bit for bit.</summary>
internal static class OutcomeAssert
{
    private static long Bits(double? v) => BitConverter.DoubleToInt64Bits(v ?? double.NaN);

    public static void BitIdentical(TrialOutcome expected, TrialOutcome actual)
    {
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Curve.Select(e => e.Step), actual.Curve.Select(e => e.Step));
        for (int i = 0; i < expected.Curve.Count; i++)
            foreach (var (k, v) in expected.Curve[i].Metrics)
                Assert.True(Bits(v) == Bits(actual.Curve[i].Metrics[k]), $"step {expected.Curve[i].Step} {k}: {v:R} vs {actual.Curve[i].Metrics[k]:R}");
        Assert.Equal(expected.LayerGradients.Select(l => (l.Step, l.Network, l.Layer, Bits(l.GradNorm))), actual.LayerGradients.Select(l => (l.Step, l.Network, l.Layer, Bits(l.GradNorm))));
        Assert.Equal(expected.Snapshots.Count, actual.Snapshots.Count);
        for (int i = 0; i < expected.Snapshots.Count; i++)
        {
            Assert.Equal(expected.Snapshots[i].Samples.Select(x => Bits(x)), actual.Snapshots[i].Samples.Select(x => Bits(x)));
            Assert.Equal(expected.Snapshots[i].CriticSurface!.Select(x => Bits(x)), actual.Snapshots[i].CriticSurface!.Select(x => Bits(x)));
        }
        Assert.Equal(expected.CriticWeights!.Counts, actual.CriticWeights!.Counts);
    }
}

/// <summary>Cancels the token when a trial reports the given step: a kill mid-way, where the test chooses.</summary>
internal sealed class CancelAt(int step, CancellationTokenSource cancel) : IProgress<TrialProgress>
{
    public void Report(TrialProgress value) { if (value.Step == step) cancel.Cancel(); }
}

/// <summary>The first step a trial reports, synchronously (System.Progress would post it to the thread pool):
/// after a resume, the step after its checkpoint.</summary>
internal sealed class FirstStep : IProgress<TrialProgress>
{
    public int Step { get; private set; } = -1;

    public void Report(TrialProgress value) { if (Step < 0) Step = value.Step; }
}
