using Spectre.Console;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

/// <summary>
/// A command of this program: its settings are checked by Spectre.Console.Cli (bound and then
/// validated by <see cref="GanBenchSettings"/>) and it hands them to the application layer.
/// Commands whose only outcomes are "done" (exit 0) or an error derive from
/// <see cref="GanBenchCommand{TSettings}"/>; a command with an outcome of its own (compare's
/// "regression found", exit 3) derives from this class and returns its exit code itself.
/// </summary>
public abstract class GanBenchCommandBase<TSettings> : Command<TSettings> where TSettings : GanBenchSettings
{
    /// <summary>
    /// What Spectre accepts but the command would ignore: unknown options (parsing is relaxed, see
    /// CommandLine.CliApplication), a value option given twice, arguments after "--".
    /// </summary>
    public sealed override ValidationResult Validate(CommandContext context, TSettings settings)
    {
        var afterSeparator = context.Remaining.Raw;
        var problems = context.Remaining.Parsed.Select(option => option.Key)
            .Where(option => !afterSeparator.Contains(option))
            .Select(option => SettingsShape.UnknownOption(settings.Verb, typeof(TSettings), option))
            .Concat(SettingsShape.Repeated(context.Arguments, typeof(TSettings)).Select(option => $"error: {settings.Verb}: option --{option} is given more than once"))
            .ToList();
        if (afterSeparator.Count > 0)
            problems.Add($"error: {settings.Verb}: unexpected argument(s) after --: {string.Join(' ', afterSeparator)}");
        return GanBenchSettings.ResultOf(problems);
    }

}

/// <summary>A command that either finishes (exit 0) or throws.</summary>
public abstract class GanBenchCommand<TSettings> : GanBenchCommandBase<TSettings> where TSettings : GanBenchSettings
{
    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        Run(settings);
        return ExitCodes.Success;
    }

    /// <summary>The one call into the application layer; invalid input is thrown as a <see cref="UsageException"/>.</summary>
    protected abstract void Run(TSettings settings);
}
