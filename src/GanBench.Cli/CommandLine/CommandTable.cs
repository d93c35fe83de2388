using GanBench.Cli.Commands;
using Spectre.Console.Cli;

namespace GanBench.Cli.CommandLine;

/// <summary>A registered command as routing, usage lines and error messages see it.</summary>
/// <param name="Path">The words that name it: "run", "metrics w1".</param>
internal sealed record CommandEntry(string Path, Type SettingsType, bool Hidden)
{
    public IReadOnlyList<CommandArgumentAttribute> Arguments => SettingsShape.Arguments(SettingsType);

    public string Usage => SettingsShape.Usage(Path, SettingsType);
}

/// <summary>
/// Registers commands with Spectre.Console.Cli and remembers each registration, so that the router
/// and the error messages know exactly the commands and options the parser knows.
/// </summary>
internal sealed class CommandTable
{
    private readonly List<CommandEntry> _entries = [];

    public void Add<TCommand>(IConfigurator app, string name, string description, bool hidden = false)
        where TCommand : class, ICommand
    {
        var command = app.AddCommand<TCommand>(name).WithDescription(description);
        if (hidden) command.IsHidden();
        _entries.Add(new CommandEntry(name, SettingsOf(typeof(TCommand)), hidden));
    }

    public void Add<TCommand>(IConfigurator<CommandSettings> branch, string branchName, string name, string description)
        where TCommand : class, ICommandLimiter<CommandSettings>
    {
        branch.AddCommand<TCommand>(name).WithDescription(description);
        _entries.Add(new CommandEntry($"{branchName} {name}", SettingsOf(typeof(TCommand)), Hidden: false));
    }

    public CommandEntry? Find(string path) => _entries.FirstOrDefault(e => e.Path == path);

    /// <summary>The first word of every listed command: what a user may type first.</summary>
    public IReadOnlyList<string> ListedNames =>
        _entries.Where(e => !e.Hidden).Select(e => e.Path.Split(' ')[0]).Distinct().ToList();

    /// <summary>The commands below a branch such as "metrics".</summary>
    public IReadOnlyList<CommandEntry> Children(string branch) =>
        _entries.Where(e => e.Path.StartsWith(branch + " ", StringComparison.Ordinal)).ToList();

    private static Type SettingsOf(Type command)
    {
        for (var type = command; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Command<>))
                return type.GetGenericArguments()[0];
        throw new ArgumentException($"{command.Name} is not a Command<TSettings>", nameof(command));
    }
}
