using GanBench.Training.Components;
using GanBench.Core.Config;
using GanBench.Core.Results;

namespace GanBench.Cli.Application;

/// <summary>`list`: every registered dataset preset, component and metric, with parameters and defaults.</summary>
public static class ComponentListing
{
    /// <param name="pluginPaths">Plugin assemblies whose components are listed with the built-in ones.</param>
    public static void Write(IReadOnlyList<string> pluginPaths, CliConsole console)
    {
        var (catalog, _) = ExperimentInput.Components(ExperimentInput.LoadPlugins(pluginPaths.Select(Path.GetFullPath).ToList()));
        console.Line("datasets:");
        foreach (var text in Core.Datasets.DatasetCatalogText.Lines()) console.Line("  " + text);
        foreach (var kind in new[] { ComponentKind.Objective, ComponentKind.Penalty, ComponentKind.Shorthand })
        {
            console.Line(kind switch { ComponentKind.Objective => "losses (loss:):", ComponentKind.Penalty => "penalties (penalty:):", _ => "shorthands (loss:):" });
            foreach (var d in catalog.All.Where(d => d.Kind == kind))
            {
                console.Line($"  {d.Name,-16} {d.Description}");
                if (d.Expansion is { } e)
                    console.Line($"  {"",-16}   expands to: {Expansion(e)}");
                foreach (var p in d.Parameters)
                    console.Line($"  {"",-16}   {p.Key} = {p.Default.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({p.Range}{(p.Integer ? ", whole number" : "")})  {p.Description}");
            }
        }
        console.Line("arm keys for any loss: penalty_weight (>= 0, default 10 with a penalty), clip (> 0), clip_mode (after|before, default after),");
        console.Line("  instance_noise (sigma >= 0), instance_noise_schedule (constant|linear, default constant), critic_steps, optimizer, name");
        console.Line($"  r1, r2, r1r2: {GanBench.Training.Components.Penalties.ZeroCentred.Convention}");
        console.Line("metrics:");
        foreach (var m in MetricCatalog.Known)
            console.Line($"  {m.Name,-22} {DirectionWord(m.Direction),-7} {m.Description}");
    }

    /// <summary>The same words validate prints: loss, penalty and the defaults a shorthand fills in.</summary>
    internal static string Expansion(ShorthandExpansion e) =>
        $"loss: {e.Objective}, penalty: {e.Penalty}" +
        (e.PenaltyWeight is { } w ? $", penalty_weight: {w.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "") +
        (e.Clip is { } c ? $", clip: {c.ToString(System.Globalization.CultureInfo.InvariantCulture)}, clip_mode: after" : "");

    private static string DirectionWord(MetricDirection d) => d switch
    {
        MetricDirection.HigherIsBetter => "higher",
        MetricDirection.LowerIsBetter => "lower",
        _ => "",
    };
}
