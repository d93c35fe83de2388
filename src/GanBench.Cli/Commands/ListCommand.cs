using GanBench.Core.Config;
using GanBench.Core.Results;

namespace GanBench.Cli.Commands;

/// <summary>`list`: every registered dataset preset, component and metric, with parameters and defaults.</summary>
public sealed class ListCommand : ICommand
{
    public string Name => "list";
    public string Usage => "list";
    public string Summary => "name the registered datasets, losses, penalties and metrics";

    public int Execute(IReadOnlyList<string> args, CliConsole console)
    {
        CommandLine.Parse(Name, args, []).ExpectPositionals(Name, 0, 0, Usage);
        var catalog = BuiltinCatalog.Create();
        console.Line("datasets:");
        foreach (var name in DatasetPresets.Names)
            console.Line($"  {name,-16} {Describe(DatasetPresets.Get(name)!)}");
        console.Line($"  {"(mapping)",-16} {{type: ring|grid|mixture|swissroll, ...}}: see README, 'datasets'");
        foreach (var kind in new[] { ComponentKind.Objective, ComponentKind.Penalty, ComponentKind.Shorthand })
        {
            console.Line(kind switch { ComponentKind.Objective => "losses (loss:):", ComponentKind.Penalty => "penalties (penalty:):", _ => "shorthands (loss:):" });
            foreach (var d in catalog.All.Where(d => d.Kind == kind))
            {
                console.Line($"  {d.Name,-16} {d.Description}");
                foreach (var p in d.Parameters)
                    console.Line($"  {"",-16}   {p.Key} = {p.Default.ToString(System.Globalization.CultureInfo.InvariantCulture)}  {p.Description}");
            }
        }
        console.Line("metrics:");
        foreach (var m in MetricCatalog.Known)
            console.Line($"  {m.Name,-22} {DirectionWord(m.Direction),-7} {m.Description}");
        return ExitCodes.Success;
    }

    private static string Describe(DatasetSpec d) => d.Means.Count > 0
        ? $"{d.Type}: {d.Means.Count} Gaussian modes, std {d.Std.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} (after scaling)"
        : $"{d.Type}: noise {d.Noise.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}, scaled by 1/{d.Scale.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}";

    private static string DirectionWord(MetricDirection d) => d switch
    {
        MetricDirection.HigherIsBetter => "higher",
        MetricDirection.LowerIsBetter => "lower",
        _ => "",
    };
}
