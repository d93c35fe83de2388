using GanBench.Core.Config.Sweep;
using GanBench.Core.Config.Yaml;
using GanBench.Core.Fields;

namespace GanBench.Core.Config;

internal sealed partial class ConfigReader
{
    /// <summary>Keys every arm accepts; components add their own numeric parameters.</summary>
    internal static readonly string[] ArmKeys =
        ["loss", "name", "clip", "clip_mode", "instance_noise", "instance_noise_schedule", "penalty", "penalty_weight", "gp_weight", "optimizer", "critic_steps"];

    /// <summary>Arm keys whose value is a word, not a number; they are written back through <see cref="ArmSpec.Settings"/>.</summary>
    private static readonly string[] WordKeys = ["loss", "name", "penalty", "optimizer", "clip_mode", "instance_noise_schedule"];

    private const double GenericPenaltyWeight = 10.0;

    /// <summary>The arms read, for expansion, with the mapping each came from (where its problems are reported).</summary>
    private readonly List<(SweepArm Arm, YNode Node)> _plans = [];

    private (List<ArmSpec>, bool) ReadArms(YNode node, TrainConfig train)
    {
        var arms = new List<ArmSpec>();
        var list = AsList(node, "losses", "[{loss: non_saturating}, {loss: wgan_gp}]");
        if (list is null) return (arms, false);
        if (list.Items.Count == 0)
        {
            Error(node, $"losses is an empty list; add at least one arm, e.g. losses: [{{loss: non_saturating}}] (losses: {string.Join(", ", _catalog.LossNames)})");
            return (arms, false);
        }
        bool ok = true;
        for (int i = 0; i < list.Items.Count; i++)
        {
            var plan = ReadArm(list.Items[i], $"losses[{i}]", train);
            if (plan is null) { ok = false; continue; }
            _plans.Add((plan, list.Items[i]));
            arms.Add(plan.Spec);
        }
        return (arms, ok);
    }

    /// <summary>What an arm's loss name stands for: a shorthand fills in its objective, penalty, clip and weight.</summary>
    private sealed record LossResolution(string Objective, string DefaultPenalty, double? DefaultClip, double? ShorthandWeight, List<ParameterSpec> Parameters);

    private SweepArm? ReadArm(YNode node, string path, TrainConfig train)
    {
        if (node is YScalar { IsNull: false } bare)
        {
            Error(node, $"{path}: each arm is a mapping; write {{loss: {bare.Value}}} instead of '{bare.Value}'");
            return null;
        }
        var map = AsMapping(node, path, "{loss: wgan_gp, gp_weight: [1, 10]}");
        if (map is null) return null;
        int before = Errors.Count;
        string? loss = ReadLossName(map, path);
        // Resolve what the loss name stands for before checking keys, since the allowed keys
        // depend on the objective and penalty in use.
        if (ResolveLoss(map, path, loss) is not { } resolved) return null;
        if (ResolvePenalty(map, path, loss, resolved) is not { } penalties) return null;
        var (penaltyWritten, penalty, defaultWeight) = penalties;

        var paramByKey = new Dictionary<string, ParameterSpec>(StringComparer.Ordinal);
        foreach (var p in resolved.Parameters) paramByKey.TryAdd(p.Key, p);
        var allowed = ArmKeys.Concat(paramByKey.Keys.Where(k => !ArmKeys.Contains(k))).ToList();
        if (loss is not null)
            CheckKeys(map, path, allowed, key => ExplainForeignParameter(key));
        else
        {
            // Without a known loss the allowed set is unknown; still flag keys no component accepts.
            var anyKey = ArmKeys.Concat(_catalog.All.SelectMany(d => d.Parameters).Select(p => p.Key)).Distinct().ToList();
            CheckKeys(map, path, anyKey);
        }

        string? label = null;
        if (map.Get("name") is { } nameNode) label = ReadString(nameNode, path + ".name");
        var sweep = ReadSweepKeys(map, path, allowed, paramByKey);
        OptimizerConfig? optimizer = null;
        if (map.Get("optimizer") is { } optNode) optimizer = ReadOptimizer(optNode, path + ".optimizer", train.Optimizer);
        var words = ReadWordSettings(map, path, resolved.DefaultClip);
        if (Errors.Count != before || loss is null) return null;

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (penaltyWritten is not null) settings["penalty"] = penaltyWritten;
        foreach (var (key, value) in words) settings[key] = value;
        var spec = new ArmSpec { Span = Span(map), Loss = loss, Label = label, Sweep = sweep, Settings = settings, Optimizer = optimizer };
        var extra = paramByKey.Values.Where(p => !ArmKeys.Contains(p.Key)).ToList();
        return new SweepArm(spec, resolved.Objective, penalty, resolved.DefaultPenalty, resolved.DefaultClip, defaultWeight, extra);
    }

    private string? ReadLossName(YMapping map, string path)
    {
        var lossNames = _catalog.LossNames.ToList();
        if (map.Get("loss") is not { } lossNode)
        {
            Error(map, $"{path}: missing required key 'loss'; valid losses: {string.Join(", ", lossNames)}");
            return null;
        }
        var loss = ReadString(lossNode, path + ".loss");
        if (loss is null || lossNames.Contains(loss)) return loss;
        var hint = _catalog.TryGet(loss, out var d) && d.Kind == ComponentKind.Penalty
            ? $"; '{loss}' is a penalty, write e.g. {{loss: wasserstein, penalty: {loss}}}"
            : Suggest.DidYouMean(loss, lossNames);
        Error(lossNode, $"{path}.loss: unknown loss '{loss}'{hint}; valid losses: {string.Join(", ", lossNames)}");
        return null;
    }

    /// <summary>Null only when a shorthand names no registered objective (a bug in its component).</summary>
    private LossResolution? ResolveLoss(YMapping map, string path, string? loss)
    {
        var resolved = new LossResolution(loss ?? "", "none", null, null, []);
        if (loss is null || !_catalog.TryGet(loss, out var lossDesc)) return resolved;
        resolved.Parameters.AddRange(lossDesc.Parameters);
        if (lossDesc.Kind != ComponentKind.Shorthand) return resolved;
        var exp = lossDesc.Expansion;
        if (exp is null || !_catalog.TryGet(exp.Objective, out var objDesc) || objDesc.Kind != ComponentKind.Objective)
        {
            Error(map.Get("loss"), $"{path}.loss: shorthand '{loss}' does not name a registered objective to expand to; this is a bug in the component that registers it");
            return null;
        }
        resolved.Parameters.AddRange(objDesc.Parameters);
        return resolved with { Objective = exp.Objective, DefaultPenalty = exp.Penalty, DefaultClip = exp.Clip, ShorthandWeight = exp.PenaltyWeight };
    }

    /// <summary>The penalty as written, the one in force and its default weight; adds the penalty's options to the arm's. Null when it is not registered.</summary>
    private (string? Written, string Penalty, double DefaultWeight)? ResolvePenalty(YMapping map, string path, string? loss, LossResolution resolved)
    {
        var penaltyNames = _catalog.Names(ComponentKind.Penalty).ToList();
        string? penaltyWritten = null;
        var penaltyNode = map.Get("penalty");
        if (penaltyNode is not null)
            penaltyWritten = ReadChoice(penaltyNode, path + ".penalty", "penalty", penaltyNames);
        var gpWeightKey = map.KeyNode("gp_weight");
        var penaltyWeightKey = map.KeyNode("penalty_weight");

        if (gpWeightKey is not null && penaltyWeightKey is not null)
            Error(penaltyWeightKey, $"{path}: gp_weight and penalty_weight both set the penalty weight; keep one");
        if (gpWeightKey is not null && penaltyWritten is not null && penaltyWritten != "gp")
            Error(gpWeightKey, $"{path}.gp_weight is the weight of the gp penalty, but penalty is '{penaltyWritten}'; use penalty_weight instead");
        if (penaltyWritten is not null && resolved.DefaultPenalty != "none" && penaltyWritten != resolved.DefaultPenalty)
            Error(penaltyNode, $"{path}.penalty: '{loss}' already uses penalty '{resolved.DefaultPenalty}'; to use '{penaltyWritten}' write loss: {resolved.Objective}, penalty: {penaltyWritten}");

        string penalty = penaltyWritten ?? (gpWeightKey is not null ? "gp" : resolved.DefaultPenalty);
        if (penalty != "none" && !_catalog.TryGet(penalty, out _))
        {
            Error(map.Get("loss"), $"{path}: penalty '{penalty}' is not registered; valid penalties: {string.Join(", ", penaltyNames)}");
            return null;
        }
        if (penalty != "none" && _catalog.TryGet(penalty, out var penDesc)) resolved.Parameters.AddRange(penDesc.Parameters);
        if (penaltyWeightKey is not null && penalty == "none")
            Error(penaltyWeightKey, $"{path}.penalty_weight has no effect without a penalty; add penalty: gp (or another penalty) or remove it");
        return (penaltyWritten, penalty, penalty == "none" ? 0 : resolved.ShorthandWeight ?? GenericPenaltyWeight);
    }

    /// <summary>Every numeric key in the order written; a list is a sweep.</summary>
    private List<SweepKey> ReadSweepKeys(YMapping map, string path, List<string> allowed, Dictionary<string, ParameterSpec> paramByKey)
    {
        var sweep = new List<SweepKey>();
        foreach (var (keyNode, valueNode) in map.Entries)
        {
            var key = keyNode.Value;
            if (WordKeys.Contains(key) || !allowed.Contains(key)) continue;
            (bool integer, NumRange range) = key switch
            {
                "clip" => (false, NumRange.Above(0)),
                "instance_noise" => (false, NumRange.AtLeast(0)),
                "penalty_weight" or "gp_weight" => (false, NumRange.AtLeast(0)),
                "critic_steps" => (true, Limits.CriticSteps),
                _ => (paramByKey[key].Integer, paramByKey[key].Range),
            };
            var values = ReadSweep(valueNode, $"{path}.{key}", integer, range);
            if (values is not null)
                sweep.Add(new SweepKey(key, values.Select(v => v.Value).ToList(), valueNode is YSequence, Span(valueNode)));
        }
        return sweep;
    }

    /// <summary>clip_mode and instance_noise_schedule; a mode without the thing it modifies is a misunderstanding worth reporting.</summary>
    private Dictionary<string, string> ReadWordSettings(YMapping map, string path, double? defaultClip)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Get("clip_mode") is { } clipModeNode)
        {
            var clipMode = ReadChoice(clipModeNode, path + ".clip_mode", "clip_mode", LossSetup.ClipModes);
            if (clipMode is not null && defaultClip is null && map.Get("clip") is null)
                Error(map.KeyNode("clip_mode"), $"{path}.clip_mode has no effect without weight clipping; add clip: 0.01 (or another bound) or remove it");
            if (clipMode is not null) settings["clip_mode"] = clipMode;
        }
        if (map.Get("instance_noise_schedule") is { } scheduleNode)
        {
            var noiseSchedule = ReadChoice(scheduleNode, path + ".instance_noise_schedule", "instance_noise_schedule", LossSetup.NoiseSchedules);
            if (noiseSchedule is not null && map.Get("instance_noise") is null)
                Error(map.KeyNode("instance_noise_schedule"), $"{path}.instance_noise_schedule has no effect without instance_noise; add instance_noise: 0.1 (the starting sigma) or remove it");
            if (noiseSchedule is not null) settings["instance_noise_schedule"] = noiseSchedule;
        }
        return settings;
    }

    /// <summary>A key that belongs to a component this arm does not use deserves that explanation, not a spelling hint.</summary>
    private string? ExplainForeignParameter(string key)
    {
        var owner = _catalog.All.FirstOrDefault(d => d.Parameters.Any(p => p.Key == key));
        if (owner is null) return null;
        string kind = owner.Kind switch { ComponentKind.Penalty => "penalty", ComponentKind.Objective => "objective", _ => "loss" };
        return $"; '{key}' is a parameter of {kind} '{owner.Name}', which this arm does not use";
    }

    /// <summary>
    /// Expands the arms (<see cref="SweepExpander"/>) and reports what only shows after expansion
    /// at the arm it concerns: labels produced twice, duplicate trials, the total size, the baseline.
    /// </summary>
    private List<TrialSpec> Expand(ExperimentConfig config, YNode lossesNode, YNode? baselineNode)
    {
        var expansion = SweepExpander.Expand(config, _plans.Select(p => p.Arm).ToList());
        foreach (var problem in expansion.Problems)
            Error(problem.Arm is int arm ? _plans[arm].Node : lossesNode, problem.Message);
        if (expansion.Problems.Count > 0 && expansion.Trials.Count == 0 && expansion.Labels.Count == 0) return [];
        if (baselineNode is not null && config.Baseline is not null && !expansion.Labels.Contains(config.Baseline))
        {
            var names = expansion.Labels;
            Error(baselineNode, $"baseline '{config.Baseline}' is not an arm label{Suggest.DidYouMean(config.Baseline, names)}; arms: {string.Join(", ", names.Select(n => $"'{n}'"))}");
        }
        return [.. expansion.Trials];
    }
}
