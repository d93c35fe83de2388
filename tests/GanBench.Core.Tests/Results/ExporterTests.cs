using System.Globalization;
using System.Text.RegularExpressions;
using GanBench.Core.Results;
using CsvHelper;
using static GanBench.Core.Tests.Results.SummaryFixtures;

namespace GanBench.Core.Tests.Results;

public partial class ExporterTests
{
    private static SummaryModel MixedModel()
    {
        var (trials, curves) = Mixed();
        return SummaryModel.Build(trials, curves, baselineArm: "minimax");
    }

    internal static List<Dictionary<string, string>> ParseCsv(string text)
    {
        using var reader = CsvReader.Create(new StringReader(text), CsvReaderOptions.Default with { Separator = ',' }, false);
        var header = reader.Headers.ToList();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
            rows.Add(header.Select((h, i) => (h, v: reader.GetString(i) ?? "")).ToDictionary(p => p.h, p => p.v));
        return rows;
    }

    /// <summary>Markdown tables by title: header cells and body rows.</summary>
    private static Dictionary<string, (List<string> Header, List<List<string>> Rows)> ParseMarkdown(string md)
    {
        var tables = new Dictionary<string, (List<string>, List<List<string>>)>();
        string? title = null;
        List<string>? header = null;
        List<List<string>>? rows = null;
        foreach (var line in md.Split('\n'))
        {
            if (line.StartsWith("## ")) { title = line[3..]; header = null; continue; }
            if (!line.StartsWith("| ")) continue;
            var cells = UnescapedPipe().Split(line.Trim()[2..^2]).Select(c => c.Trim().Replace("\\|", "|").Replace("\\\\", "\\")).ToList();
            if (header is null) { header = cells; rows = []; tables[title!] = (header, rows); }
            else rows!.Add(cells);
        }
        return tables;
    }

    [GeneratedRegex(@"(?<!\\) \| ")]
    private static partial Regex UnescapedPipe();

    [GeneratedRegex(@"^(?<mean>\S+)(?: ± (?<ci>\S+))? \((?<n>\d+)\)(?: \[(?<excl>\d+) excl\])?$|^–(?: \[(?<excl>\d+) excl\])?$")]
    private static partial Regex ValueCell();

    private static string G4(string csvNumber) =>
        csvNumber.Length == 0 ? "" : double.Parse(csvNumber, CultureInfo.InvariantCulture).ToString("G4", CultureInfo.InvariantCulture);

    [Fact]
    public void Markdown_cells_and_csv_rows_show_the_same_numbers_for_every_row()
    {
        var model = MixedModel();
        var csv = ParseCsv(CsvSummaryExporter.Default.ExportToString(model));
        var md = ParseMarkdown(MarkdownSummaryExporter.Default.ExportToString(model));
        int compared = 0;

        foreach (var table in model.Final.Concat(model.Curves))
        {
            string title = table.Step is null ? $"{table.Dataset}: final metrics" : $"{table.Dataset}: at step {table.Step}";
            var (header, rows) = md[title];
            Assert.Equal(table.Rows.Count, rows.Count);
            foreach (var mdRow in rows)
            {
                string arm = mdRow[0];
                string step = table.Step?.ToString(CultureInfo.InvariantCulture) ?? "";
                var csvRows = csv.Where(r => r["dataset"] == table.Dataset && r["arm"].TrimStart('\'') == arm.TrimStart('\'') && r["step"] == step).ToList();
                Assert.Equal(table.Metrics.Count, csvRows.Count);
                if (table.Step is null)
                {
                    Assert.Equal(csvRows[0]["ok"], mdRow[header.IndexOf("ok")]);
                    Assert.Equal(csvRows[0]["diverged"], mdRow[header.IndexOf("diverged")]);
                    Assert.Equal(csvRows[0]["failed"], mdRow[header.IndexOf("failed")]);
                    Assert.Equal(csvRows[0]["timeout"], mdRow[header.IndexOf("timeout")]);
                }
                foreach (var c in csvRows)
                {
                    int col = header.FindIndex(h => h.Split(' ')[0] == c["metric"]);
                    var m = ValueCell().Match(mdRow[col]);
                    Assert.True(m.Success, $"unparsable cell '{mdRow[col]}'");
                    Assert.Equal(G4(c["mean"]), m.Groups["mean"].Value);
                    Assert.Equal(G4(c["ci95"]), m.Groups["ci"].Value);
                    Assert.Equal(c["mean"].Length == 0 ? "" : c["n"], m.Groups["n"].Value);
                    Assert.Equal(c["excluded"] == "0" ? "" : c["excluded"], m.Groups["excl"].Value);
                    compared++;
                }
            }
        }
        Assert.Equal(model.Final.Concat(model.Curves).Sum(t => t.Rows.Count * t.Metrics.Count), compared);
        Assert.True(compared > 50);
    }

    [Fact]
    public void Markdown_comparison_cells_match_csv_rank_ratio_p_and_verdict()
    {
        var model = MixedModel();
        var csv = ParseCsv(CsvSummaryExporter.Default.ExportToString(model));
        var md = ParseMarkdown(MarkdownSummaryExporter.Default.ExportToString(model));
        foreach (var table in model.Final)
        {
            var (header, rows) = md[$"{table.Dataset}: ranks and comparison with baseline 'minimax'"];
            foreach (var mdRow in rows)
            {
                for (int col = 1; col < header.Count; col++)
                {
                    string metric = header[col].Split(' ')[0];
                    var c = csv.Single(r => r["section"] == "final" && r["dataset"] == table.Dataset
                        && r["arm"].TrimStart('\'') == mdRow[0].TrimStart('\'') && r["metric"] == metric);
                    var expected = new List<string>();
                    if (c["rank"].Length > 0) expected.Add("#" + c["rank"]);
                    if (c["verdict"] == "baseline") expected.Add("baseline");
                    else
                    {
                        if (c["ratio"].Length > 0) expected.Add("×" + G4(c["ratio"]));
                        if (c["p_value"].Length > 0) expected.Add("p=" + G4(c["p_value"]));
                        if (c["verdict"].Length > 0) expected.Add(c["verdict"]);
                    }
                    Assert.Equal(string.Join(" ", expected), mdRow[col]);
                }
            }
        }
    }

    [Fact]
    public void Every_markdown_table_has_a_one_line_note_and_the_legend_comes_once()
    {
        string md = MarkdownSummaryExporter.Default.ExportToString(MixedModel());
        var lines = md.Split('\n');
        var tableEnds = Enumerable.Range(0, lines.Length - 1).Where(i => lines[i].StartsWith('|') && !lines[i + 1].StartsWith('|')).ToList();
        Assert.True(tableEnds.Count > 3);
        foreach (int i in tableEnds)
        {
            Assert.Equal("", lines[i + 1]);
            Assert.StartsWith("<sub>", lines[i + 2]);
        }
        Assert.Single(lines, l => l == "## Legend");
        Assert.Single(lines, l => l.Contains("modes_covered: modes with at least one high-quality sample"));
        Assert.Single(lines, l => l.Contains("95% Student-t"));
        Assert.True(Array.IndexOf(lines, "## Legend") > tableEnds.Max());
    }

    [Fact]
    public void One_seed_shows_a_mean_without_interval_and_an_empty_csv_ci()
    {
        var model = SummaryModel.Build([Trial("a", "ring", 0, TrialStatus.Ok, ("hq_fraction", 0.25))], []);
        string md = MarkdownSummaryExporter.Default.ExportToString(model);
        Assert.Contains("| 0.25 (1) |", md);
        Assert.DoesNotContain("NaN", md);
        var row = ParseCsv(CsvSummaryExporter.Default.ExportToString(model)).Single();
        Assert.Equal("", row["ci95"]);
        Assert.Equal("", row["std"]);
        Assert.Equal("1", row["n"]);
    }

    [Fact]
    public void Csv_escapes_formula_like_arm_names_but_keeps_negative_numbers_numeric()
    {
        string text = CsvSummaryExporter.Default.ExportToString(MixedModel());
        // Escape mode also quotes the field, so the file holds "'=cmd()".
        Assert.Contains(",\"'=cmd()\",", text);
        Assert.DoesNotContain(",=cmd()", text);
        var gLoss = ParseCsv(text).First(r => r["metric"] == "g_loss" && r["arm"] == "'=cmd()");
        Assert.StartsWith("-", gLoss["mean"]);
        Assert.DoesNotContain(text.Split('\n'), l => l.Split(',').Any(f => f.StartsWith("'-")));
    }

    [Fact]
    public void Numbers_use_invariant_culture_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // The build runs in globalization-invariant mode, so a real de-DE is unavailable; a culture
            // with a decimal comma shows the same mistake.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var model = SummaryModel.Build([Trial("a", "ring", 0, TrialStatus.Ok, ("hq_fraction", 0.25)), Trial("a", "ring", 1, TrialStatus.Ok, ("hq_fraction", 0.75))], []);
            Assert.Contains("0.5 ± ", MarkdownSummaryExporter.Default.ExportToString(model));
            Assert.Contains(",0.5,", CsvSummaryExporter.Default.ExportToString(model));
        }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    [Fact]
    public void Plain_text_aligns_columns()
    {
        string text = PlainTextSummaryExporter.Default.ExportToString(MixedModel());
        var block = text.Split('\n').SkipWhile(l => l != "ring8: final metrics").Skip(1).TakeWhile(l => !l.StartsWith('(')).ToList();
        Assert.True(block.Count >= 5);
        // Right-aligned last column: every line of the table ends at the same width.
        Assert.Single(block.Where(l => !l.StartsWith("--")).Select(l => l.TrimEnd().Length).Distinct());
        Assert.Contains("ring8: ranks and comparison with baseline 'minimax'", text);
    }

    [Fact]
    public void Markdown_escapes_pipes_in_user_text()
    {
        var model = SummaryModel.Build([Trial("a|b", "ring", 0, TrialStatus.Ok, ("g_loss", 1.0))], []);
        Assert.Contains("| a\\|b |", MarkdownSummaryExporter.Default.ExportToString(model));
    }
}
