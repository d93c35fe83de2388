using static GanBench.Core.Tests.ConfigText;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;

namespace GanBench.Core.Tests.Config;

/// <summary><c>eval.critic_refit</c>: off when absent (ids, columns unchanged), read and checked when written.</summary>
public class CriticRefitConfigTests
{
    private const string Head = "name: t\ndatasets: [ring8]\nlosses: [{loss: wgan}]\n";

    [Fact]
    public void Absent_it_is_off_and_the_ids_and_canonical_form_are_those_of_before()
    {
        var plain = Ok(Head);
        var otherEval = Ok(Head + "eval: {every: 250}\n");
        Assert.Null(plain.Config!.Eval.CriticRefit);
        Assert.Empty(plain.Config.Eval.OptionalMeasurements);
        Assert.Equal(plain.Trials[0].TrialId, otherEval.Trials[0].TrialId);
        Assert.DoesNotContain("critic_refit", TrialIds.CanonicalJson(plain.Trials[0]));
        Assert.DoesNotContain("critic_refit", ResolvedConfigWriter.ToYaml(plain.Config, plain.Trials));
    }

    [Fact]
    public void Written_it_reaches_every_trial_with_defaults_for_keys_left_out_and_changes_the_id()
    {
        var defaults = Ok(Head + "eval: {critic_refit: {}}\n");
        Assert.All(defaults.Trials, t => Assert.Equal(new CriticRefitConfig { Steps = 500, Lr = 1e-3 }, t.Eval.CriticRefit));
        var tuned = Ok(Head + "eval: {critic_refit: {steps: 200, lr: 2.0e-3}}\n");
        Assert.Equal((200, 2e-3), (tuned.Trials[0].Eval.CriticRefit!.Steps, tuned.Trials[0].Eval.CriticRefit!.Lr));
        var ids = new[]
        {
            Ok(Head).Trials[0].TrialId, defaults.Trials[0].TrialId, tuned.Trials[0].TrialId,
            Ok(Head + "eval: {critic_refit: {steps: 200, lr: 1.0e-3}}\n").Trials[0].TrialId,
        };
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("eval: {critic_refit: {steps: 0}}\n", "eval.critic_refit.steps must be an integer in [1, 100000]")]
    [InlineData("eval: {critic_refit: {steps: 2.5}}\n", "eval.critic_refit.steps")]
    [InlineData("eval: {critic_refit: {lr: 0}}\n", "eval.critic_refit.lr must be > 0")]
    [InlineData("eval: {critic_refit: {lr: -1.0e-3}}\n", "eval.critic_refit.lr must be > 0")]
    [InlineData("eval: {critic_refit: {stepz: 5}}\n", "unknown key 'stepz'")]
    [InlineData("eval: {critic_refit: true}\n", "eval.critic_refit: expected a mapping")]
    public void Bad_values_are_reported_with_their_position(string eval, string expected)
    {
        var r = Load(Head + eval);
        Assert.False(r.Ok);
        var errors = string.Join("\n", r.Errors);
        Assert.Contains(expected, errors);
        Assert.Contains("t.yaml:4:", errors);
    }

    [Theory]
    [InlineData("protocol: {kind: frozen_generator}\n", "not protocol kind frozen_generator")]
    [InlineData("protocol: {kind: fixed_generator}\n", "not protocol kind fixed_generator")]
    public void Outside_the_standard_protocol_it_is_an_error_not_silently_ignored(string protocol, string expected)
    {
        var r = Load(Head + "eval: {critic_refit: {steps: 10}}\n" + protocol);
        Assert.False(r.Ok);
        Assert.Contains(expected, string.Join("\n", r.Errors));
    }

    [Fact]
    public void Resolved_config_round_trips_it_with_the_same_ids()
    {
        var r = Ok(Head + "eval: {critic_refit: {steps: 50, lr: 3.0e-4}}\n");
        var yaml = ResolvedConfigWriter.ToYaml(r.Config!, r.Trials);
        Assert.Contains("  critic_refit: {steps: 50, lr: 0.0003}", yaml);
        var again = Ok(yaml);
        Assert.Equal(r.Trials.Select(t => t.TrialId), again.Trials.Select(t => t.TrialId));
        Assert.Equal(r.Config!.Eval, again.Config!.Eval);
        Assert.Equal(yaml, ResolvedConfigWriter.ToYaml(again.Config, again.Trials));
    }

    [Fact]
    public void Its_metric_gets_a_column_only_when_a_trial_turns_it_on()
    {
        var standard = new[] { ProtocolConfig.Standard };
        var off = MetricCatalog.Columns([MetricScope.Points], standard);
        var on = MetricCatalog.Columns([MetricScope.Points], standard, [EvalConfig.CriticRefitKey]);
        Assert.DoesNotContain("critic_refit_gap", off);
        Assert.Equal(["critic_refit_gap"], on.Except(off));
        Assert.Empty(off.Except(on));
        // Point data only: an image run with the key (which the rules refuse anyway) has no such column.
        Assert.DoesNotContain("critic_refit_gap", MetricCatalog.Columns([MetricScope.Images], standard, [EvalConfig.CriticRefitKey]));
        Assert.Equal(MetricDirection.Neutral, MetricCatalog.Get("critic_refit_gap").Direction);
    }
}
