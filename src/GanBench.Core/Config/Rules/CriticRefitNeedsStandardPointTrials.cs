namespace GanBench.Core.Config.Rules;

/// <summary>
/// The critic refit runs inside the standard schedule's evaluations and reads its gap next to exact
/// W1, which only point data has; anywhere else it would silently do nothing, so say so instead.
/// </summary>
public sealed class CriticRefitNeedsStandardPointTrials : IConfigRule
{
    private const string Key = "eval.critic_refit";

    public int Order => 40;

    public IEnumerable<RuleViolation> Check(RuleContext context)
    {
        if (!context.Written.Contains(Key)) yield break;
        var config = context.Config;
        if (!config.Protocol.IsStandard)
            yield return new(Key, $"{Key} runs in the evaluations of the standard protocol, not protocol kind {config.Protocol.Kind}; remove it or the protocol");
        var images = config.Datasets.Where(d => d.IsImage).Select(d => d.Name).ToList();
        if (images.Count > 0)
            yield return new(Key, $"{Key} compares the refit critic with exact W1, which only 2-D point datasets have; {string.Join(", ", images)} {ConfigRules.Are(images.Count, "is an image dataset", "are image datasets")}");
    }
}
