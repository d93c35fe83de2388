using System.Globalization;
using GanBench.Core.Config;

namespace GanBench.Core.Claims;

/// <summary>The protocol line of claims.md: the paper and figure a claim's experiment follows, and the settings it ran with, read from the experiment itself.</summary>
public static class ClaimProtocol
{
    public static readonly IReadOnlyDictionary<int, string> Follows = new Dictionary<int, string>
    {
        [1] = "Arjovsky & Bottou 2017, Fig. 2 and 3",
        [2] = "Arjovsky & Bottou 2017, §3 (instance noise)",
        [3] = "Gulrajani et al. 2017 (WGAN-GP), Fig. 1b",
        [4] = "the VEEGAN / PacGAN 2-D mode-coverage protocol (Srivastava et al. 2017; Lin et al. 2018, Table 1)",
        [5] = "Arjovsky et al. 2017 (WGAN), Fig. 3 and 4",
    };

    public static string Describe(int claim, ExperimentConfig config, IReadOnlyList<string> arms)
    {
        static string N(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        static string Net(NetworkConfig n) => n.Type == NetworkConfig.Mlp ? $"MLP {n.Layers} × {n.Hidden}" : $"{n.Type} width {n.Width}";
        static string Opt(OptimizerConfig o) => o.Type == "adam" ? $"Adam({N(o.Lr)}, β = ({N(o.Beta1)}, {N(o.Beta2)}))" : $"{o.Type}({N(o.Lr)})";
        var p = config.Protocol;
        var t = config.Train;
        string schedule = p.Kind switch
        {
            ProtocolConfig.FrozenGenerator =>
                $"frozen_generator: the generator pre-trained {p.PretrainSteps} steps, then frozen; a fresh critic trained up to {p.CriticSteps} steps"
                + (p.PlateauWindow is int w ? $" (stopped when its loss improves by less than {N(p.PlateauTolerance * 100)}% over {w}-step windows)" : "")
                + $" with {(p.CriticOptimizer is { } co ? Opt(co) : "the arm's optimizer")}, measured at {p.Checkpoints} log-spaced checkpoints",
            ProtocolConfig.FixedGenerator =>
                $"fixed_generator: fakes are real data + N(0, {N(p.NoiseStd)}²); the critic trained {p.CriticSteps} steps, measured at {p.Checkpoints} checkpoints",
            _ => $"standard: {t.Iterations} generator steps, {t.CriticSteps} critic step(s) each, evaluated every {config.Eval.Every} steps on {config.Eval.Samples} samples"
                 + (config.Eval.CriticRefit is { } r ? $", with a critic refit of {r.Steps} Adam({N(r.Lr)}) steps at each evaluation" : ""),
        };
        // A fixed "generator" is data plus noise: no latent and no generator network take part.
        string networks = p.Kind == ProtocolConfig.FixedGenerator ? $"critic {Net(config.Model.Critic)}"
            : $"latent dimension {config.Model.LatentDim}, generator {Net(config.Model.Generator)}, critic {Net(config.Model.Critic)}";
        return $"**Protocol** (follows {Follows.GetValueOrDefault(claim, "-")}): {schedule}; {networks}, batch {t.BatchSize}, {Opt(t.Optimizer)} unless an arm sets its own; datasets {string.Join(", ", config.Datasets.Select(d => d.Name))}; arms {string.Join(", ", arms)}.";
    }
}
