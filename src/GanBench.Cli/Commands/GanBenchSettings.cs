using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GanBench.Cli.Commands;

/// <summary>
/// Settings every command's settings derive from: a value Spectre bound that the command cannot use
/// is a problem line in the project's format ("error: run: --jobs 'x' must be …"), all of them at
/// once, before anything runs. Options whose message must quote a bad value are bound as text
/// (JobsText, SeedText, …) and read through a typed property once Validate() has accepted them:
/// Spectre's own conversion error cannot say which option it was converting.
/// </summary>
public abstract class GanBenchSettings : CommandSettings
{
    /// <summary>The command as its messages name it: "run", "metrics w1".</summary>
    public abstract string Verb { get; }

    public sealed override ValidationResult Validate() => ResultOf(Problems().ToList());

    /// <summary>Problem lines as Spectre carries them to CommandLine.SpectreErrors: one message, a line each.</summary>
    public static ValidationResult ResultOf(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join('\n', problems));

    /// <summary>One line per problem with the bound values; a derived class adds its own to its base's.</summary>
    protected virtual IEnumerable<string> Problems() => [];

    /// <summary>A whole number ≥ <paramref name="minimum"/>, as options such as --jobs and --step take it.</summary>
    public static bool TryWholeNumber(string text, int minimum, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= minimum;

    /// <summary>The value of an option whose text <see cref="Problems"/> has accepted.</summary>
    protected static int? WholeNumber(string? text) => text is null ? null : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
