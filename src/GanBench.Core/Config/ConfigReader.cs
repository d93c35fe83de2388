using System.Text.RegularExpressions;
using GanBench.Core.Config.Yaml;
using GanBench.Core.Datasets;
using GanBench.Core.Fields;

namespace GanBench.Core.Config;

/// <summary>
/// Reads one experiment file. Each section is read even when an earlier one failed (with
/// defaults standing in), so one run reports every problem in the file.
/// </summary>
internal sealed partial class ConfigReader(string file, string baseDirectory, ComponentCatalog catalog, SeedSet seedSet = SeedSet.Verdict)
{
    private readonly SeedSet _seedSet = seedSet;
    private readonly string _file = file;
    private readonly string _baseDirectory = baseDirectory;
    private readonly ComponentCatalog _catalog = catalog;

    internal static readonly string[] TopKeys =
        ["name", "description", "device", "seeds", "calibration_seeds", "datasets", "model", "train", "losses", "eval", "baseline", "plugins", "tensorboard", "trials", "protocol", "data_dir"];
    internal static readonly string[] Devices = ["auto", "cpu", "cuda"];
    internal static readonly string[] OptimizerTypes = ["adam", "rmsprop", "sgd"];
    internal static readonly string[] NetworkTypes = [NetworkConfig.Mlp, NetworkConfig.Conv];

    private static readonly Regex SafeName = new("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant);
    private const int MaxNameLength = 100;

    public (ExperimentConfig? Config, IReadOnlyList<TrialSpec> Trials) Read(string yaml)
    {
        if (yaml.Contains('\0'))
        {
            Error(null, $"{_file}: not a text file (it contains a NUL character); an experiment file must be UTF-8 YAML");
            return (null, []);
        }
        if (yaml.Length > ExperimentLoader.MaxFileBytes)
        {
            Error(null, $"{_file}: {yaml.Length} characters; experiment files are limited to {ExperimentLoader.MaxFileBytes}, is this the right file?");
            return (null, []);
        }
        if (yaml.Length > 0 && yaml[0] == '\uFEFF') yaml = yaml[1..];
        if (CheckTabs(yaml)) return (null, []);

        var root = YamlTreeBuilder.Build(yaml, (line, col, msg) => Errors.Add(new ConfigError(new SourceSpan(_file, line, col), OneLine(msg))));
        if (Errors.Count > 0) return (null, []);
        if (root is null || root is YScalar { IsNull: true })
        {
            Error(null, $"{_file}: the file is empty; an experiment needs at least name:, datasets: and losses:");
            return (null, []);
        }
        if (root is not YMapping top)
        {
            Error(root, $"the top level must be a mapping of keys such as name:, datasets: and losses:, got {root.Describe()}");
            return (null, []);
        }
        return ReadTop(top);
    }

    /// <summary>
    /// Only the <c>plugins:</c> list, so that the plugin host can load the assemblies and extend
    /// the catalog before the full read checks loss names against it. Problems elsewhere in the
    /// file are left to that full read, which reports them all in file order.
    /// </summary>
    public IReadOnlyList<string> ReadPluginsOnly(string yaml)
    {
        if (yaml.Contains('\0') || yaml.Length > ExperimentLoader.MaxFileBytes) return [];
        if (yaml.Length > 0 && yaml[0] == '\uFEFF') yaml = yaml[1..];
        bool broken = false;
        var root = YamlTreeBuilder.Build(yaml, (_, _, _) => broken = true);
        if (broken || root is not YMapping top || top.Get("plugins") is not { } node) return [];
        return ReadPlugins(node);
    }

    /// <summary>
    /// YAML forbids tabs in indentation; YamlDotNet reports that as an obscure token error at
    /// the wrong place, so every such line is reported here instead.
    /// </summary>
    private bool CheckTabs(string yaml)
    {
        bool found = false;
        var lines = yaml.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            int col = 0;
            while (col < line.Length && (line[col] == ' ' || line[col] == '\t')) col++;
            if (col == line.Length || line[col] == '#' || line[col] == '\r') continue;
            int tab = line.IndexOf('\t', 0, col);
            if (tab < 0) continue;
            Errors.Add(new ConfigError(new SourceSpan(_file, i + 1, tab + 1), "tabs are not allowed for indentation; use spaces"));
            found = true;
        }
        return found;
    }

    private (ExperimentConfig?, IReadOnlyList<TrialSpec>) ReadTop(YMapping top)
    {
        CheckKeys(top, "", TopKeys);

        var (name, description, device, seeds) = ReadIdentity(top);
        var calibrationSeeds = ReadCalibrationSeeds(top, seeds);
        if (_seedSet == SeedSet.Calibration) seeds = calibrationSeeds;

        var datasets = new List<DatasetSpec>();
        bool datasetsOk = false;
        if (top.Get("datasets") is { } dsNode) (datasets, datasetsOk) = ReadDatasets(dsNode);
        else Error(top, "missing required key 'datasets'; add e.g. datasets: [ring8, grid25] (presets: " + string.Join(", ", Datasets.DatasetKinds.PresetNames) + ")");

        var model = top.Get("model") is { } modelNode ? ReadModel(modelNode) : new ModelConfig();
        var train = top.Get("train") is { } trainNode ? ReadTrain(trainNode) : new TrainConfig();
        var eval = top.Get("eval") is { } evalNode ? ReadEval(evalNode) : new EvalConfig();
        var protocol = top.Get("protocol") is { } protocolNode ? ReadProtocol(protocolNode) : new ProtocolConfig();

        List<ArmSpec> arms = [];
        YNode? lossesNode = top.Get("losses");
        bool armsOk = false;
        if (lossesNode is not null) (arms, armsOk) = ReadArms(lossesNode, train);
        else Error(top, "missing required key 'losses'; add e.g. losses: [{loss: non_saturating}, {loss: wgan_gp}] (losses: " + string.Join(", ", _catalog.LossNames) + ")");

        var plugins = top.Get("plugins") is { } pluginsNode ? ReadPlugins(pluginsNode) : [];
        var dataDir = top.Get("data_dir") is { } dataDirNode ? ReadDataDir(dataDirNode) : null;
        string? baseline = null;
        YNode? baselineNode = top.Get("baseline");
        if (baselineNode is not null) baseline = ReadString(baselineNode, "baseline");

        bool tensorboard = top.Get("tensorboard") is { } tbNode && ReadFlag(tbNode, "tensorboard");

        var config = new ExperimentConfig
        {
            Name = name ?? "",
            Description = description,
            Device = device,
            Seeds = seeds,
            CalibrationSeeds = calibrationSeeds,
            Datasets = datasets,
            Model = model,
            Train = train,
            Arms = arms,
            Eval = eval,
            Baseline = baseline,
            Plugins = plugins,
            Tensorboard = tensorboard,
            Protocol = protocol,
            DataDir = dataDir,
            SourcePath = _file,
        };
        foreach (var violation in Rules.ConfigRules.Check(new(config, WrittenKeys(top), datasetsOk)))
            Error(NodeAt(top, violation.KeyPath) ?? top, violation.Message);
        if (Errors.Count > 0 && !(armsOk && datasetsOk)) return (null, []);
        var trials = Expand(config, lossesNode!, baselineNode);
        return Errors.Count > 0 ? (null, []) : (config, trials);
    }

    /// <summary>name, description, device and seeds: what names the experiment and its results folder.</summary>
    private (string? Name, string Description, string Device, IReadOnlyList<int> Seeds) ReadIdentity(YMapping top)
    {
        string? name = null;
        if (top.Get("name") is { } nameNode) name = ReadSafeName(nameNode, "name", "results/<name>/");
        else Error(top, "missing required key 'name'; add e.g. name: my-experiment (results go to results/<name>/)");

        string description = "";
        if (top.Get("description") is { } descNode)
            description = descNode is YScalar ds ? ds.IsNull ? "" : ds.Value : ReadString(descNode, "description") ?? "";

        string device = "auto";
        if (top.Get("device") is { } devNode) device = ReadChoice(devNode, "device", "device", Devices) ?? "auto";

        var seeds = top.Get("seeds") is { } seedsNode ? ReadSeeds(seedsNode) : [0];
        return (name, description, device, seeds);
    }

    private bool ReadFlag(YNode node, string path)
    {
        if (node is YScalar { IsPlain: true, Value: "true" or "false" } flag) return flag.Value == "true";
        Error(node, $"{path}: expected true or false, got {node.Describe()}");
        return false;
    }

    /// <summary>Names become folder names, so they must not be able to climb out of results/.</summary>
    private string? ReadSafeName(YNode node, string path, string folder)
    {
        var s = ReadString(node, path);
        if (s is null) return null;
        if (s.Contains('/') || s.Contains('\\') || s.Contains(".."))
        {
            Error(node, $"{path} '{s}' could escape {folder.Split('<')[0]}: it must not contain '/', '\\' or '..'; use lowercase letters, digits, '.', '_' and '-'");
            return null;
        }
        if (!SafeName.IsMatch(s) || s.Length > MaxNameLength)
        {
            Error(node, $"{path} '{s}' is not a valid name: it must match [a-z0-9][a-z0-9._-]* (lowercase letters, digits, '.', '_', '-', starting with a letter or digit, at most {MaxNameLength} characters) because it names the folder {folder}");
            return null;
        }
        return s;
    }

    private IReadOnlyList<int> ReadSeeds(YNode node, string key = "seeds") => ReadSeedItems(node, key).Select(s => s.Seed).ToList();

    private List<(int Seed, YNode Node)> ReadSeedItems(YNode node, string key)
    {
        var list = AsList(node, key, "[0, 1, 2]");
        if (list is null) return [(0, node)];
        if (list.Items.Count == 0)
        {
            Error(node, key == "seeds"
                ? "seeds is an empty list; give at least one seed, e.g. seeds: [0], or remove the key (the default is [0])"
                : $"{key} is an empty list; give at least one seed, e.g. {key}: [100, 101, 102], or remove the key");
            return [(0, node)];
        }
        var seeds = new List<(int, YNode)>();
        var seen = new Dictionary<int, YNode>();
        foreach (var item in list.Items)
        {
            var v = ReadInt(item, key, NumRange.AtLeast(0));
            if (v is null) continue;
            if (seen.TryGetValue(v.Value, out var first))
            {
                Error(item, $"seed {v.Value} is listed twice (first at line {first.Line}, column {first.Column}); each seed runs once");
                continue;
            }
            seen[v.Value] = item;
            seeds.Add((v.Value, item));
        }
        return seeds;
    }

    /// <summary>
    /// The seeds a protocol was chosen on, kept apart from the seeds that judge it: a seed in both
    /// lists would let the choice see the verdict, so it is refused. Only run when asked
    /// (<see cref="SeedSet.Calibration"/>, e.g. `claims --calibration`).
    /// </summary>
    private IReadOnlyList<int> ReadCalibrationSeeds(YMapping top, IReadOnlyList<int> verdictSeeds)
    {
        if (top.Get("calibration_seeds") is not { } node)
        {
            if (_seedSet == SeedSet.Calibration)
                Error(top, "this run asks for the calibration seeds, but the file has no calibration_seeds:; add e.g. calibration_seeds: [100, 101, 102, 103, 104] (seeds the protocol is chosen on, apart from seeds:)");
            return [];
        }
        var seeds = ReadSeedItems(node, "calibration_seeds");
        foreach (var (seed, item) in seeds.Where(s => verdictSeeds.Contains(s.Seed)))
            Error(item, $"seed {seed} is in both seeds: and calibration_seeds:; a protocol chosen on a seed cannot also be judged on it, so give the two lists different seeds");
        return seeds.Select(s => s.Seed).ToList();
    }

    /// <summary>The key paths the file wrote, top-level keys and the keys of top-level mappings ("eval.classifier").</summary>
    private static HashSet<string> WrittenKeys(YMapping top)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in top.Entries.Select(e => (e.Key.Value, e.Value)))
        {
            written.Add(key);
            if (value is YMapping section)
                foreach (var inner in section.Entries) written.Add($"{key}.{inner.Key.Value}");
        }
        return written;
    }

    private static YNode? NodeAt(YMapping top, string keyPath)
    {
        YNode? node = top;
        foreach (var part in keyPath.Split('.'))
            node = node is YMapping map ? map.Get(part) : null;
        return node;
    }

    /// <summary>The folder must exist when written: a typo here would otherwise silently fall back to another copy of the data.</summary>
    private string? ReadDataDir(YNode node)
    {
        var p = ReadString(node, "data_dir");
        if (p is null) return null;
        string full;
        try { full = Path.GetFullPath(Path.Combine(_baseDirectory, p)); }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            Error(node, $"data_dir: '{p}' is not a valid path: {ex.Message}");
            return null;
        }
        if (!Directory.Exists(full))
        {
            Error(node, $"data_dir '{p}' is not a folder (looked for {full}); paths are relative to the experiment file's folder");
            return null;
        }
        return full;
    }

    /// <summary>Only existence is checked here; loading the assembly belongs to the plugin host.</summary>
    private IReadOnlyList<string> ReadPlugins(YNode node)
    {
        var list = AsList(node, "plugins", "[plugins/MyLosses.dll]");
        if (list is null) return [];
        var paths = new List<string>();
        foreach (var item in list.Items)
        {
            var p = ReadString(item, "plugins");
            if (p is null) continue;
            string full;
            try { full = Path.GetFullPath(Path.Combine(_baseDirectory, p)); }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                Error(item, $"plugins: '{p}' is not a valid path: {ex.Message}");
                continue;
            }
            var kind = Data.InputFiles.KindOf(full);
            if (kind != Data.InputKind.RegularFile)
            {
                Error(item, kind == Data.InputKind.Missing
                    ? $"plugin '{p}' does not exist (looked for {full}); paths are relative to the experiment file's folder"
                    : $"plugin '{p}' is {(kind == Data.InputKind.Directory ? "a directory" : "not a regular file")} ({full}); name the plugin's built assembly, e.g. MyLosses/bin/Release/net10.0/MyLosses.dll");
                continue;
            }
            paths.Add(full);
        }
        return paths;
    }
}
