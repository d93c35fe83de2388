using GanBench.Training.Components;
using System.Diagnostics;
using System.Text.RegularExpressions;
using GanBench.Core.Config;

namespace GanBench.Core.Tests;

/// <summary>
/// Every file in Fixtures/bad-configs must fail to load with the problems its .expect sidecar
/// lists. Sidecar lines: "LINE:COL fragment" (an error at that position containing fragment),
/// "- fragment" (an error with no position), or a bare "fragment" (anywhere in any message).
/// </summary>
public class BadConfigCorpusTests
{
    private static string Dir => ExampleConfigTests.FixturePath("bad-configs");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Dir, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Fact]
    public void Corpus_has_at_least_30_files_each_with_a_sidecar()
    {
        var yaml = Directory.GetFiles(Dir, "*.yaml");
        Assert.True(yaml.Length >= 30, $"only {yaml.Length} bad configs");
        Assert.All(yaml, f => Assert.True(File.Exists(Path.ChangeExtension(f, ".expect")), $"{f} has no .expect"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Bad_config_reports_expected_errors(string name)
    {
        var path = Path.Combine(Dir, name + ".yaml");
        var sw = Stopwatch.StartNew();
        var result = ExperimentLoader.Load(path, BuiltinComponents.Catalog());
        sw.Stop();

        var report = string.Join("\n", result.Errors);
        Assert.False(result.Ok, $"{name} loaded without errors");
        Assert.Null(result.Config);
        Assert.Empty(result.Trials);
        Assert.True(sw.ElapsedMilliseconds < 2000, $"{name} took {sw.ElapsedMilliseconds} ms");
        Assert.Equal(result.Errors.Count, result.Errors.Select(e => e.ToString()).Distinct().Count());
        Assert.All(result.Errors, e => Assert.DoesNotContain('\n', e.Message));
        Assert.All(result.Errors, e => Assert.True(e.Message.Length <= 610, $"{name}: message too long ({e.Message.Length} characters)"));

        // File order: positions never go backwards.
        var located = result.Errors.Where(e => e.Where is not null).Select(e => (e.Where!.Value.Line, e.Where!.Value.Column)).ToList();
        Assert.Equal(located.OrderBy(p => p.Line).ThenBy(p => p.Column), located);

        foreach (var line in File.ReadAllLines(Path.ChangeExtension(path, ".expect")).Where(l => l.Trim().Length > 0))
        {
            var m = Regex.Match(line, @"^(\d+):(\d+) (.*)$");
            if (m.Success)
            {
                int l = int.Parse(m.Groups[1].Value), c = int.Parse(m.Groups[2].Value);
                var fragment = m.Groups[3].Value;
                Assert.True(result.Errors.Any(e => e.Where is { } w && w.Line == l && w.Column == c && e.Message.Contains(fragment, StringComparison.Ordinal)),
                    $"{name}: expected an error at {l}:{c} containing \"{fragment}\"; got:\n{report}");
                Assert.True(result.Errors.Any(e => e.ToString().StartsWith($"{path}:{l}:{c}: error: ", StringComparison.Ordinal)), report);
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                var fragment = line[2..];
                Assert.True(result.Errors.Any(e => e.Where is null && e.Message.Contains(fragment, StringComparison.Ordinal)),
                    $"{name}: expected an error without position containing \"{fragment}\"; got:\n{report}");
            }
            else
            {
                Assert.True(result.Errors.Any(e => e.Message.Contains(line, StringComparison.Ordinal)),
                    $"{name}: expected an error containing \"{line}\"; got:\n{report}");
            }
        }
    }
}
