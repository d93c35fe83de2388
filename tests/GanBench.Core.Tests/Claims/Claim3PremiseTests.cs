using GanBench.Core.Claims;

namespace GanBench.Core.Tests.Claims;

/// <summary>Claim 3's four outcomes; thresholds come from the claim's words, so a 24% saturation cannot flip it.</summary>
public class Claim3PremiseTests
{
    private static IReadOnlyList<double> Geometric(double first, double factor, int n = 11) =>
        Enumerable.Range(0, n).Select(i => first * Math.Pow(factor, i)).ToList();

    private static List<LayerProfile> Profiles(IReadOnlyList<double> gp, double saturation = 0.9) =>
    [
        new("wgan clip=0.1", 0.1, 0, Geometric(5e6, 0.2), saturation),
        new("wgan clip=0.01", 0.01, 0, Geometric(4e-15, 10), saturation),
        new("wgan clip=0.001", 0.001, 0, [0, 0, 0, 0, 0, 0, 1e-30, 1e-20, 1e-10, 1e-5, 1e-3], saturation),
        new("wgan_gp", null, 0, gp, null),
    ];

    private static readonly IReadOnlyList<double> FlatGp = Geometric(0.05, 1.08);

    /// <summary>Two seeds per arm: the spans (log10 max/min) 1 and 3 decades give 2 ± 12.7 (t with 1 df), saturations 20% and 40% give 30 ± 127.</summary>
    [Fact]
    public void Each_arm_gets_its_span_and_saturation_with_a_95_percent_interval()
    {
        var r = ClippingClaim.Evaluate([
            new("wgan clip=0.01", 0.01, 0, [1, 10], 0.2), new("wgan clip=0.01", 0.01, 1, [1, 1000], 0.4),
            new("wgan_gp", null, 0, [1, 1], null), new("wgan_gp", null, 1, [1, 1], null)]);
        Assert.Contains("- wgan clip=0.01: span 2 ± 12.7 (n=2) decades, weights at ±c 30.0 ± 127.1 (n=2)%", r.Tables[0]);
        Assert.Contains("- wgan_gp: span 0 ± 0 (n=2) decades" + "\n", r.Tables[0]);
    }

    [Fact]
    public void Holds_for_exploding_and_vanishing_clipping_with_a_flat_gp() =>
        Assert.Equal(Verdict.Holds, ClippingClaim.Evaluate(Profiles(FlatGp)).Verdict);

    /// <summary>The case: 24% at ±c, just under the 26–27% once observed, is still a pile-up (≥ 10%).</summary>
    [Fact]
    public void A_seed_at_24_percent_saturation_does_not_flip_the_verdict() =>
        Assert.Equal(Verdict.Holds, ClippingClaim.Evaluate(Profiles(FlatGp, saturation: 0.24)).Verdict);

    [Fact]
    public void Does_not_hold_when_gp_spans_as_much_as_an_exponential_profile()
    {
        var r = ClippingClaim.Evaluate(Profiles(Geometric(1e-3, 3)));
        Assert.Equal(Verdict.DoesNotHold, r.Verdict);
        Assert.Contains("wgan_gp", r.Reason);
    }

    [Fact]
    public void Does_not_hold_for_a_flat_clipped_critic_or_free_weights()
    {
        var flat = Profiles(FlatGp);
        flat[1] = flat[1] with { Norms = Geometric(0.01, 1.1) };
        Assert.Equal(Verdict.DoesNotHold, ClippingClaim.Evaluate(flat).Verdict);
        var free = ClippingClaim.Evaluate(Profiles(FlatGp, saturation: 0.015));
        Assert.Equal(Verdict.DoesNotHold, free.Verdict);
        Assert.Contains("no pile-up", free.Tables[0]);
        var zigzag = Profiles(FlatGp)[0] with { Norms = [1e6, 1e-2, 1e5, 1e-3, 1e4, 1e-4, 1e3, 1e-5, 1e2, 1e-6, 1] };
        Assert.Equal(ProfileOutcome.NotAsClaimed, ClippingClaim.EvaluateProfile(zigzag).Outcome);
    }

    [Fact]
    public void Values_between_the_thresholds_are_inconclusive()
    {
        var r = ClippingClaim.Evaluate(Profiles(FlatGp, saturation: 0.05));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("between the thresholds", r.Reason);
        var gpBetween = ClippingClaim.EvaluateProfile(new("wgan_gp", null, 0, Geometric(0.05, 1.4), null)); // 1.46 decades
        Assert.Equal(ProfileOutcome.Undecided, gpBetween.Outcome);
    }

    [Fact]
    public void The_exponential_span_follows_the_number_of_layers() =>
        Assert.Equal(10 * Math.Log10(2), ClippingClaim.ExponentialDecades(11), 12);

    [Fact]
    public void Premise_not_met_names_the_missing_measurement()
    {
        var noSaturation = ClippingClaim.EvaluateProfile(new("wgan clip=0.1", 0.1, 3, Geometric(5e6, 0.2), null));
        Assert.Equal(ProfileOutcome.PremiseNotMet, noSaturation.Outcome);
        Assert.Equal("premise not met: wgan clip=0.1 seed 3: no clip_saturation recorded for a clipped critic", noSaturation.Reason);
        var oneLayer = ClippingClaim.EvaluateProfile(new("wgan_gp", null, 1, [0.1], null));
        Assert.StartsWith("premise not met: wgan_gp seed 1: 1 finite hidden-layer norm(s)", oneLayer.Reason);
        var noGp = ClippingClaim.Evaluate(Profiles(FlatGp).Where(p => p.Clip is not null).ToList());
        Assert.Equal(Verdict.Inconclusive, noGp.Verdict);
        Assert.StartsWith("premise not met: needs both a clipped and a penalised trial", noGp.Reason);
    }

    [Fact]
    public void A_seed_without_the_premise_counts_neither_for_nor_against()
    {
        var profiles = Profiles(FlatGp);
        profiles.Add(new("wgan clip=0.1", 0.1, 1, Geometric(5e6, 0.2), null));
        profiles.Add(new("wgan_gp", null, 1, [double.NaN, 0.1], null));
        var r = ClippingClaim.Evaluate(profiles);
        Assert.Equal(Verdict.Holds, r.Verdict);
        Assert.Contains("premise not met: wgan clip=0.1 seed 1", r.Reason);
    }

    [Fact]
    public void Disagreeing_seeds_are_inconclusive()
    {
        var two = Profiles(FlatGp);
        two.Add(new("wgan_gp", null, 1, Geometric(1e-3, 3), null));
        Assert.Equal(Verdict.Inconclusive, ClippingClaim.Evaluate(two).Verdict);
    }
}
