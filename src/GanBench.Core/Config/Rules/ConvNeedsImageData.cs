namespace GanBench.Core.Config.Rules;

/// <summary>A convolutional network reads and writes 28×28 images, so it cannot train on 2-D points.</summary>
public sealed class ConvNeedsImageData : IConfigRule
{
    public int Order => 10;

    public IEnumerable<RuleViolation> Check(RuleContext context)
    {
        var (model, datasets) = (context.Config.Model, context.Config.Datasets);
        if (!context.Written.Contains("model") || (model.Generator.Type != NetworkConfig.Conv && model.Critic.Type != NetworkConfig.Conv)) yield break;
        var points = datasets.Where(d => !d.IsImage).Select(d => d.Name).ToList();
        if (points.Count > 0)
            yield return new("model", $"model: type conv works on 28×28 image datasets ({ConfigRules.ImageTypes}), but {string.Join(", ", points)} {ConfigRules.Are(points.Count, "is", "are")} 2-D point data; use type mlp or put the image datasets in their own experiment");
    }
}
