namespace GanBench.Cli.Commands;

/// <summary>One verb of the command line. Each command parses and validates its own typed settings.</summary>
public interface ICommand
{
    string Name { get; }
    string Usage { get; }
    string Summary { get; }
    int Execute(IReadOnlyList<string> args, CliConsole console);
}

public sealed class CommandSet
{
    private readonly List<ICommand> _commands;
    private readonly ICommand _default;

    private CommandSet(List<ICommand> commands, ICommand defaultCommand)
    {
        _commands = commands;
        _default = defaultCommand;
    }

    public static CommandSet Create()
    {
        var run = new RunCommand();
        return new CommandSet([run, new ValidateCommand(), new ListCommand(), new MetricsCommand(), new ReportCommand(), new MergeCommand(), new ClaimsCommand(), new WorkerCommand()], run);
    }

    public int Dispatch(IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(console);
            return args.Count == 0 ? ExitCodes.InvalidInput : ExitCodes.Success;
        }
        var named = _commands.FirstOrDefault(c => c.Name == args[0]);
        if (named is not null)
            return named.Execute(args.Skip(1).ToList(), console);
        // `ganbench experiment.yaml ...` runs the experiment; anything else that isn't a file is a mistyped verb.
        if (args[0].StartsWith("--", StringComparison.Ordinal) || args[0].EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || args[0].EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || File.Exists(args[0]))
            return _default.Execute(args, console);
        var hint = Core.Config.Suggest.Nearest(args[0], _commands.Select(c => c.Name)) is { } near ? $"; did you mean '{near}'?" : "";
        throw new UsageException($"error: unknown command '{args[0]}'{hint} (commands: {string.Join(", ", _commands.Where(c => c is not WorkerCommand).Select(c => c.Name))}, or an experiment .yaml file)");
    }

    private void PrintHelp(CliConsole console)
    {
        console.Line("GanBench: a loss-ablation benchmark harness for GANs.");
        console.Line("");
        console.Line("usage:");
        var listed = _commands.Where(c => c is not WorkerCommand).ToList();
        foreach (var c in listed)
            console.Line($"  {c.Usage}");
        console.Line("");
        foreach (var c in listed)
            console.Line($"  {c.Name,-10} {c.Summary}");
        console.Line("");
        console.Line("exit codes: 0 done (diverged trials included), 2 invalid input, 1 anything else");
    }
}
