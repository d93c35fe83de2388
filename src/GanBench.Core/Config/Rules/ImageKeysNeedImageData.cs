namespace GanBench.Core.Config.Rules;

/// <summary>Image-only settings on a point-only experiment would do nothing; say so instead of ignoring them.</summary>
public sealed class ImageKeysNeedImageData : IConfigRule
{
    public static readonly string[] ImageOnlyKeys = ["data_dir", "eval.image_samples", "eval.classifier"];

    public int Order => 20;

    public IEnumerable<RuleViolation> Check(RuleContext context)
    {
        if (!context.DatasetsComplete || context.Config.Datasets.Any(d => d.IsImage)) yield break;
        foreach (var key in ImageOnlyKeys.Where(context.Written.Contains))
            yield return new(key, $"{key} applies to image datasets ({ConfigRules.ImageTypes}) and this experiment has none; remove it");
    }
}
