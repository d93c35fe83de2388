using System.Text.RegularExpressions;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Core.Datasets;

namespace GanBench.Reports;

/// <summary>Everything a report reads from a results folder: the CSVs and, when it loads, the resolved config.</summary>
/// <remarks>Nothing here trains or needs TorchSharp. A missing optional file (curves, layer gradients,
/// per-trial snapshots, the config) leaves its part empty and the report says what it could not draw.</remarks>
public sealed class ResultsData
{
    public required string Root { get; init; }
    public required IReadOnlyList<RunRecord> Runs { get; init; }
    public required IReadOnlyList<CurvePoint> Curves { get; init; }
    public required IReadOnlyList<LayerGradientRow> LayerGradients { get; init; }
    /// <summary>Null when config.resolved.yaml is missing or does not load (for example, a plugin is gone).</summary>
    public ExperimentConfig? Config { get; init; }
    /// <summary>The baseline named in config.resolved.yaml, read even when the whole config does not load.</summary>
    public string? ConfigBaseline { get; init; }
    public string? ConfigProblem { get; init; }

    public IReadOnlyList<string> Datasets => Runs.Select(r => r.Trial.Dataset).Distinct(StringComparer.Ordinal).ToList();
    public IReadOnlyList<string> Arms => Runs.Select(r => r.Trial.Arm).Distinct(StringComparer.Ordinal).ToList();

    public DatasetSpec? Dataset(string name) => Config?.Datasets.FirstOrDefault(d => d.Name == name);

    /// <exception cref="ReportInputException">The folder or its runs.csv is missing or unreadable.</exception>
    public static ResultsData Load(string root, ComponentCatalog catalog)
    {
        var runs = ReadRuns(root);
        IReadOnlyList<CurvePoint> curves = [];
        try
        {
            var curvesPath = Path.Combine(root, ResultsDirectory.CurvesFile);
            if (File.Exists(curvesPath)) curves = RunsCsv.ReadCurves(curvesPath);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            throw new ReportInputException(e.Message.Replace('\n', ' '));
        }

        var (config, baseline, problem) = ReadConfig(Path.Combine(root, ResultsDirectory.ResolvedConfigFile), catalog);
        // Plots without the datasets' definitions would lack real data and the critic's window; no report beats a misleading one.
        if (config is null)
            throw new ReportInputException($"{root}: {problem}; a report needs the configuration (and the plugins) the run used");
        return new ResultsData
        {
            Root = root,
            Runs = runs,
            Curves = curves,
            LayerGradients = Guarded(() => ReadLayerGradients(Path.Combine(root, ResultsDirectory.LayerGradientsFile))),
            Config = config,
            ConfigBaseline = baseline,
            ConfigProblem = problem,
        };
    }

    /// <summary>The runs.csv of a results folder, read only, with the messages that `report` and
    /// `compare` give for a folder that is not one.</summary>
    /// <exception cref="ReportInputException">The folder or its runs.csv is missing or unreadable.</exception>
    public static IReadOnlyList<RunRecord> ReadRuns(string root)
    {
        if (!Directory.Exists(root))
            throw new ReportInputException(File.Exists(root)
                ? $"{root}: is a file; pass the results folder (the one holding runs.csv)"
                : $"{root}: no such results folder");
        var runsPath = Path.Combine(root, ResultsDirectory.RunsFile);
        if (!File.Exists(runsPath))
            throw new ReportInputException($"{root}: has no {ResultsDirectory.RunsFile}; is this a results folder? (a sweep writes it after its first trial)");
        var runs = Guarded(() => RunsCsv.ReadRuns(runsPath));
        // Two rows of one trial: only the user can tell which is right (a resume or a merge never writes that).
        if (runs.GroupBy(r => r.Trial.TrialId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ReportInputException($"{runsPath}: holds trial {twice.Key} {twice.Count()} times (rows {string.Join(", ", runs.Select((r, i) => (r, i)).Where(p => p.r.Trial.TrialId == twice.Key).Select(p => p.i + 1))}); delete all but one row of it");
        return runs;
    }

    /// <summary>A CSV that does not read as GanBench wrote it is the user's input problem (exit 2), not a crash.</summary>
    private static T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            throw new ReportInputException(e.Message.Replace('\n', ' '));
        }
    }

    private static readonly Regex BaselineLine = new("^baseline:\\s*(.+?)\\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static (ExperimentConfig?, string?, string?) ReadConfig(string path, ComponentCatalog catalog)
    {
        if (!File.Exists(path)) return (null, null, $"{ResultsDirectory.ResolvedConfigFile} is missing");
        var loaded = ExperimentLoader.Load(path, catalog);
        if (loaded.Ok) return (loaded.Config, loaded.Config!.Baseline, null);
        // A plugin's loss is unknown to the built-in catalog; the baseline line still names the arm.
        string? baseline = null;
        var m = BaselineLine.Match(File.ReadAllText(path));
        if (m.Success) baseline = m.Groups[1].Value.Trim('"', '\'');
        return (null, baseline, $"{ResultsDirectory.ResolvedConfigFile} does not load ({loaded.Errors[0]})");
    }

    public static IReadOnlyList<LayerGradientRow> ReadLayerGradients(string path) =>
        File.Exists(path) ? LayerGradientsCsv.Read(path) : [];
}

/// <summary>The results folder cannot be reported on; the message is one line that says why.</summary>
public sealed class ReportInputException(string message) : Exception(message);
