using GanBench.Core.Config.Schema;
using GanBench.Core.Config.Yaml;
using GanBench.Core.Fields;

namespace GanBench.Core.Config;

/// <summary>The fixed sections (model, train, eval): their numeric keys come from <see cref="ConfigSchema"/>; names and nested mappings are read here.</summary>
internal sealed partial class ConfigReader
{
    /// <summary>Reads the numeric keys of a section that are written, range-checked, over <paramref name="baseline"/>.</summary>
    private T ReadSection<T>(YMapping map, string path, Section<T> section, T baseline) where T : new()
    {
        var written = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in section.Keys)
        {
            if (map.Get(key.Name) is not { } node) continue;
            string at = $"{path}.{key.Name}";
            double? value = key.Kind == FieldKind.Integer ? ReadInt(node, at, key.Range) : ReadNumber(node, at, key.Range);
            if (value is double v) written[key.Name] = v;
        }
        return section.Apply(written, baseline);
    }

    // Each section's keys: its schema's numeric keys with the word and mapping keys read here, in the order messages list them.
    private static readonly string[] ModelKeys = [.. ConfigSchema.Model.Names, "generator", "critic"];
    private static readonly string[] NetworkKeys = ["type", .. ConfigSchema.Network.Names, "norm"];
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
        m = ReadSection(map, "model", ConfigSchema.Model, m);
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
        n = ReadSection(map, path, ConfigSchema.Network, n);
        if (map.Get("norm") is { } nm) n = n with { Norm = ReadChoice(nm, path + ".norm", "normalization", NetworkConfig.Norms) ?? n.Norm };
        return n;
    }

    private static readonly string[] TrainKeys = ConfigSchema.Train.NamesWith("optimizer", after: "critic_steps");
    internal static readonly string[] OptimizerKeys = ["type", .. ConfigSchema.Optimizer.Names, "betas"];

    private TrainConfig ReadTrain(YNode node)
    {
        var t = new TrainConfig();
        var map = AsMapping(node, "train", "{iterations: 2000, batch_size: 256, critic_steps: 5}");
        if (map is null) return t;
        CheckKeys(map, "train", TrainKeys);
        t = ReadSection(map, "train", ConfigSchema.Train, t);
        if (map.Get("optimizer") is { } opt) t = t with { Optimizer = ReadOptimizer(opt, "train.optimizer", t.Optimizer) };
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
        o = ReadSection(map, path, ConfigSchema.Optimizer, o);
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

    private static readonly string[] EvalKeys = [.. ConfigSchema.Eval.Names, "classifier"];
    private static readonly string[] ClassifierKeys = [.. ConfigSchema.Classifier.Names];

    private EvalConfig ReadEval(YNode node)
    {
        var e = new EvalConfig();
        var map = AsMapping(node, "eval", "{every: 250, samples: 2500}");
        if (map is null) return e;
        CheckKeys(map, "eval", EvalKeys);
        e = ReadSection(map, "eval", ConfigSchema.Eval, e);
        if (map.Get("classifier") is { } c && AsMapping(c, "eval.classifier", "{epochs: 5, width: 32, seed: 0}") is { } cm)
        {
            CheckKeys(cm, "eval.classifier", ClassifierKeys);
            e = e with { Classifier = ReadSection(cm, "eval.classifier", ConfigSchema.Classifier, e.Classifier) };
        }
        return e;
    }
}
