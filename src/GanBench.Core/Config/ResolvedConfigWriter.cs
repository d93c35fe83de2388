using GanBench.Core.Config.Schema;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GanBench.Core.Datasets;

namespace GanBench.Core.Config;

/// <summary>
/// Writes the experiment after defaults as YAML (config.resolved.yaml, and what <c>validate</c>
/// prints), so a reader sees every value that ran without knowing the defaults. The file loads
/// again with <see cref="ExperimentLoader"/> and yields the same trial ids: datasets are written
/// in mapping form with every parameter, arms keep their sweep lists, optimizers are written
/// in full. The expanded trial table goes under <c>trials:</c>, a key the loader accepts and
/// ignores (it is informational only; editing it changes nothing).
/// </summary>
public static class ResolvedConfigWriter
{
    private static string ProtocolText(ProtocolConfig p)
    {
        string keys = p.Kind == ProtocolConfig.FixedGenerator
            ? $"kind: {p.Kind}, noise_std: {D(p.NoiseStd)}, critic_steps: {I(p.CriticSteps)}, checkpoints: {I(p.Checkpoints)}"
            : $"kind: {p.Kind}, pretrain_steps: {I(p.PretrainSteps)}, critic_steps: {I(p.CriticSteps)}, checkpoints: {I(p.Checkpoints)}";
        if (p.CriticOptimizer is { } o) keys += $", critic_optimizer: {Optimizer(o)}";
        if (p.PlateauWindow is int w) keys += $", plateau_window: {I(w)}, plateau_tolerance: {D(p.PlateauTolerance)}";
        return $"{{{keys}}}";
    }

    public static string ToYaml(ExperimentConfig config, IReadOnlyList<TrialSpec> trials)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(trials);
        var sb = new StringBuilder();
        sb.AppendLine("# Resolved by GanBench: every default filled in. Loading this file gives the same trial ids.");
        sb.AppendLine($"name: {Str(config.Name)}");
        sb.AppendLine($"description: {Str(config.Description)}");
        sb.AppendLine($"device: {Str(config.Device)}");
        sb.AppendLine($"seeds: [{string.Join(", ", config.Seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)))}]");
        sb.AppendLine("datasets:");
        foreach (var d in config.Datasets) sb.AppendLine($"  - {Dataset(d)}");
        sb.AppendLine("model:");
        Lines(sb, ConfigSchema.Model.Write(config.Model));
        sb.AppendLine($"  generator: {Network(config.Model.Generator)}");
        sb.AppendLine($"  critic: {Network(config.Model.Critic)}");
        sb.AppendLine("train:");
        var train = ConfigSchema.Train.Write(config.Train);
        var order = ConfigSchema.Train.NamesWith("optimizer", after: "critic_steps");
        train.Add(("optimizer", Optimizer(config.Train.Optimizer)));
        Lines(sb, train.OrderBy(l => Array.IndexOf(order, l.Key)));
        // Written only when not auto, so the resolved files of sweeps from before the key existed stay byte for byte
        // (shard merges compare them as text). A word goes through Str: off is a boolean to YAML 1.1 readers.
        if (!config.Train.Ensemble.IsAuto)
            sb.AppendLine($"  ensemble: {(config.Train.Ensemble.GroupsTrials ? I(config.Train.Ensemble.MaxMembers) : Str(config.Train.Ensemble.ToString()))}");
        sb.AppendLine("losses:");
        foreach (var arm in config.Arms) sb.AppendLine($"  - {Arm(arm)}");
        sb.AppendLine("eval:");
        // image_samples and the classifier enter the trial ids of image trials only, so they are written only with image data.
        bool images = config.Datasets.Any(d => d.IsImage);
        Lines(sb, ConfigSchema.Eval.Write(config.Eval).Where(l => images || l.Key != "image_samples"));
        if (images) sb.AppendLine($"  classifier: {{{Section<ClassifierConfig>.Flow(ConfigSchema.Classifier.Write(config.Eval.Classifier))}}}");
        if (config.Eval.CriticRefit is { } refit) sb.AppendLine($"  critic_refit: {{{Section<CriticRefitConfig>.Flow(ConfigSchema.CriticRefit.Write(refit))}}}");
        if (config.DataDir is not null) sb.AppendLine($"data_dir: {Str(config.DataDir)}");
        if (!config.Protocol.IsStandard) sb.AppendLine($"protocol: {ProtocolText(config.Protocol)}");
        if (config.Baseline is not null) sb.AppendLine($"baseline: {Str(config.Baseline)}");
        if (config.Tensorboard) sb.AppendLine("tensorboard: true");
        if (config.Plugins.Count > 0)
        {
            sb.AppendLine("plugins:");
            foreach (var p in config.Plugins) sb.AppendLine($"  - {Str(p)}");
        }
        sb.AppendLine($"# {trials.Count} trials, in run order. Informational: the loader ignores this key.");
        sb.AppendLine("trials:");
        foreach (var t in trials)
        {
            var l = t.Loss;
            sb.AppendLine($"  - {{trial_id: {Quote(t.TrialId)}, arm: {Str(t.Arm)}, dataset: {Str(t.Dataset.Name)}, seed: {I(t.Seed)}, " +
                          $"objective: {Str(l.Objective)}, penalty: {Str(l.Penalty)}, penalty_weight: {D(l.PenaltyWeight)}, " +
                          $"clip: {(l.Clip is { } c ? D(c) : "null")}, instance_noise: {D(l.InstanceNoise)}" +
                          (l.Clip is not null ? $", clip_mode: {Str(l.ClipMode)}" : "") +
                          (l.InstanceNoise > 0 ? $", instance_noise_schedule: {Str(l.InstanceNoiseSchedule)}" : "") + "}");
        }
        return sb.ToString();
    }

    private static string Dataset(DatasetSpec d)
    {
        var parts = new List<string> { $"name: {Str(d.Name)}", $"type: {Str(d.Type)}" };
        if (d.Type == "mixture")
        {
            // Means are stored divided by the scale; writing them with scale 1 reproduces the same doubles.
            parts.Add($"means: [{string.Join(", ", d.Means.Select(m => "[" + string.Join(", ", m.Select(D)) + "]"))}]");
            parts.Add($"std: {D(d.Std)}");
            parts.Add("scale: 1");
        }
        else
        {
            // The order the schema documents them in reads better than alphabetical.
            var order = Datasets.DatasetKinds.Of(d).Fields.Select(f => f.Key).ToList();
            foreach (var (k, v) in d.Parameters.OrderBy(kv => order.IndexOf(kv.Key) is var i and >= 0 ? i : int.MaxValue))
                parts.Add($"{k}: {D(v)}");
        }
        return "{" + string.Join(", ", parts) + "}";
    }

    private static string Network(NetworkConfig n) =>
        $"{{type: {Str(n.Type)}, {Section<NetworkConfig>.Flow(ConfigSchema.Network.Write(n))}{(n.Type == NetworkConfig.Conv ? $", norm: {Str(n.Norm)}" : "")}}}";

    private static string Optimizer(OptimizerConfig o) =>
        $"{{type: {Str(o.Type)}, {Section<OptimizerConfig>.Flow(ConfigSchema.Optimizer.Write(o))}{(o.Type == "adam" ? $", betas: [{D(o.Beta1)}, {D(o.Beta2)}]" : "")}}}";

    private static void Lines(StringBuilder sb, IEnumerable<(string Key, string Text)> lines)
    {
        foreach (var (key, text) in lines) sb.AppendLine($"  {key}: {text}");
    }

    private static string Arm(ArmSpec a)
    {
        var parts = new List<string> { $"loss: {Str(a.Loss)}" };
        if (a.Label is not null) parts.Add($"name: {Str(a.Label)}");
        foreach (var (k, v) in a.Settings) parts.Add($"{k}: {Str(v)}");
        foreach (var s in a.Sweep)
            parts.Add(s.IsList ? $"{s.Key}: [{string.Join(", ", s.Values.Select(D))}]" : $"{s.Key}: {D(s.Values[0])}");
        if (a.Optimizer is not null) parts.Add($"optimizer: {Optimizer(a.Optimizer)}");
        return "{" + string.Join(", ", parts) + "}";
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string D(double v) => TrialIds.Canonical(v);

    private static readonly Regex Plain = new("^[A-Za-z_][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);

    /// <summary>Plain when unambiguous, otherwise double-quoted with JSON-compatible escapes.</summary>
    private static string Str(string s) =>
        Plain.IsMatch(s) && s is not ("null" or "Null" or "NULL" or "true" or "false" or "True" or "False" or "yes" or "no" or "on" or "off")
            ? s
            : Quote(s);

    // Trial ids are always quoted: a hex id such as 1234e567 would otherwise read as a number.
    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
