using GanBench.Cli.Commands;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace GanBench.Cli.CommandLine;

/// <summary>
/// Turns what Spectre.Console.Cli throws about the command line into the project's one-line
/// problems ("error: run: option --out needs a value"), exit code 2.
/// Spectre's exceptions carry only a message, so the messages of the pinned version are matched
/// here, each by a test; an unmatched message still becomes one line, in Spectre's own words.
/// </summary>
internal static partial class SpectreErrors
{
    public static UsageException ToUsage(CommandRuntimeException error, Route route)
    {
        var lines = error.Message.Split('\n');
        // Validate() of the settings and commands already speaks the project's format.
        if (lines.All(l => l.StartsWith("error: ", StringComparison.Ordinal)))
            return new UsageException(lines);
        return new UsageException(route.Command is { } command ? Translate(error.Message, command, route.Arguments) : [$"error: {Sentence(error.Message)}"]);
    }

    private static IReadOnlyList<string> Translate(string message, CommandEntry command, IReadOnlyList<string> args)
    {
        string verb = command.Path;
        if (OptionWithoutValue().Match(message) is { Success: true } noValue)
            return [$"error: {verb}: option --{noValue.Groups["name"].Value} needs a value"];
        if (message.StartsWith("Expected an option value", StringComparison.Ordinal) && args.FirstOrDefault(a => a.StartsWith('-') && a.EndsWith('=')) is { } empty)
            return [$"error: {verb}: option {empty.TrimEnd('=')} needs a value"];
        if (message.StartsWith("Flags cannot be assigned a value", StringComparison.Ordinal) && SettingsShape.FlagGivenAValue(args, command.SettingsType) is { } flag)
            return [$"error: {verb}: {flag.Split('=', ':')[0]} is a flag and takes no value; got '{flag}'"];
        int expected = command.Arguments.Count(a => a.IsRequired);
        if (MissingArgument().Match(message) is { Success: true } missing)
        {
            // An unknown option takes the next word as its value, so it is the likelier mistake.
            var unknown = SettingsShape.Undeclared(args, command.SettingsType).Select(o => SettingsShape.UnknownOption(verb, command.SettingsType, o)).ToList();
            if (unknown.Count > 0) return unknown;
            int given = command.Arguments.ToList().FindIndex(a => a.ValueName == missing.Groups["name"].Value);
            return [$"error: {verb}: expected {expected} argument(s), got {Math.Max(0, given)}; usage: {command.Usage}"];
        }
        if (ExtraArgument().Match(message) is { Success: true } extra)
            return [$"error: {verb}: expected {expected} argument(s), but '{extra.Groups["value"].Value}' is one more; usage: {command.Usage}"];
        return [$"error: {verb}: {Sentence(message)}"];
    }

    /// <summary>"Flags cannot be assigned a value." → "flags cannot be assigned a value".</summary>
    private static string Sentence(string message)
    {
        var text = message.Trim().TrimEnd('.');
        return text.Length == 0 ? "the command line could not be read" : char.ToLowerInvariant(text[0]) + text[1..];
    }

    [GeneratedRegex(@"^Option '(?<name>.+)' is defined but no value has been provided\.$")]
    private static partial Regex OptionWithoutValue();

    [GeneratedRegex(@"[Mm]issing required argument '(?<name>.+)'\.$")]
    private static partial Regex MissingArgument();

    [GeneratedRegex(@"^(Could not match '(?<value>.*)' with an argument|Unknown command '(?<value>.*)')\.$")]
    private static partial Regex ExtraArgument();
}
