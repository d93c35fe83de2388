using GanBench.Cli.Commands;
using GanBench.Core.Config;

namespace GanBench.Cli.CommandLine;

/// <summary>What to hand Spectre.Console.Cli: the arguments, the command they reach (null for the
/// program's own help) and, for that help, the exit code.</summary>
internal sealed record Route(IReadOnlyList<string> Arguments, CommandEntry? Command, int HelpExitCode = ExitCodes.Success)
{
    public static Route Help(int exitCode) => new(["--help"], null, exitCode);
}

/// <summary>
/// Picks the command before Spectre parses: `ganbench experiment.yaml …` is `run`, no arguments
/// is the help with exit code 2, and a mistyped command or subcommand is one line with the nearest
/// name instead of Spectre's guess that it might be an experiment file.
/// </summary>
internal sealed class CommandRouter(CommandTable table)
{
    private static IReadOnlyList<string> HelpOptions => SettingsShape.HelpOptions;

    public Route Resolve(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return Route.Help(ExitCodes.InvalidInput);
        var first = args[0];
        if (first == "help" || HelpOptions.Contains(first)) return Route.Help(ExitCodes.Success);
        if (table.Children(first) is { Count: > 0 } children) return Subcommand(first, children, args);
        if (table.Find(first) is { } command) return new Route(args, command);
        if (LooksLikeExperiment(first)) return new Route([RunCommand.Name, .. args], table.Find(RunCommand.Name));
        throw new UsageException($"error: unknown command '{first}'{Hint(first, table.ListedNames)} (commands: {string.Join(", ", table.ListedNames)}, or an experiment .yaml file)");
    }

    /// <summary>An option first runs the default command, as does a file name: .yaml, .yml or any file that exists.</summary>
    private static bool LooksLikeExperiment(string first) =>
        first.StartsWith("--", StringComparison.Ordinal)
        || first.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || first.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || File.Exists(first);

    private static Route Subcommand(string branch, IReadOnlyList<CommandEntry> children, IReadOnlyList<string> args)
    {
        if (args.Count > 1 && HelpOptions.Contains(args[1])) return new Route(args, null);
        var chosen = args.Count > 1 ? children.FirstOrDefault(c => c.Path == $"{branch} {args[1]}") : null;
        if (chosen is not null) return new Route(args, chosen);
        var names = children.Select(c => c.Path[(branch.Length + 1)..]).ToList();
        var got = args.Count > 1 ? $", got '{args[1]}'{Hint(args[1], names)}" : "";
        throw new UsageException($"error: {branch}: expected {string.Join(" or ", names.Select(n => $"'{n}'"))}{got}; usage: {string.Join(" | ", children.Select(c => c.Usage))}");
    }

    private static string Hint(string typed, IEnumerable<string> names) =>
        Suggest.Nearest(typed, names) is { } near ? $"; did you mean '{near}'?" : "";
}
