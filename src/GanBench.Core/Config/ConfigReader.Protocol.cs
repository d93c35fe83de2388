using GanBench.Core.Config.Yaml;
using GanBench.Core.Fields;

namespace GanBench.Core.Config;

internal sealed partial class ConfigReader
{
    private static readonly string[] MeasurementKeys = ["critic_optimizer", "plateau_window", "plateau_tolerance"];
    private static readonly string[] FrozenGeneratorKeys = ["kind", "pretrain_steps", "critic_steps", "checkpoints", .. MeasurementKeys];
    private static readonly string[] FixedGeneratorKeys = ["kind", "noise_std", "critic_steps", "checkpoints", .. MeasurementKeys];
    private const int MaxCheckpoints = 1000;

    /// <summary>Reads <c>protocol:</c>; see <see cref="ProtocolConfig"/> for the keys and ranges.</summary>
    private ProtocolConfig ReadProtocol(YNode node)
    {
        var map = AsMapping(node, "protocol", "{kind: frozen_generator, pretrain_steps: 500, critic_steps: 4000, checkpoints: 20}");
        if (map is null) return new ProtocolConfig();
        string kind = ProtocolConfig.Standard;
        if (map.Get("kind") is { } kindNode)
            kind = ReadChoice(kindNode, "protocol.kind", "protocol kind", ProtocolConfig.Kinds) ?? ProtocolConfig.Standard;
        else
            Error(map, $"protocol: missing required key 'kind'; valid kinds: {string.Join(", ", ProtocolConfig.Kinds)}");

        var allowed = kind switch
        {
            ProtocolConfig.FrozenGenerator => FrozenGeneratorKeys,
            ProtocolConfig.FixedGenerator => FixedGeneratorKeys,
            _ => new[] { "kind" },
        };
        CheckKeys(map, "protocol", allowed, key =>
            FrozenGeneratorKeys.Concat(FixedGeneratorKeys).Contains(key) ? $"; '{key}' does not apply to protocol kind '{kind}'" : null);

        var p = ProtocolConfig.DefaultsFor(kind);
        if (kind == ProtocolConfig.Standard) return p;
        if (map.Get("critic_steps") is { } cs && allowed.Contains("critic_steps"))
            p = p with { CriticSteps = ReadInt(cs, "protocol.critic_steps", NumRange.AtLeast(1)) ?? p.CriticSteps };
        if (map.Get("checkpoints") is { } cp)
            p = p with { Checkpoints = ReadInt(cp, "protocol.checkpoints", new NumRange(2, false, MaxCheckpoints, false)) ?? p.Checkpoints };
        if (kind == ProtocolConfig.FrozenGenerator && map.Get("pretrain_steps") is { } ps)
            p = p with { PretrainSteps = ReadInt(ps, "protocol.pretrain_steps", NumRange.AtLeast(0)) ?? p.PretrainSteps };
        if (kind == ProtocolConfig.FixedGenerator && map.Get("noise_std") is { } ns)
            p = p with { NoiseStd = ReadNumber(ns, "protocol.noise_std", NumRange.Above(0)) ?? p.NoiseStd };
        if (map.Get("critic_optimizer") is { } opt)
            p = p with { CriticOptimizer = ReadOptimizer(opt, "protocol.critic_optimizer", new OptimizerConfig()) };
        if (map.Get("plateau_window") is { } w)
            p = p with { PlateauWindow = ReadInt(w, "protocol.plateau_window", NumRange.AtLeast(1)) };
        if (map.Get("plateau_tolerance") is { } t)
        {
            p = p with { PlateauTolerance = ReadNumber(t, "protocol.plateau_tolerance", new NumRange(0, true, 1, true)) ?? p.PlateauTolerance };
            if (map.Get("plateau_window") is null)
                Error(map.KeyNode("plateau_tolerance"), "protocol.plateau_tolerance needs plateau_window (the steps per window of the stop rule), e.g. plateau_window: 200");
        }
        return p;
    }
}
