namespace GanBench.Cli.Application;

/// <summary>`validate FILE`: checks the experiment and prints the resolved config with its expanded trials, without training.</summary>
public static class ExperimentCheck
{
    public static void Describe(string experimentPath, CliConsole console)
    {
        var loaded = ExperimentInput.LoadOrThrow(experimentPath);
        console.Out.Write(Core.Config.ResolvedConfigWriter.ToYaml(loaded.Config!, loaded.Trials));
        // Shorthands hide their objective and penalty; say what each one written stands for.
        foreach (var written in loaded.Config!.Arms.Select(a => a.Loss).Distinct(StringComparer.Ordinal))
            if (loaded.Catalog.TryGet(written, out var d) && d.Expansion is { } e)
                console.Line($"# {written} expands to: {ComponentListing.Expansion(e)}");
        console.Line($"# ok: {loaded.Trials.Count} trial(s) in {loaded.Trials.Select(t => t.Arm).Distinct().Count()} arm(s)");
        // The file is valid wherever it is checked; whether this machine has the image data is
        // reported as a note, so a config can be validated here and run on a cluster.
        if (loaded.Trials.Any(t => t.Dataset.IsImage))
        {
            try
            {
                var files = Core.Data.ImageDataLocator.Locate(loaded.Config.DataDir, systemFolder: Training.Images.ImageSetup.SystemDataFolder);
                console.Line($"# image data: {files.Folder}");
            }
            catch (Core.Data.ImageDataNotFoundException e)
            {
                console.Line($"# note: run will stop here: {e.Message}");
            }
        }
    }
}
