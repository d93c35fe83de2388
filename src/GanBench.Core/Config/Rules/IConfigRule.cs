namespace GanBench.Core.Config.Rules;

/// <summary>
/// What a cross-field rule sees: the experiment as read so far (sections that failed stand at
/// their defaults), which key paths the file wrote, and whether every dataset read cleanly.
/// </summary>
public sealed record RuleContext(ExperimentConfig Config, IReadOnlySet<string> Written, bool DatasetsComplete);

/// <summary>A broken rule, at the key path whose node the error points to ("model", "eval.image_samples").</summary>
public sealed record RuleViolation(string KeyPath, string Message);

/// <summary>
/// One rule that spans sections (a conv network needs image data; a protocol needs point data).
/// Each is a small class in this folder; <see cref="ConfigRules"/> finds them, and the reader
/// reports every violation with the location of its key, together with all other problems.
/// </summary>
public interface IConfigRule
{
    /// <summary>Rules report in this order (lower first), so the same file gives the same lines.</summary>
    int Order { get; }
    IEnumerable<RuleViolation> Check(RuleContext context);
}

/// <summary>Every <see cref="IConfigRule"/> of this assembly, in order.</summary>
public static class ConfigRules
{
    private static readonly Lazy<IReadOnlyList<IConfigRule>> Found = new(() => typeof(IConfigRule).Assembly.GetTypes()
        .Where(t => typeof(IConfigRule).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
        .Select(t => (IConfigRule)Activator.CreateInstance(t)!)
        .OrderBy(r => r.Order).ToList());

    public static IReadOnlyList<IConfigRule> All => Found.Value;

    public static IEnumerable<RuleViolation> Check(RuleContext context) => All.SelectMany(r => r.Check(context));

    /// <summary>"fashion_mnist, stacked_fashion_mnist": the image kinds, for messages.</summary>
    internal static string ImageTypes => string.Join(", ", Datasets.DatasetKinds.All.Where(k => k.IsImage).Select(k => k.Type));

    internal static string Are(int count, string one, string many) => count == 1 ? one : many;
}
