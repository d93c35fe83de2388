using GanBench.Core.Results;

namespace GanBench.Training.Training;

/// <summary>One evaluation of a trial at a generator step; metric values are null when undefined.</summary>
public sealed record Evaluation(int Step, double WallSeconds, IReadOnlyDictionary<string, double?> Metrics);

/// <summary>‖∇θ‖ of one layer's parameters under its own network's loss, at one evaluation.</summary>
public sealed record LayerGradient(int Step, string Network, int Layer, double GradNorm);

/// <summary>
/// What the plots need from a trial at one step: generator samples (x, y pairs), and for 2-D
/// data the critic's value on a square grid over <see cref="Core.Datasets.PlotBounds"/>, row-major with y outer.
/// </summary>
public sealed record TrialSnapshot(int Step, double[] Samples, double[]? CriticSurface, int SurfaceResolution);

/// <summary>Histogram of every critic parameter value at the end of training.</summary>
public sealed record WeightHistogram(double[] Edges, long[] Counts);

public sealed record TrialOutcome(
    TrialStatus Status,
    /// <summary>Generator steps completed.</summary>
    int Steps,
    double WallSeconds,
    /// <summary>Seconds spent inside evaluations (part of WallSeconds).</summary>
    double EvalSeconds,
    string? Message,
    /// <summary>Final metrics: those of the last evaluation of a trial that finished; empty otherwise.</summary>
    IReadOnlyDictionary<string, double?> FinalMetrics,
    IReadOnlyList<Evaluation> Curve,
    IReadOnlyList<LayerGradient> LayerGradients,
    IReadOnlyList<TrialSnapshot> Snapshots,
    WeightHistogram? CriticWeights)
{
    /// <summary>The held-out real sample the point metrics were measured against, written beside the samples so `metrics` can reproduce them.</summary>
    public double[]? RealSample { get; init; }

    /// <summary>The trial failed on an error raised inside libtorch (an ExternalException), which a rerun may not repeat; see <see cref="Schedules.TrialTrainer"/>.</summary>
    public bool NativeFailure { get; init; }
}

/// <summary>What a trial reports while it runs, for progress displays.</summary>
public sealed record TrialProgress(int Step, int TotalSteps, double CriticLoss, double GeneratorLoss);
