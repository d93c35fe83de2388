using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GanBench.Core.Datasets;

namespace GanBench.Core.Config;

/// <summary>
/// Stable trial ids: the first 16 hex digits of SHA-256 over a canonical JSON of everything that
/// changes a trial's numbers (dataset geometry, loss after shorthand expansion, model, merged
/// train block, eval block, seed). Labels and names (experiment, dataset, arm, the loss as
/// written), description and device are left out, so renaming or re-describing never orphans
/// results, while any change to a number gives a new id. Keys are sorted, numbers use the
/// invariant culture and round-trip ("R") formatting, so ids agree across processes and machines.
/// </summary>
public static class TrialIds
{
    /// <summary>Bumped whenever the canonical form changes meaning, so old ids cannot collide with new ones.</summary>
    public const int Version = 1;

    private const string GpTargetKey = "gp_target";

    public static string Compute(TrialSpec trialWithAnyId)
    {
        ArgumentNullException.ThrowIfNull(trialWithAnyId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(trialWithAnyId)));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }

    /// <summary>The exact text that is hashed; exposed so a changed id can be explained by a diff.</summary>
    public static string CanonicalJson(TrialSpec t)
    {
        var loss = Obj(
            ("objective", t.Loss.Objective),
            ("penalty", t.Loss.Penalty),
            ("penalty_weight", t.Loss.PenaltyWeight),
            // gp_target once had a field of its own, written for every trial; it keeps that place in
            // the canonical form (and stays out of "parameters") so that no id changes.
            ("gp_target", t.Loss.Parameters.GetValueOrDefault(GpTargetKey, 1.0)),
            ("clip", t.Loss.Clip),
            ("instance_noise", t.Loss.InstanceNoise),
            ("parameters", new SortedDictionary<string, object?>(t.Loss.Parameters.Where(kv => kv.Key != GpTargetKey).ToDictionary(kv => kv.Key, kv => (object?)kv.Value), StringComparer.Ordinal)));
        // Schedules joined the canonical form later; they appear only when not the default, so
        // every id computed before they existed still names the same trial.
        if (t.Loss.ClipMode != LossSetup.DefaultClipMode) loss["clip_mode"] = t.Loss.ClipMode;
        if (t.Loss.InstanceNoiseSchedule != LossSetup.DefaultNoiseSchedule) loss["instance_noise_schedule"] = t.Loss.InstanceNoiseSchedule;
        var o = Obj(
            ("v", Version),
            ("dataset", DatasetObject(t.Dataset)),
            ("loss", loss),
            ("model", Obj(
                ("latent_dim", t.Model.LatentDim),
                ("generator", Network(t.Model.Generator)),
                ("critic", Network(t.Model.Critic)))),
            ("train", Obj(
                ("iterations", t.Train.Iterations),
                ("batch_size", t.Train.BatchSize),
                ("critic_steps", t.Train.CriticSteps),
                ("optimizer", Optimizer(t.Train.Optimizer)))),
            ("eval", Obj(
                ("every", t.Eval.Every),
                ("samples", t.Eval.Samples),
                ("hq_threshold_std", t.Eval.HqThresholdStd))),
            ("seed", t.Seed));
        // Image-only settings enter the hash only for image trials, so ids of point trials are unchanged.
        if (t.Dataset.IsImage)
        {
            var eval = (SortedDictionary<string, object?>)o["eval"]!;
            eval["image_samples"] = t.Eval.ImageSamples;
            eval["classifier"] = Obj(("epochs", t.Eval.Classifier.Epochs), ("width", t.Eval.Classifier.Width), ("seed", t.Eval.Classifier.Seed));
        }
        // The refit is optional and enters the hash only when written, so every id without it stays.
        if (t.Eval.CriticRefit is { } refit)
            ((SortedDictionary<string, object?>)o["eval"]!)["critic_refit"] = Obj(("steps", refit.Steps), ("lr", refit.Lr));
        // Only a non-standard protocol enters the hash, so ids of standard trials are unchanged.
        if (!t.Protocol.IsStandard) o["protocol"] = ProtocolObject(t.Protocol);
        var sb = new StringBuilder();
        Write(sb, o);
        return sb.ToString();
    }

    /// <summary>Geometry only (no name): two datasets with equal text here sample the same distribution.</summary>
    internal static string CanonicalDataset(DatasetSpec d)
    {
        var sb = new StringBuilder();
        Write(sb, DatasetObject(d));
        return sb.ToString();
    }

    private static SortedDictionary<string, object?> DatasetObject(DatasetSpec d) => Obj(
        ("type", d.Type),
        ("means", d.Means.Select(m => (object?)m.Select(x => (object?)x).ToList()).ToList()),
        ("std", d.Std),
        ("noise", d.Noise),
        ("scale", d.Scale));

    private static SortedDictionary<string, object?> ProtocolObject(ProtocolConfig p)
    {
        var o = p.Kind == ProtocolConfig.FixedGenerator
            ? Obj(("kind", p.Kind), ("critic_steps", p.CriticSteps), ("checkpoints", p.Checkpoints), ("noise_std", p.NoiseStd))
            : Obj(("kind", p.Kind), ("pretrain_steps", p.PretrainSteps), ("critic_steps", p.CriticSteps), ("checkpoints", p.Checkpoints));
        // Only when written, so the ids of protocols without them stay as they were.
        if (p.CriticOptimizer is { } optimizer) o["critic_optimizer"] = Optimizer(optimizer);
        if (p.PlateauWindow is int window)
        {
            o["plateau_window"] = window;
            o["plateau_tolerance"] = p.PlateauTolerance;
        }
        return o;
    }

    private static SortedDictionary<string, object?> Network(NetworkConfig n) => n.Type == NetworkConfig.Conv
        ? Obj(("type", n.Type), ("width", n.Width), ("norm", n.Norm))
        : Obj(("type", n.Type), ("hidden", n.Hidden), ("layers", n.Layers));

    // Betas are inert for rmsprop and sgd; leaving them out keeps an inherited, unused value
    // from splitting otherwise identical trials.
    private static SortedDictionary<string, object?> Optimizer(OptimizerConfig o) => o.Type == "adam"
        ? Obj(("type", o.Type), ("lr", o.Lr), ("beta1", o.Beta1), ("beta2", o.Beta2))
        : Obj(("type", o.Type), ("lr", o.Lr));

    private static SortedDictionary<string, object?> Obj(params (string Key, object? Value)[] entries)
    {
        var d = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in entries) d[k] = v;
        return d;
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case string s: WriteString(sb, s); break;
            case int i: sb.Append(i.ToString(CultureInfo.InvariantCulture)); break;
            case double d:
                if (!double.IsFinite(d)) throw new ArgumentException("trial ids need finite numbers; validation should have caught this");
                sb.Append(Canonical(d));
                break;
            case SortedDictionary<string, object?> obj:
                sb.Append('{');
                bool first = true;
                foreach (var (k, v) in obj)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, k);
                    sb.Append(':');
                    Write(sb, v);
                }
                sb.Append('}');
                break;
            case IEnumerable<object?> list:
                sb.Append('[');
                bool firstItem = true;
                foreach (var v in list)
                {
                    if (!firstItem) sb.Append(',');
                    firstItem = false;
                    Write(sb, v);
                }
                sb.Append(']');
                break;
            default: throw new ArgumentException($"unexpected value of type {value.GetType()} in canonical JSON");
        }
    }

    /// <summary>
    /// The one text of a number: shortest round-trip form, and 0 for −0.0, which compares equal to
    /// 0 and computes the same trial. Spellings such as 1e0, 1.0 and 0.10 are parsed to the same
    /// double before they get here, so they already share a text.
    /// </summary>
    public static string Canonical(double d) => Fields.CanonicalNumber.Format(d);

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        sb.Append('"');
    }
}
