using GanBench.Core.Config;
using GanBench.Core.Config.Schema;
using GanBench.Training.Components;
using GanBench.Core.Fields;

namespace GanBench.Core.Tests;

/// <summary>
/// The README's key tables are generated from the schema, the dataset kinds and the components'
/// options. When a declaration changes and the README does not, this fails; regenerate with
/// <c>GANBENCH_WRITE_README=1 dotnet test tests/GanBench.Core.Tests --filter ReadmeKeyTables</c>.
/// </summary>
public class ReadmeKeyTablesTests
{
    [Fact]
    public void The_readme_key_tables_match_the_declarations()
    {
        var path = Path.Combine(ShippedTrialIdTests.RepoRoot(), "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        var blocks = KeyTables.Blocks(BuiltinComponents.Catalog());
        var regenerated = KeyTables.Apply(readme, blocks);
        if (Environment.GetEnvironmentVariable("GANBENCH_WRITE_README") == "1")
        {
            File.WriteAllText(path, regenerated);
            return;
        }
        foreach (var name in blocks.Keys)
            Assert.True(readme.Contains($"<!-- keys:{name} -->", StringComparison.Ordinal), $"README has no <!-- keys:{name} --> block");
        Assert.True(readme == regenerated, "README key tables drifted from the declarations; regenerate them (see this test's summary)");
    }

    [Fact]
    public void The_tables_list_every_declared_key_with_its_default_and_range()
    {
        var blocks = KeyTables.Blocks(BuiltinComponents.Catalog());
        Assert.Contains("| `train.iterations` | 2000 | integer >= 1 | generator steps |", blocks["sections"]);
        Assert.Contains("| `train.max_minutes` | none | number > 0 |", blocks["sections"]);
        Assert.Contains("`model.generator.hidden` / `model.critic.hidden` | 512 |", blocks["sections"]);
        Assert.Contains("| `moons`: `noise` | 0.1 |", blocks["datasets"]);
        Assert.Contains("| `gp`: `gp_target` | 1 |", blocks["options"]);
        // A changed default shows up in the table: the tables are computed, not copied.
        var section = new Section<TrainConfig>("train", [Key<TrainConfig>.Integer("iterations", NumRange.AtLeast(1), "x", t => t.Iterations + 1, (t, v) => t)]);
        Assert.Equal(2001, section.Fields[0].Default);
    }

    [Fact]
    public void A_section_reads_back_what_it_writes()
    {
        var train = new TrainConfig { Iterations = 7, MaxMinutes = 1.5 };
        var lines = ConfigSchema.Train.Write(train);
        Assert.Equal(["iterations", "batch_size", "critic_steps", "max_minutes"], lines.Select(l => l.Key));
        var back = ConfigSchema.Train.Apply(lines.ToDictionary(l => l.Key, l => double.Parse(l.Text, System.Globalization.CultureInfo.InvariantCulture)), new TrainConfig());
        Assert.Equal(train, back);
    }
}
