namespace GanBench.Core.Config;

/// <summary>One problem in an experiment file; <see cref="Where"/> is null when no position applies (a missing file).</summary>
public sealed record ConfigError(SourceSpan? Where, string Message)
{
    public override string ToString() => Where is null ? $"error: {Message}" : $"{Where}: error: {Message}";
}

/// <summary>
/// What <see cref="ExperimentLoader"/> returns. <see cref="Config"/> and <see cref="Trials"/> are
/// only filled when there are no errors, so that nothing can start from a half-valid file.
/// </summary>
public sealed record LoadResult(ExperimentConfig? Config, IReadOnlyList<TrialSpec> Trials, IReadOnlyList<ConfigError> Errors)
{
    public bool Ok => Errors.Count == 0;
}
