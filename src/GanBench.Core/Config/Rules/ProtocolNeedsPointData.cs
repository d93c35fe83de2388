namespace GanBench.Core.Config.Rules;

/// <summary>The protocols probe an MLP critic's hidden layers and a 2-D "generator"; they are point-data experiments.</summary>
public sealed class ProtocolNeedsPointData : IConfigRule
{
    public int Order => 30;

    public IEnumerable<RuleViolation> Check(RuleContext context)
    {
        var (protocol, datasets) = (context.Config.Protocol, context.Config.Datasets);
        var images = datasets.Where(d => d.IsImage).Select(d => d.Name).ToList();
        if (context.Written.Contains("protocol") && !protocol.IsStandard && images.Count > 0)
            yield return new("protocol", $"protocol: kind {protocol.Kind} runs on 2-D point datasets only; {string.Join(", ", images)} {ConfigRules.Are(images.Count, "is an image dataset", "are image datasets")}");
    }
}
