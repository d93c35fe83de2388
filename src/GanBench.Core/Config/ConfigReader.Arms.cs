using GanBench.Core.Config.Yaml;

namespace GanBench.Core.Config;

internal sealed partial class ConfigReader
{
    /// <summary>A sweep that large is a typo, and expanding it would exhaust memory before any training.</summary>
    public const int MaxTrials = 100_000;

    /// <summary>Keys every arm accepts; components add their own numeric parameters.</summary>
    internal static readonly string[] ArmKeys =
        ["loss", "name", "clip", "clip_mode", "instance_noise", "instance_noise_schedule", "penalty", "penalty_weight", "gp_weight", "optimizer", "critic_steps"];

    /// <summary>Arm keys whose value is a word, not a number; they are written back through <see cref="ArmSpec.Settings"/>.</summary>
    private static readonly string[] WordKeys = ["loss", "name", "penalty", "optimizer", "clip_mode", "instance_noise_schedule"];

    private const double GenericPenaltyWeight = 10.0;

    /// <summary>An arm plus what its loss name resolved to, kept for expansion.</summary>
    private sealed record ArmPlan(
        ArmSpec Spec,
        YNode Node,
        string Objective,
        string Penalty,
        string DefaultPenalty,
        double? DefaultClip,
        double DefaultPenaltyWeight,
        IReadOnlyList<ParameterSpec> Parameters);

    private readonly List<ArmPlan> _plans = [];

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
            _plans.Add(plan);
            arms.Add(plan.Spec);
        }
        return (arms, ok);
    }

    private ArmPlan? ReadArm(YNode node, string path, TrainConfig train)
    {
        if (node is YScalar { IsNull: false } bare)
        {
            Error(node, $"{path}: each arm is a mapping; write {{loss: {bare.Value}}} instead of '{bare.Value}'");
            return null;
        }
        var map = AsMapping(node, path, "{loss: wgan_gp, gp_weight: [1, 10]}");
        if (map is null) return null;
        int before = Errors.Count;
        var lossNames = _catalog.LossNames.ToList();

        string? loss = null;
        if (map.Get("loss") is { } lossNode)
        {
            loss = ReadString(lossNode, path + ".loss");
            if (loss is not null && !lossNames.Contains(loss))
            {
                var hint = _catalog.TryGet(loss, out var d) && d.Kind == ComponentKind.Penalty
                    ? $"; '{loss}' is a penalty, write e.g. {{loss: wasserstein, penalty: {loss}}}"
                    : Suggest.DidYouMean(loss, lossNames);
                Error(lossNode, $"{path}.loss: unknown loss '{loss}'{hint}; valid losses: {string.Join(", ", lossNames)}");
                loss = null;
            }
        }
        else Error(map, $"{path}: missing required key 'loss'; valid losses: {string.Join(", ", lossNames)}");

        // Resolve what the loss name stands for before checking keys, since the allowed keys
        // depend on the objective and penalty in use.
        string objective = loss ?? "";
        string defaultPenalty = "none";
        double? defaultClip = null;
        double? shorthandWeight = null;
        var parameters = new List<ParameterSpec>();
        if (loss is not null && _catalog.TryGet(loss, out var lossDesc))
        {
            parameters.AddRange(lossDesc.Parameters);
            if (lossDesc.Kind == ComponentKind.Shorthand)
            {
                var exp = lossDesc.Expansion;
                if (exp is null || !_catalog.TryGet(exp.Objective, out var objDesc) || objDesc.Kind != ComponentKind.Objective)
                {
                    Error(map.Get("loss"), $"{path}.loss: shorthand '{loss}' does not name a registered objective to expand to; this is a bug in the component that registers it");
                    return null;
                }
                objective = exp.Objective;
                defaultPenalty = exp.Penalty;
                defaultClip = exp.Clip;
                shorthandWeight = exp.PenaltyWeight;
                parameters.AddRange(objDesc.Parameters);
            }
        }

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
        if (penaltyWritten is not null && defaultPenalty != "none" && penaltyWritten != defaultPenalty)
            Error(penaltyNode, $"{path}.penalty: '{loss}' already uses penalty '{defaultPenalty}'; to use '{penaltyWritten}' write loss: {objective}, penalty: {penaltyWritten}");

        string penalty = penaltyWritten ?? (gpWeightKey is not null ? "gp" : defaultPenalty);
        if (penalty != "none" && !_catalog.TryGet(penalty, out _))
        {
            Error(map.Get("loss"), $"{path}: penalty '{penalty}' is not registered; valid penalties: {string.Join(", ", penaltyNames)}");
            return null;
        }
        if (penalty != "none" && _catalog.TryGet(penalty, out var penDesc)) parameters.AddRange(penDesc.Parameters);
        if (penaltyWeightKey is not null && penalty == "none")
            Error(penaltyWeightKey, $"{path}.penalty_weight has no effect without a penalty; add penalty: gp (or another penalty) or remove it");
        double defaultWeight = penalty == "none" ? 0 : shorthandWeight ?? GenericPenaltyWeight;

        var paramByKey = new Dictionary<string, ParameterSpec>(StringComparer.Ordinal);
        foreach (var p in parameters) paramByKey.TryAdd(p.Key, p);
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
                _ => (paramByKey[key].Integer, NumRange.From(paramByKey[key])),
            };
            var values = ReadSweep(valueNode, $"{path}.{key}", integer, range);
            if (values is not null)
                sweep.Add(new SweepKey(key, values.Select(v => v.Value).ToList(), valueNode is YSequence, Span(valueNode)));
        }

        OptimizerConfig? optimizer = null;
        if (map.Get("optimizer") is { } optNode) optimizer = ReadOptimizer(optNode, path + ".optimizer", train.Optimizer);

        // A mode without the thing it modifies is a misunderstanding worth reporting, as with penalty_weight.
        string? clipMode = null;
        if (map.Get("clip_mode") is { } clipModeNode)
        {
            clipMode = ReadChoice(clipModeNode, path + ".clip_mode", "clip_mode", LossSetup.ClipModes);
            if (clipMode is not null && defaultClip is null && map.Get("clip") is null)
                Error(map.KeyNode("clip_mode"), $"{path}.clip_mode has no effect without weight clipping; add clip: 0.01 (or another bound) or remove it");
        }
        string? noiseSchedule = null;
        if (map.Get("instance_noise_schedule") is { } scheduleNode)
        {
            noiseSchedule = ReadChoice(scheduleNode, path + ".instance_noise_schedule", "instance_noise_schedule", LossSetup.NoiseSchedules);
            if (noiseSchedule is not null && map.Get("instance_noise") is null)
                Error(map.KeyNode("instance_noise_schedule"), $"{path}.instance_noise_schedule has no effect without instance_noise; add instance_noise: 0.1 (the starting sigma) or remove it");
        }

        if (Errors.Count != before || loss is null) return null;

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (penaltyWritten is not null) settings["penalty"] = penaltyWritten;
        if (clipMode is not null) settings["clip_mode"] = clipMode;
        if (noiseSchedule is not null) settings["instance_noise_schedule"] = noiseSchedule;
        var spec = new ArmSpec
        {
            Span = Span(map),
            Loss = loss,
            Label = label,
            Sweep = sweep,
            Settings = settings,
            Optimizer = optimizer,
        };
        var extra = paramByKey.Values.Where(p => !ArmKeys.Contains(p.Key)).ToList();
        return new ArmPlan(spec, map, objective, penalty, defaultPenalty, defaultClip, defaultWeight, extra);
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
    /// Expands arms × grid × datasets × seeds in file order and checks what only shows after
    /// expansion: labels, duplicate trials, the baseline and the total size.
    /// </summary>
    private List<TrialSpec> Expand(ExperimentConfig config, YNode lossesNode, YNode? baselineNode)
    {
        long total = 0;
        foreach (var plan in _plans)
            total += plan.Spec.Sweep.Aggregate(1L, (n, k) => n * k.Values.Count);
        total *= config.Datasets.Count * (long)config.Seeds.Count;
        if (total > MaxTrials)
        {
            Error(lossesNode, $"this experiment expands to {total} trials; the limit is {MaxTrials}; shorten the sweep lists, datasets or seeds");
            return [];
        }

        var trials = new List<TrialSpec>();
        var labels = new Dictionary<string, ArmPlan>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in _plans)
        {
            foreach (var combo in Grid(plan.Spec.Sweep))
            {
                var label = Label(plan, combo, config.Train);
                if (labels.TryGetValue(label, out var other))
                {
                    Error(plan.Node, $"arm label '{label}' is produced twice (also by the losses entry at line {other.Node.Line}); add a distinct name: to one of them");
                    continue;
                }
                labels[label] = plan;
                var loss = Setup(plan, combo);
                var train = config.Train with
                {
                    CriticSteps = combo.TryGetValue("critic_steps", out var cs) ? (int)cs : config.Train.CriticSteps,
                    Optimizer = plan.Spec.Optimizer ?? config.Train.Optimizer,
                };
                foreach (var dataset in config.Datasets)
                foreach (var seed in config.Seeds)
                {
                    var trial = new TrialSpec
                    {
                        TrialId = "",
                        Experiment = config.Name,
                        Arm = label,
                        Dataset = dataset,
                        Seed = seed,
                        Loss = loss,
                        Model = config.Model,
                        Train = train,
                        Eval = config.Eval,
                        Protocol = config.Protocol,
                        DataDir = config.DataDir,
                    };
                    var id = TrialIds.Compute(trial);
                    if (ids.TryGetValue(id, out var otherLabel))
                    {
                        if (reported.Add(label))
                            Error(plan.Node, $"arm '{label}' trains exactly the same trials as arm '{otherLabel}' (identical settings once shorthands and defaults are applied, e.g. wgan is wasserstein with clip 0.01); remove one or change a setting");
                        continue;
                    }
                    ids[id] = label;
                    trials.Add(trial with { TrialId = id });
                }
            }
        }

        if (baselineNode is not null && config.Baseline is not null && !labels.ContainsKey(config.Baseline))
        {
            var names = labels.Keys.ToList();
            Error(baselineNode, $"baseline '{config.Baseline}' is not an arm label{Suggest.DidYouMean(config.Baseline, names)}; arms: {string.Join(", ", names.Select(n => $"'{n}'"))}");
        }
        return trials;
    }

    /// <summary>The grid of one arm; the first key written is the outermost loop.</summary>
    private static IEnumerable<Dictionary<string, double>> Grid(IReadOnlyList<SweepKey> keys)
    {
        IEnumerable<Dictionary<string, double>> acc = [new Dictionary<string, double>(StringComparer.Ordinal)];
        foreach (var k in keys)
        {
            var key = k;
            acc = acc.SelectMany(prefix => key.Values.Select(v => new Dictionary<string, double>(prefix, StringComparer.Ordinal) { [key.Key] = v })).ToList();
        }
        return acc;
    }

    /// <summary>
    /// name: if given, else the loss as written; then key=value for each swept key and, without a
    /// name, for each scalar key written with a non-default value. So labels only show what
    /// distinguishes an arm.
    /// </summary>
    private static string Label(ArmPlan plan, Dictionary<string, double> combo, TrainConfig train)
    {
        var parts = new List<string> { plan.Spec.Label ?? plan.Spec.Loss };
        bool named = plan.Spec.Label is not null;
        if (!named && plan.Spec.Settings.TryGetValue("penalty", out var pen) && pen != plan.DefaultPenalty)
            parts.Add($"penalty={pen}");
        if (!named && plan.Spec.Settings.TryGetValue("clip_mode", out var mode) && mode != LossSetup.DefaultClipMode)
            parts.Add($"clip_mode={mode}");
        if (!named && plan.Spec.Settings.TryGetValue("instance_noise_schedule", out var schedule) && schedule != LossSetup.DefaultNoiseSchedule)
            parts.Add($"instance_noise_schedule={schedule}");
        foreach (var key in plan.Spec.Sweep)
        {
            double value = combo[key.Key];
            if (key.IsList || (!named && !IsDefault(plan, key.Key, value, train)))
                parts.Add($"{key.Key}={F(value)}");
        }
        return string.Join(" ", parts);
    }

    private static bool IsDefault(ArmPlan plan, string key, double value, TrainConfig train) => key switch
    {
        "clip" => plan.DefaultClip == value,
        "instance_noise" => value == 0,
        "penalty_weight" or "gp_weight" => value == plan.DefaultPenaltyWeight,
        "critic_steps" => value == train.CriticSteps,
        _ => plan.Parameters.FirstOrDefault(p => p.Key == key)?.Default == value,
    };

    private static LossSetup Setup(ArmPlan plan, Dictionary<string, double> combo)
    {
        double? Get(string k) => combo.TryGetValue(k, out var v) ? v : null;
        var parameters = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in plan.Parameters)
            parameters[p.Key] = Get(p.Key) ?? p.Default;
        return new LossSetup
        {
            Written = plan.Spec.Loss,
            Objective = plan.Objective,
            Penalty = plan.Penalty,
            PenaltyWeight = plan.Penalty == "none" ? 0 : Get("penalty_weight") ?? Get("gp_weight") ?? plan.DefaultPenaltyWeight,
            Clip = Get("clip") ?? plan.DefaultClip,
            InstanceNoise = Get("instance_noise") ?? 0,
            ClipMode = plan.Spec.Settings.GetValueOrDefault("clip_mode", LossSetup.DefaultClipMode),
            InstanceNoiseSchedule = plan.Spec.Settings.GetValueOrDefault("instance_noise_schedule", LossSetup.DefaultNoiseSchedule),
            Parameters = parameters,
        };
    }
}
