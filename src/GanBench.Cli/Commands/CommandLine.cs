using GanBench.Core.Config;

namespace GanBench.Cli.Commands;

/// <summary>
/// Parsed arguments of one command: positionals in order, options as --name value or --flag.
/// Unknown options are rejected with the nearest valid name.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    public IReadOnlyList<string> Positionals { get; }

    private CommandLine(List<string> positionals) => Positionals = positionals;

    /// <param name="valueOptions">Options that take a value.</param>
    /// <param name="flagOptions">Options that take none.</param>
    public static CommandLine Parse(string command, IEnumerable<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string>? flagOptions = null)
    {
        flagOptions ??= [];
        var positionals = new List<string>();
        var line = new CommandLine(positionals);
        var problems = new List<string>();
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positionals.Add(arg);
                continue;
            }
            var name = arg[2..];
            string? inlineValue = null;
            int eq = name.IndexOf('=');
            if (eq >= 0) { inlineValue = name[(eq + 1)..]; name = name[..eq]; }
            if (valueOptions.Contains(name))
            {
                if (inlineValue is null)
                {
                    if (i + 1 >= list.Count || list[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        problems.Add($"error: {command}: option --{name} needs a value");
                        continue;
                    }
                    inlineValue = list[++i];
                }
                if (!line._options.TryAdd(name, inlineValue))
                    problems.Add($"error: {command}: option --{name} is given more than once");
            }
            else if (flagOptions.Contains(name) && inlineValue is null)
            {
                line._options[name] = null;
            }
            else
            {
                var valid = valueOptions.Concat(flagOptions).ToList();
                var hint = Suggest.Nearest(name, valid) is { } near ? $"; did you mean --{near}?" : "";
                var list2 = valid.Count == 0 ? "it takes no options" : "valid: " + string.Join(", ", valid.Order().Select(v => "--" + v));
                problems.Add($"error: {command}: unknown option --{name}{hint} ({list2})");
            }
        }
        if (problems.Count > 0) throw new UsageException(problems);
        return line;
    }

    public string? Option(string name) => _options.TryGetValue(name, out var v) ? v : null;
    public bool Flag(string name) => _options.ContainsKey(name);

    public void ExpectPositionals(string command, int min, int max, string usage)
    {
        if (Positionals.Count < min || Positionals.Count > max)
            throw new UsageException($"error: {command}: expected {(min == max ? min.ToString() : $"{min} to {max}")} argument(s), got {Positionals.Count}; usage: {usage}");
    }
}
