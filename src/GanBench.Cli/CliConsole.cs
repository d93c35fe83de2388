using Spectre.Console;

namespace GanBench.Cli;

/// <summary>
/// Where commands write; tests pass their own writers. Plain lines and Spectre's output (help,
/// tables, live progress) go to the same standard output writer, so nothing a command prints can
/// bypass the writer it was given.
/// </summary>
public sealed class CliConsole
{
    private readonly TextWriter _stderr;
    private readonly bool _isProcessTerminal;

    public CliConsole(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        _stderr = stderr;
        _isProcessTerminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        Terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            // A redirected writer (a file, a pipe, a test's StringWriter) gets text without escape codes.
            Ansi = _isProcessTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = _isProcessTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = _isProcessTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }

    public TextWriter Out { get; }

    /// <summary>Spectre.Console over <see cref="Out"/>.</summary>
    public IAnsiConsole Terminal { get; }

    /// <summary>Standard output is this process's own terminal and can redraw in place.</summary>
    public bool IsInteractiveTerminal => _isProcessTerminal && Terminal.Profile.Capabilities is { Interactive: true, Ansi: true };

    public void Line(string text) => Out.WriteLine(text);

    public void Error(string text) => _stderr.WriteLine(text);
}
