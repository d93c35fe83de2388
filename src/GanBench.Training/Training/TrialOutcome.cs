using GanBench.Core.Results;

namespace GanBench.Training.Training;

/// <summary>One evaluation of a trial at a generator step; metric values are null when undefined.</summary>
public sealed record Evaluation(int Step, double WallSeconds, IReadOnlyDictionary<string, double?> Metrics);

/// <summary>‖∇θ‖ of one layer's parameters under its own network's loss, at one evaluation.</summary>
public sealed record LayerGradient(int Step, string Network, int Layer, double GradNorm);

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
    IReadOnlyList<LayerGradient> LayerGradients);

/// <summary>What a trial reports while it runs, for progress displays.</summary>
public sealed record TrialProgress(int Step, int TotalSteps, double CriticLoss, double GeneratorLoss);
