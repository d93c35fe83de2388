using System.Reflection;
using GanBench.Core.Config;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

/// <summary>
/// The arguments and options a settings class declares, read from the same attributes Spectre
/// parses with, for the messages Spectre does not write the project's way: usage lines, unknown
/// and repeated options.
/// </summary>
internal static class SettingsShape
{
    /// <summary>Spectre's help options; "help" as the first word is the router's.</summary>
    public static readonly IReadOnlyList<string> HelpOptions = ["-h", "--help", "-?"];

    public static IReadOnlyList<CommandArgumentAttribute> Arguments(Type settings) =>
        Attributes<CommandArgumentAttribute>(settings).OrderBy(a => a.Position).ToList();

    public static IReadOnlyList<CommandOptionAttribute> Options(Type settings) =>
        Attributes<CommandOptionAttribute>(settings).Where(o => !o.IsHidden).ToList();

    /// <summary>"run &lt;experiment.yaml&gt; [--out DIR] [--plain] …".</summary>
    public static string Usage(string path, Type settings) => string.Join(' ', new[] { path }
        .Concat(Arguments(settings).Select(a => a.IsRequired ? $"<{a.ValueName}>" : $"[{a.ValueName}]"))
        .Concat(Options(settings).Select(o => o.ValueName is null ? $"[--{o.LongNames[0]}]" : $"[--{o.LongNames[0]} {o.ValueName}]")));

    /// <param name="written">The option as typed, without a value: "--shards", "-x".</param>
    public static string UnknownOption(string verb, Type settings, string written)
    {
        var valid = Options(settings).Select(o => o.LongNames[0]).ToList();
        var hint = Suggest.Nearest(written.TrimStart('-'), valid) is { } near ? $"; did you mean --{near}?" : "";
        var list = valid.Count == 0 ? "it takes no options" : "valid: " + string.Join(", ", valid.Order(StringComparer.Ordinal).Select(v => "--" + v));
        return $"error: {verb}: unknown option {written}{hint} ({list})";
    }

    /// <summary>
    /// Options that take a value and are given more than once: Spectre keeps the last, which would
    /// silently drop the first (`--out a --out b`). Arguments after "--" are not options. An option
    /// bound to an array (compare's --min-effect) collects every value, so repeating it is its use.
    /// </summary>
    public static IEnumerable<string> Repeated(IEnumerable<string> args, Type settings)
    {
        var valued = settings.GetProperties().Where(p => !p.PropertyType.IsArray)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Where(o => o is { IsHidden: false, ValueName: not null })
            .SelectMany(o => o!.LongNames).ToHashSet(StringComparer.Ordinal);
        return args.TakeWhile(a => a != "--")
            .Where(a => a.StartsWith("--", StringComparison.Ordinal))
            .Select(a => a[2..].Split('=', ':')[0])
            .Where(valued.Contains)
            .GroupBy(name => name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);
    }

    /// <summary>
    /// Options typed before "--" that the settings do not declare, as Spectre's tokenizer reads them
    /// ("-1" is a value, not an option). For errors Spectre raises before it reports them itself.
    /// </summary>
    public static IEnumerable<string> Undeclared(IEnumerable<string> args, Type settings)
    {
        var declared = Options(settings).SelectMany(o => o.LongNames.Select(n => "--" + n).Concat(o.ShortNames.Select(n => "-" + n))).ToHashSet(StringComparer.Ordinal);
        return args.TakeWhile(a => a != "--")
            .Where(a => a.Length > 1 && a[0] == '-' && !char.IsDigit(a[1]))
            .Select(a => a.Split('=', ':')[0])
            .Where(option => !declared.Contains(option) && !HelpOptions.Contains(option))
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>The flag among <paramref name="args"/> that was given a value ("--plain=yes"), if any.</summary>
    public static string? FlagGivenAValue(IEnumerable<string> args, Type settings)
    {
        var flags = Options(settings).Where(o => o.ValueName is null).SelectMany(o => o.LongNames).ToList();
        return args.FirstOrDefault(a => flags.Any(f => a.StartsWith($"--{f}=", StringComparison.Ordinal) || a.StartsWith($"--{f}:", StringComparison.Ordinal)));
    }

    private static IEnumerable<T> Attributes<T>(Type settings) where T : Attribute =>
        settings.GetProperties().Select(p => p.GetCustomAttribute<T>()).OfType<T>();
}
