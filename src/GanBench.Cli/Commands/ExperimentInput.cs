using GanBench.Core.Config;

namespace GanBench.Cli.Commands;

/// <summary>Loading an experiment file for a command: every problem becomes one line and exit code 2.</summary>
public static class ExperimentInput
{
    public static ComponentCatalog Catalog() => BuiltinCatalog.Create();

    public static LoadResult LoadOrThrow(string path)
    {
        var result = ExperimentLoader.Load(path, Catalog());
        if (!result.Ok)
            throw new UsageException(result.Errors.Select(e => e.ToString()).ToList());
        return result;
    }
}
