using GanBench.Cli.Output;
using GanBench.Core.Results;
using Spectre.Console;

namespace GanBench.Cli.Tests;

/// <summary>The plain lines of a CI log and a terminal's tables are two outputs of one selection of cells.</summary>
public class SummaryRendererTests
{
    private static TrialRecord Trial(string arm, int seed, TrialStatus status, double? w1) =>
        new($"ring8-{arm}-{seed}", arm, "ring8", seed, status, new Dictionary<string, double?> { ["w1_exact"] = w1, ["modes_covered"] = w1 is null ? null : 8 });

    private static SummaryModel Model() => SummaryModel.Build(
    [
        Trial("wgan", 0, TrialStatus.Ok, 0.1), Trial("wgan", 1, TrialStatus.Ok, 0.2), Trial("wgan", 2, TrialStatus.Diverged, null),
        Trial("minimax", 0, TrialStatus.Ok, 0.5), Trial("minimax", 1, TrialStatus.Failed, null), Trial("minimax", 2, TrialStatus.Timeout, null),
    ], []);

    [Fact]
    public void Plain_text_and_terminal_tables_show_the_same_cells_and_count_a_timeout_as_failed()
    {
        var model = Model();
        var table = Assert.Single(SummaryRenderer.Tables(model, wide: true));
        Assert.Equal(["arm", "ok/div/fail", "modes_covered ↑", "w1_exact ↓"], table.Headers);
        Assert.Equal(["2/1/0", "1/0/2"], table.Rows.Select(r => r[1].Text));
        Assert.Equal(6, SummaryRenderer.TrialCount(model));

        var plain = new StringWriter();
        SummaryRenderer.WritePlain(model, plain);
        var terminalText = new StringWriter();
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminalText), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        terminal.Profile.Width = SummaryRenderer.WideTerminalColumns;
        SummaryRenderer.WriteTables(model, terminal);

        foreach (var cell in table.Headers.Concat(table.Rows.SelectMany(r => r.Select(c => c.Text))))
        {
            Assert.Contains(cell, plain.ToString());
            Assert.Contains(cell, terminalText.ToString());
        }
    }

    [Fact]
    public void A_narrow_terminal_keeps_the_headline_metrics_and_the_best_arm_is_marked()
    {
        var narrow = Assert.Single(SummaryRenderer.Tables(Model(), wide: false));
        Assert.All(narrow.Headers.Skip(2), h => Assert.Contains(h.Split(' ')[0], GanBench.Reports.ReportDocument.HeadlineMetrics));
        var w1 = narrow.Headers.ToList().IndexOf("w1_exact ↓");
        Assert.True(narrow.Rows.Single(r => r[0].Text == "wgan")[w1].Best);
        Assert.False(narrow.Rows.Single(r => r[0].Text == "minimax")[w1].Best);
    }
}
