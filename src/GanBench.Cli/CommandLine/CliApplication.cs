using GanBench.Cli.Commands;
using GanBench.Cli.Workers;
using Spectre.Console.Cli;

namespace GanBench.Cli.CommandLine;

/// <summary>
/// The command line on Spectre.Console.Cli: the commands, their help, and the rules that keep the
/// project's error contract (one line per problem, exit code 2, no stack trace) whatever Spectre
/// would print or return on its own.
/// </summary>
public static class CliApplication
{
    public const string ApplicationName = "ganbench";

    /// <exception cref="UsageException">Invalid input, already in the project's one-line format.</exception>
    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        var table = new CommandTable();
        var app = new CommandApp();
        app.Configure(config => Configure(config, table, console));
        var route = new CommandRouter(table).Resolve(args);
        try
        {
            int code = app.Run(route.Arguments);
            return route.Command is null ? route.HelpExitCode : code;
        }
        catch (CommandRuntimeException e)
        {
            throw SpectreErrors.ToUsage(e, route);
        }
    }

    private static void Configure(IConfigurator config, CommandTable table, CliConsole console)
    {
        config.SetApplicationName(ApplicationName);
        config.ConfigureConsole(console.Terminal);
        config.Settings.Registrar.RegisterInstance(console);
        // Exceptions reach Run above and Program.Run, which print them in the project's format;
        // Spectre would print its own multi-line panel and return -1.
        config.PropagateExceptions();
        // Parsing stays relaxed: unknown options are collected and reported by GanBenchCommand.
        // Strict parsing would, on any parse error, retry with a placeholder command name inserted
        // at each position, so `run x.yaml --out` ran into a folder named "__default_command".
        config.SetHelpProvider(new GanBenchHelp(config.Settings));
        config.ValidateExamples();
        config.AddExample("run", "experiments/wgan-vs-gp.yaml", "--jobs", "2", "--device", "cpu");
        config.AddExample("merge", "results/smoke");
        config.AddExample("compare", "results/tonight", "--against", "results/reference");
        config.AddExample("history", "add", "results/tonight", "--label", "3fa2c91");
        AddCommands(config, table);
    }

    private static void AddCommands(IConfigurator config, CommandTable table)
    {
        table.Add<RunCommand>(config, RunCommand.Name, "train every trial of an experiment (or one 0-based shard of it); resumes into an existing results folder");
        table.Add<ValidateCommand>(config, ValidateCommand.Name, "check an experiment file and list its expanded trials, without training");
        table.Add<ListCommand>(config, ListCommand.Name, "name the registered datasets, losses, penalties and metrics (and those of plugins)");
        config.AddBranch("metrics", metrics =>
        {
            metrics.SetDescription("score samples from any generator with GanBench's metric definitions (JSON)");
            table.Add<MetricsW1Command>(metrics, "metrics", MetricsW1Command.Name, "exact and sliced W1 between two samples");
            table.Add<MetricsModesCommand>(metrics, "metrics", MetricsModesCommand.Name, "mode coverage, HQ fraction, reverse KL and W1 of a sample of a mixture dataset");
        });
        table.Add<ReportCommand>(config, ReportCommand.Name, "rebuild summary.md/csv, plots/*.png and report.md from a results folder, without training");
        table.Add<MergeCommand>(config, MergeCommand.Name, "merge the shards of a results folder (shards/<i>-of-<n>/) and build its reports");
        table.Add<CompareCommand>(config, CompareCommand.Name, "the regression gate: compare a results folder with a reference run (or its arms with a baseline arm); exit 3 on a regression");
        table.Add<CompareBenchCommand>(config, CompareBenchCommand.Name, "the same gate for BenchmarkDotNet timings: compare a JSON report with a reference report, case by case; exit 3 when one got slower");
        config.AddBranch("history", history =>
        {
            history.SetDescription("the results history of nightly sweeps (SQLite): add runs, show trends, export, rebuild");
            table.Add<HistoryAddCommand>(history, "history", HistoryAddCommand.Name, "append a finished results folder to the history (--label names the run)");
            table.Add<HistoryShowCommand>(history, "history", HistoryShowCommand.Name, "per arm, dataset and metric, the trend over the last runs: a table and plots");
            table.Add<HistoryExportCommand>(history, "history", HistoryExportCommand.Name, "write the whole history as one CSV");
            table.Add<HistoryRebuildCommand>(history, "history", HistoryRebuildCommand.Name, "write a new history file from results folders");
        });
        table.Add<ClaimsCommand>(config, ClaimsCommand.Name, "run the claim experiments (experiments/claims) and write their verdicts to results/claims/claims.md");
        table.Add<WorkerCommand>(config, WorkerLoop.Verb, "(internal) train trials for a sweep's --jobs", hidden: true);
    }
}
