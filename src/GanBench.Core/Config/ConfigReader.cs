using System.Text.RegularExpressions;
using GanBench.Core.Config.Yaml;

namespace GanBench.Core.Config;

/// <summary>
/// Reads one experiment file. Each section is read even when an earlier one failed (with
/// defaults standing in), so one run reports every problem in the file.
/// </summary>
internal sealed partial class ConfigReader(string file, string baseDirectory, ComponentCatalog catalog)
{
    private readonly string _file = file;
    private readonly string _baseDirectory = baseDirectory;
    private readonly ComponentCatalog _catalog = catalog;

    internal static readonly string[] TopKeys =
        ["name", "description", "device", "seeds", "datasets", "model", "train", "losses", "eval", "baseline", "plugins", "tensorboard", "trials", "protocol", "data_dir"];
    internal static readonly string[] Devices = ["auto", "cpu", "cuda"];
    internal static readonly string[] OptimizerTypes = ["adam", "rmsprop", "sgd"];
    internal static readonly string[] NetworkTypes = [NetworkConfig.Mlp, NetworkConfig.Conv];
    private static string ImageTypes => string.Join(", ", Datasets.DatasetKinds.All.Where(k => k.IsImage).Select(k => k.Type));

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

        string? name = null;
        if (top.Get("name") is { } nameNode) name = ReadSafeName(nameNode, "name", "results/<name>/");
        else Error(top, "missing required key 'name'; add e.g. name: my-experiment (results go to results/<name>/)");

        string description = "";
        if (top.Get("description") is { } descNode)
            description = descNode is YScalar ds ? ds.IsNull ? "" : ds.Value : ReadString(descNode, "description") ?? "";

        string device = "auto";
        if (top.Get("device") is { } devNode) device = ReadChoice(devNode, "device", "device", Devices) ?? "auto";

        var seeds = top.Get("seeds") is { } seedsNode ? ReadSeeds(seedsNode) : [0];

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
        if (top.Get("model") is { } modelAt) CheckModelFitsData(modelAt, model, datasets);
        // Image-only settings on a point-only experiment would do nothing; say so instead of ignoring them.
        if (datasetsOk && !datasets.Any(d => d.IsImage))
        {
            var imageOnly = new List<(YNode Node, string Key)>();
            if (top.Get("data_dir") is { } dd) imageOnly.Add((dd, "data_dir"));
            if (top.Get("eval") is YMapping evalMap)
                foreach (var key in new[] { "image_samples", "classifier" })
                    if (evalMap.Get(key) is { } n) imageOnly.Add((n, "eval." + key));
            foreach (var (node, key) in imageOnly)
                Error(node, $"{key} applies to image datasets ({ImageTypes}) and this experiment has none; remove it");
        }
        // The protocols probe an MLP critic's hidden layers and a 2-D "generator"; they are point-data experiments.
        if (top.Get("protocol") is { } protocolAt && !protocol.IsStandard && datasets.Any(d => d.IsImage))
            Error(protocolAt, $"protocol: kind {protocol.Kind} runs on 2-D point datasets only; {string.Join(", ", datasets.Where(d => d.IsImage).Select(d => d.Name))} {(datasets.Count(d => d.IsImage) == 1 ? "is an image dataset" : "are image datasets")}");

        string? baseline = null;
        YNode? baselineNode = top.Get("baseline");
        if (baselineNode is not null) baseline = ReadString(baselineNode, "baseline");

        bool tensorboard = false;
        if (top.Get("tensorboard") is { } tbNode)
        {
            if (tbNode is YScalar { IsPlain: true, Value: "true" or "false" } tb) tensorboard = tb.Value == "true";
            else Error(tbNode, $"tensorboard: expected true or false, got {tbNode.Describe()}");
        }

        if (Errors.Count > 0 && !(armsOk && datasetsOk)) return (null, []);

        var config = new ExperimentConfig
        {
            Name = name ?? "",
            Description = description,
            Device = device,
            Seeds = seeds,
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
        var trials = Expand(config, lossesNode!, baselineNode);
        return Errors.Count > 0 ? (null, []) : (config, trials);
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

    private IReadOnlyList<int> ReadSeeds(YNode node)
    {
        var list = AsList(node, "seeds", "[0, 1, 2]");
        if (list is null) return [0];
        if (list.Items.Count == 0)
        {
            Error(node, "seeds is an empty list; give at least one seed, e.g. seeds: [0], or remove the key (the default is [0])");
            return [0];
        }
        var seeds = new List<int>();
        var seen = new Dictionary<int, YNode>();
        foreach (var item in list.Items)
        {
            var v = ReadInt(item, "seeds", NumRange.AtLeast(0));
            if (v is null) continue;
            if (seen.TryGetValue(v.Value, out var first))
            {
                Error(item, $"seed {v.Value} is listed twice (first at line {first.Line}, column {first.Column}); each seed runs once");
                continue;
            }
            seen[v.Value] = item;
            seeds.Add(v.Value);
        }
        return seeds;
    }

    private static readonly string[] ModelKeys = ["latent_dim", "generator", "critic"];
    private static readonly string[] NetworkKeys = ["type", "hidden", "layers", "width", "norm"];
    private static readonly Dictionary<string, string[]> NetworkTypeKeys = new()
    {
        [NetworkConfig.Mlp] = ["hidden", "layers"],
        [NetworkConfig.Conv] = ["width", "norm"],
    };

    private ModelConfig ReadModel(YNode node)
    {
        var map = AsMapping(node, "model", "{latent_dim: 2, generator: {type: mlp, hidden: 512, layers: 3}}");
        if (map is null) return new ModelConfig();
        CheckKeys(map, "model", ModelKeys);
        var m = new ModelConfig();
        if (map.Get("latent_dim") is { } ld) m = m with { LatentDim = ReadInt(ld, "model.latent_dim", Limits.LatentDim) ?? m.LatentDim };
        if (map.Get("generator") is { } g) m = m with { Generator = ReadNetwork(g, "model.generator") };
        if (map.Get("critic") is { } c) m = m with { Critic = ReadNetwork(c, "model.critic") };
        return m;
    }

    private NetworkConfig ReadNetwork(YNode node, string path)
    {
        var n = new NetworkConfig();
        var map = AsMapping(node, path, "{type: mlp, hidden: 512, layers: 3}");
        if (map is null) return n;
        CheckKeys(map, path, NetworkKeys);
        if (map.Get("type") is { } t) n = n with { Type = ReadChoice(t, path + ".type", "network type", NetworkTypes) ?? n.Type };
        foreach (var (type, keys) in NetworkTypeKeys)
            if (type != n.Type)
                foreach (var key in keys)
                    if (map.Get(key) is { } misplaced)
                        Error(misplaced, $"{path}.{key} applies to type {type}, not {n.Type}; {n.Type} takes {string.Join(", ", NetworkTypeKeys[n.Type])}");
        if (map.Get("hidden") is { } h) n = n with { Hidden = ReadInt(h, path + ".hidden", Limits.Hidden) ?? n.Hidden };
        if (map.Get("layers") is { } l) n = n with { Layers = ReadInt(l, path + ".layers", Limits.Layers) ?? n.Layers };
        if (map.Get("width") is { } w) n = n with { Width = ReadInt(w, path + ".width", new NumRange(1, false, 1024, false)) ?? n.Width };
        if (map.Get("norm") is { } nm) n = n with { Norm = ReadChoice(nm, path + ".norm", "normalization", NetworkConfig.Norms) ?? n.Norm };
        return n;
    }

    /// <summary>A convolutional network reads and writes 28×28 images, so it cannot train on 2-D points.</summary>
    private void CheckModelFitsData(YNode modelNode, ModelConfig model, IReadOnlyList<DatasetSpec> datasets)
    {
        if (model.Generator.Type != NetworkConfig.Conv && model.Critic.Type != NetworkConfig.Conv) return;
        var points = datasets.Where(d => !d.IsImage).Select(d => d.Name).ToList();
        if (points.Count > 0)
            Error(modelNode, $"model: type conv works on 28×28 image datasets ({ImageTypes}), but {string.Join(", ", points)} {(points.Count == 1 ? "is" : "are")} 2-D point data; use type mlp or put the image datasets in their own experiment");
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

    private static readonly string[] TrainKeys = ["iterations", "batch_size", "critic_steps", "optimizer", "max_minutes", "checkpoint_every"];
    internal static readonly string[] OptimizerKeys = ["type", "lr", "betas"];

    private TrainConfig ReadTrain(YNode node)
    {
        var t = new TrainConfig();
        var map = AsMapping(node, "train", "{iterations: 2000, batch_size: 256, critic_steps: 5}");
        if (map is null) return t;
        CheckKeys(map, "train", TrainKeys);
        if (map.Get("iterations") is { } it) t = t with { Iterations = ReadInt(it, "train.iterations", NumRange.AtLeast(1)) ?? t.Iterations };
        if (map.Get("batch_size") is { } bs) t = t with { BatchSize = ReadInt(bs, "train.batch_size", Limits.BatchSize) ?? t.BatchSize };
        if (map.Get("critic_steps") is { } cs) t = t with { CriticSteps = ReadInt(cs, "train.critic_steps", Limits.CriticSteps) ?? t.CriticSteps };
        if (map.Get("optimizer") is { } opt) t = t with { Optimizer = ReadOptimizer(opt, "train.optimizer", t.Optimizer) };
        if (map.Get("max_minutes") is { } mm) t = t with { MaxMinutes = ReadNumber(mm, "train.max_minutes", NumRange.Above(0)) };
        if (map.Get("checkpoint_every") is { } ce) t = t with { CheckpointEvery = ReadInt(ce, "train.checkpoint_every", NumRange.AtLeast(1)) };
        return t;
    }

    /// <summary>Reads an optimizer mapping over <paramref name="baseline"/>: keys not written keep its values.</summary>
    private OptimizerConfig ReadOptimizer(YNode node, string path, OptimizerConfig baseline)
    {
        var map = AsMapping(node, path, "{type: adam, lr: 1.0e-4, betas: [0.5, 0.9]}");
        if (map is null) return baseline;
        CheckKeys(map, path, OptimizerKeys);
        var o = baseline;
        if (map.Get("type") is { } t) o = o with { Type = ReadChoice(t, path + ".type", "optimizer", OptimizerTypes) ?? o.Type };
        if (map.Get("lr") is { } lr) o = o with { Lr = ReadNumber(lr, path + ".lr", NumRange.Above(0)) ?? o.Lr };
        if (map.Get("betas") is { } b)
        {
            if (o.Type != "adam")
                Error(map.KeyNode("betas"), $"{path}.betas only apply to adam, but the optimizer is {o.Type}; remove betas or use type: adam");
            else if (ReadBetas(b, path + ".betas") is { } betas)
                o = o with { Beta1 = betas.Item1, Beta2 = betas.Item2 };
        }
        return o;
    }

    private (double, double)? ReadBetas(YNode node, string path)
    {
        var list = AsList(node, path, "[0.5, 0.9]");
        if (list is null) return null;
        if (list.Items.Count != 2)
        {
            Error(node, $"{path}: expected exactly two values [beta1, beta2], got {list.Items.Count}");
            return null;
        }
        var range = new NumRange(0, false, 1, true);
        var b1 = ReadNumber(list.Items[0], path + "[0]", range);
        var b2 = ReadNumber(list.Items[1], path + "[1]", range);
        return b1 is null || b2 is null ? null : (b1.Value, b2.Value);
    }

    private static readonly string[] EvalKeys = ["every", "samples", "hq_threshold_std", "image_samples", "classifier"];
    private static readonly string[] ClassifierKeys = ["epochs", "width", "seed"];

    private EvalConfig ReadEval(YNode node)
    {
        var e = new EvalConfig();
        var map = AsMapping(node, "eval", "{every: 250, samples: 2500}");
        if (map is null) return e;
        CheckKeys(map, "eval", EvalKeys);
        if (map.Get("every") is { } ev) e = e with { Every = ReadInt(ev, "eval.every", NumRange.AtLeast(1)) ?? e.Every };
        if (map.Get("samples") is { } s) e = e with { Samples = ReadInt(s, "eval.samples", Limits.EvalSamples) ?? e.Samples };
        if (map.Get("hq_threshold_std") is { } h) e = e with { HqThresholdStd = ReadNumber(h, "eval.hq_threshold_std", NumRange.Above(0)) ?? e.HqThresholdStd };
        if (map.Get("image_samples") is { } i) e = e with { ImageSamples = ReadInt(i, "eval.image_samples", Limits.ImageSamples) ?? e.ImageSamples };
        if (map.Get("classifier") is { } c && AsMapping(c, "eval.classifier", "{epochs: 5, width: 32, seed: 0}") is { } cm)
        {
            CheckKeys(cm, "eval.classifier", ClassifierKeys);
            var k = e.Classifier;
            if (cm.Get("epochs") is { } ep) k = k with { Epochs = ReadInt(ep, "eval.classifier.epochs", new NumRange(1, false, 100, false)) ?? k.Epochs };
            if (cm.Get("width") is { } w) k = k with { Width = ReadInt(w, "eval.classifier.width", new NumRange(1, false, 256, false)) ?? k.Width };
            if (cm.Get("seed") is { } sd) k = k with { Seed = ReadInt(sd, "eval.classifier.seed", NumRange.AtLeast(0)) ?? k.Seed };
            e = e with { Classifier = k };
        }
        return e;
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
