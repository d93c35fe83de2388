using GanBench.Cli.CommandLine;

namespace GanBench.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Exit codes: 0 done (diverged trials included), 2 invalid input, 3 compare or compare-bench found a regression,
    /// 1 anything else. Errors are
    /// one line per problem without a stack trace; set GANBENCH_DEBUG=1 to see traces.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var console = new CliConsole(stdout, stderr);
        try
        {
            return CliApplication.Run(args, console);
        }
        catch (UsageException e)
        {
            foreach (var line in e.Problems)
                console.Error(line);
            return ExitCodes.InvalidInput;
        }
        catch (Exception e)
        {
            console.Error($"error: {e.Message}");
            if (Environment.GetEnvironmentVariable("GANBENCH_DEBUG") == "1")
                stderr.WriteLine(e);
            return ExitCodes.Failure;
        }
    }
}

public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
    /// <summary>`compare`'s gate fired: a result, not an error, so that CI can tell it from a crash (1) and a bad call (2).</summary>
    public const int RegressionFound = 3;

    /// <summary>The line the help footer and the README give.</summary>
    public const string Legend = "exit codes: 0 done (diverged trials included), 2 invalid input, 3 compare or compare-bench found a regression, 1 anything else";
}

/// <summary>Bad input from the user: every problem is reported, each on its own line, and the process exits 2.</summary>
public sealed class UsageException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public UsageException(string problem) : this([problem]) { }
    public IReadOnlyList<string> Problems { get; } = problems;
}
