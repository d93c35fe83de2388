namespace GanBench.Core.Config.Sweep;

/// <summary>An arm as read, plus what its loss name resolved to: everything expansion needs.</summary>
/// <param name="Parameters">The component options beyond the common arm keys, with their defaults.</param>
public sealed record SweepArm(
    ArmSpec Spec,
    string Objective,
    string Penalty,
    string DefaultPenalty,
    double? DefaultClip,
    double DefaultPenaltyWeight,
    IReadOnlyList<ParameterSpec> Parameters);

/// <summary>Something only visible after expansion, at the arm it concerns (null: the losses list as a whole).</summary>
public sealed record SweepProblem(int? Arm, string Message);

/// <summary>The trials in file order, every arm label produced, and what is wrong.</summary>
public sealed record SweepExpansion(IReadOnlyList<TrialSpec> Trials, IReadOnlyList<string> Labels, IReadOnlyList<SweepProblem> Problems);

/// <summary>
/// Expands arms × grid × datasets × seeds in file order, labels every arm and de-duplicates: a
/// pure function of the experiment and its arms, so it tests without YAML. Labels show only what
/// distinguishes an arm; two arms that train identical trials are refused.
/// </summary>
public static class SweepExpander
{
    /// <summary>A sweep that large is a typo, and expanding it would exhaust memory before any training.</summary>
    public const int MaxTrials = 100_000;

    public static SweepExpansion Expand(ExperimentConfig config, IReadOnlyList<SweepArm> arms)
    {
        long total = arms.Sum(a => a.Spec.Sweep.Aggregate(1L, (n, k) => n * k.Values.Count)) * config.Datasets.Count * (long)config.Seeds.Count;
        if (total > MaxTrials)
            return new([], [], [new(null, $"this experiment expands to {total} trials; the limit is {MaxTrials}; shorten the sweep lists, datasets or seeds")]);

        var trials = new List<TrialSpec>();
        var problems = new List<SweepProblem>();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (int a = 0; a < arms.Count; a++)
        {
            var arm = arms[a];
            foreach (var combo in Grid(arm.Spec.Sweep))
            {
                var label = Label(arm, combo, config.Train);
                if (labels.TryGetValue(label, out var other))
                {
                    problems.Add(new(a, $"arm label '{label}' is produced twice (also by the losses entry at line {arms[other].Spec.Span.Line}); add a distinct name: to one of them"));
                    continue;
                }
                labels[label] = a;
                foreach (var trial in Trials(config, arm, combo, label))
                {
                    var id = TrialIds.Compute(trial);
                    if (ids.TryGetValue(id, out var otherLabel))
                    {
                        if (reported.Add(label))
                            problems.Add(new(a, $"arm '{label}' trains exactly the same trials as arm '{otherLabel}' (identical settings once shorthands and defaults are applied, e.g. wgan is wasserstein with clip 0.01); remove one or change a setting"));
                        continue;
                    }
                    ids[id] = label;
                    trials.Add(trial with { TrialId = id });
                }
            }
        }
        return new(trials, [.. labels.Keys], problems);
    }

    private static IEnumerable<TrialSpec> Trials(ExperimentConfig config, SweepArm arm, Dictionary<string, double> combo, string label)
    {
        var loss = Setup(arm, combo);
        var train = config.Train with
        {
            CriticSteps = combo.TryGetValue("critic_steps", out var cs) ? (int)cs : config.Train.CriticSteps,
            Optimizer = arm.Spec.Optimizer ?? config.Train.Optimizer,
        };
        foreach (var dataset in config.Datasets)
            foreach (var seed in config.Seeds)
                yield return new TrialSpec
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
    }

    /// <summary>The grid of one arm; the first key written is the outermost loop.</summary>
    public static IEnumerable<Dictionary<string, double>> Grid(IReadOnlyList<SweepKey> keys)
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
    public static string Label(SweepArm arm, Dictionary<string, double> combo, TrainConfig train)
    {
        var parts = new List<string> { arm.Spec.Label ?? arm.Spec.Loss };
        bool named = arm.Spec.Label is not null;
        if (!named && arm.Spec.Settings.TryGetValue("penalty", out var pen) && pen != arm.DefaultPenalty)
            parts.Add($"penalty={pen}");
        if (!named && arm.Spec.Settings.TryGetValue("clip_mode", out var mode) && mode != LossSetup.DefaultClipMode)
            parts.Add($"clip_mode={mode}");
        if (!named && arm.Spec.Settings.TryGetValue("instance_noise_schedule", out var schedule) && schedule != LossSetup.DefaultNoiseSchedule)
            parts.Add($"instance_noise_schedule={schedule}");
        foreach (var key in arm.Spec.Sweep)
        {
            double value = combo[key.Key];
            if (key.IsList || (!named && !IsDefault(arm, key.Key, value, train)))
                parts.Add($"{key.Key}={TrialIds.Canonical(value)}");
        }
        return string.Join(" ", parts);
    }

    private static bool IsDefault(SweepArm arm, string key, double value, TrainConfig train) => key switch
    {
        "clip" => arm.DefaultClip == value,
        "instance_noise" => value == 0,
        "penalty_weight" or "gp_weight" => value == arm.DefaultPenaltyWeight,
        "critic_steps" => value == train.CriticSteps,
        _ => arm.Parameters.FirstOrDefault(p => p.Key == key)?.Default == value,
    };

    private static LossSetup Setup(SweepArm arm, Dictionary<string, double> combo)
    {
        double? Get(string k) => combo.TryGetValue(k, out var v) ? v : null;
        var parameters = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in arm.Parameters)
            parameters[p.Key] = Get(p.Key) ?? p.Default;
        return new LossSetup
        {
            Written = arm.Spec.Loss,
            Objective = arm.Objective,
            Penalty = arm.Penalty,
            PenaltyWeight = arm.Penalty == "none" ? 0 : Get("penalty_weight") ?? Get("gp_weight") ?? arm.DefaultPenaltyWeight,
            Clip = Get("clip") ?? arm.DefaultClip,
            InstanceNoise = Get("instance_noise") ?? 0,
            ClipMode = arm.Spec.Settings.GetValueOrDefault("clip_mode", LossSetup.DefaultClipMode),
            InstanceNoiseSchedule = arm.Spec.Settings.GetValueOrDefault("instance_noise_schedule", LossSetup.DefaultNoiseSchedule),
            Parameters = parameters,
        };
    }
}
