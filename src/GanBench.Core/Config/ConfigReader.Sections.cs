using System.Globalization;
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

    /// <summary>
    /// Reads one section mapping over <paramref name="baseline"/>: its shape, its allowed keys, then
    /// <paramref name="first"/> (word keys the numeric keys depend on), the schema's numeric keys,
    /// and <paramref name="then"/> (nested mappings and keys checked against the others).
    /// </summary>
    private T ReadMapping<T>(YNode node, string path, Section<T> section, string[] allowed, T baseline,
        Func<YMapping, T, T>? first = null, Func<YMapping, T, T>? then = null) where T : new()
    {
        var map = AsMapping(node, path, section.Example);
        if (map is null) return baseline;
        CheckKeys(map, path, allowed);
        var value = first is null ? baseline : first(map, baseline);
        value = ReadSection(map, path, section, value);
        return then is null ? value : then(map, value);
    }

    private ModelConfig ReadModel(YNode node) => ReadMapping(node, "model", ConfigSchema.Model, ModelKeys, new ModelConfig(), then: (map, m) =>
    {
        if (map.Get("generator") is { } g) m = m with { Generator = ReadNetwork(g, "model.generator") };
        if (map.Get("critic") is { } c) m = m with { Critic = ReadNetwork(c, "model.critic") };
        return m;
    });

    private NetworkConfig ReadNetwork(YNode node, string path) => ReadMapping(node, path, ConfigSchema.Network, NetworkKeys, new NetworkConfig(),
        first: (map, n) =>
        {
            if (map.Get("type") is { } t) n = n with { Type = ReadChoice(t, path + ".type", "network type", NetworkTypes) ?? n.Type };
            foreach (var (type, keys) in NetworkTypeKeys)
                if (type != n.Type)
                    foreach (var key in keys)
                        if (map.Get(key) is { } misplaced)
                            Error(misplaced, $"{path}.{key} applies to type {type}, not {n.Type}; {n.Type} takes {string.Join(", ", NetworkTypeKeys[n.Type])}");
            return n;
        },
        then: (map, n) => map.Get("norm") is { } nm ? n with { Norm = ReadChoice(nm, path + ".norm", "normalization", NetworkConfig.Norms) ?? n.Norm } : n);

    private static readonly string[] TrainKeys = [.. ConfigSchema.Train.NamesWith("optimizer", after: "critic_steps"), "ensemble"];
    internal static readonly string[] OptimizerKeys = ["type", .. ConfigSchema.Optimizer.Names, "betas"];

    private TrainConfig ReadTrain(YNode node) => ReadMapping(node, "train", ConfigSchema.Train, TrainKeys, new TrainConfig(),
        then: (map, t) =>
        {
            if (map.Get("optimizer") is { } opt) t = t with { Optimizer = ReadOptimizer(opt, "train.optimizer", t.Optimizer) };
            if (map.Get("ensemble") is { } ens) t = t with { Ensemble = ReadEnsemble(ens, "train.ensemble") ?? t.Ensemble };
            return t;
        });

    private static readonly string[] EnsembleWords = ["auto", "off"];
    private static readonly NumRange EnsembleRange = new(1, false, EnsembleMode.Limit, false);

    /// <summary>
    /// auto, off or an integer K in [1, 64]; nothing else, not even true/false, so that one spelling
    /// means one thing. A word may be quoted, a number may not (as for every numeric key).
    /// </summary>
    private EnsembleMode? ReadEnsemble(YNode node, string path)
    {
        string expected = $"auto, off or an integer {EnsembleRange}";
        if (node is not YScalar s || s.IsNull)
        {
            Error(node, $"{path}: expected {expected}, got {node.Describe()}");
            return null;
        }
        var text = s.Value.Trim();
        if (text == "auto") return EnsembleMode.Auto;
        if (text == "off") return EnsembleMode.Off;
        bool parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v);
        if (parsed && !s.IsPlain)
        {
            Error(node, $"{path}: expected {expected}, got the quoted string '{s.Value}'; remove the quotes");
            return null;
        }
        if (parsed || IsYamlNonFinite(text))
        {
            if (parsed && double.IsFinite(v) && Math.Floor(v) == v && EnsembleRange.Contains(v)) return EnsembleMode.AtMost((int)v);
            Error(node, $"{path} must be {expected}, got {s.Value}");
            return null;
        }
        string hint = text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => "; it is not a flag: write auto to group trials, or an integer K for at most K to a group",
            "false" or "no" => "; it is not a flag: write off to train every trial alone",
            _ => Suggest.DidYouMean(text, EnsembleWords),
        };
        Error(node, $"{path}: unknown value '{s.Value}'{hint}; expected {expected}");
        return null;
    }

    /// <summary>Reads an optimizer mapping over <paramref name="baseline"/>: keys not written keep its values.</summary>
    private OptimizerConfig ReadOptimizer(YNode node, string path, OptimizerConfig baseline) => ReadMapping(node, path, ConfigSchema.Optimizer, OptimizerKeys, baseline,
        first: (map, o) => map.Get("type") is { } t ? o with { Type = ReadChoice(t, path + ".type", "optimizer", OptimizerTypes) ?? o.Type } : o,
        then: (map, o) =>
        {
            if (map.Get("betas") is not { } b) return o;
            if (o.Type != "adam")
                Error(map.KeyNode("betas"), $"{path}.betas only apply to adam, but the optimizer is {o.Type}; remove betas or use type: adam");
            else if (ReadBetas(b, path + ".betas") is { } betas)
                o = o with { Beta1 = betas.Item1, Beta2 = betas.Item2 };
            return o;
        });

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

    private static readonly string[] EvalKeys = [.. ConfigSchema.Eval.Names, "classifier", "critic_refit"];
    private static readonly string[] ClassifierKeys = [.. ConfigSchema.Classifier.Names];
    private static readonly string[] CriticRefitKeys = [.. ConfigSchema.CriticRefit.Names];

    private EvalConfig ReadEval(YNode node) => ReadMapping(node, "eval", ConfigSchema.Eval, EvalKeys, new EvalConfig(),
        then: (map, e) =>
        {
            if (map.Get("classifier") is { } c)
                e = e with { Classifier = ReadMapping(c, "eval.classifier", ConfigSchema.Classifier, ClassifierKeys, e.Classifier) };
            // Written at all (even as {}) turns the refit on, with the defaults for keys left out.
            if (map.Get("critic_refit") is { } r)
                e = e with { CriticRefit = ReadMapping(r, "eval.critic_refit", ConfigSchema.CriticRefit, CriticRefitKeys, new CriticRefitConfig()) };
            return e;
        });
}
