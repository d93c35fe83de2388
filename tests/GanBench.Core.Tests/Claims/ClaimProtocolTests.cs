using GanBench.Core.Claims;
using GanBench.Core.Config;
using GanBench.Training.Components;

namespace GanBench.Core.Tests.Claims;

/// <summary>claims.md's protocol line is read from the experiment that ran, so it cannot drift from it.</summary>
public class ClaimProtocolTests
{
    private static string Describe(int claim, string file)
    {
        var r = ExperimentLoader.Load(Path.Combine(ShippedTrialIdTests.RepoRoot(), "experiments", "claims", file), BuiltinComponents.Catalog());
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return ClaimProtocol.Describe(claim, r.Config!, r.Trials.Select(t => t.Arm).Distinct().ToList());
    }

    [Fact]
    public void The_frozen_generator_protocol_names_its_paper_stop_rule_and_critic_optimizer()
    {
        string text = Describe(1, "claim1-vanishing-gradient.yaml");
        Assert.StartsWith("**Protocol** (follows Arjovsky & Bottou 2017, Fig. 2 and 3): frozen_generator: the generator pre-trained 500 steps", text);
        Assert.Contains("trained up to 4000 steps (stopped when its loss improves by less than 1% over 500-step windows) with Adam(0.001, β = (0.5, 0.9))", text);
        Assert.Contains("latent dimension 1, generator MLP 3 × 128, critic MLP 3 × 128, batch 256", text);
        Assert.EndsWith("arms minimax.", text);
    }

    [Fact]
    public void The_standard_protocol_names_its_schedule_and_the_critic_refit()
    {
        string text = Describe(5, "claim5-critic-tracks-w1.yaml");
        Assert.Contains("standard: 500 generator steps, 5 critic step(s) each, evaluated every 50 steps on 1000 samples, with a critic refit of 500 Adam(0.001) steps", text);
        Assert.Contains("arms wgan_gp, ", text);
    }

    [Fact]
    public void A_fixed_generator_protocol_names_no_generator_network()
    {
        string text = Describe(3, "claim3-weight-clipping.yaml");
        Assert.Contains("fixed_generator: fakes are real data + N(0, 1²); the critic trained 1000 steps, measured at 5 checkpoints; critic MLP 12 × 128, batch 256", text);
        Assert.DoesNotContain("generator MLP", text);
    }
}
