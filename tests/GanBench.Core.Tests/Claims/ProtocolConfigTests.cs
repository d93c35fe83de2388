using GanBench.Training.Components;
using GanBench.Core.Config;

namespace GanBench.Core.Tests.Claims;

public class ProtocolConfigTests
{
    private const string Head = "name: t\ndatasets: [ring8]\nlosses: [{loss: minimax}]\n";

    private static LoadResult Load(string yaml) =>
        ExperimentLoader.LoadText(yaml, "t.yaml", Path.GetTempPath(), BuiltinComponents.Catalog());

    private static LoadResult Ok(string yaml)
    {
        var r = Load(yaml);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r;
    }

    private static string Errors(string yaml)
    {
        var r = Load(yaml);
        Assert.False(r.Ok);
        return string.Join("\n", r.Errors);
    }

    [Fact]
    public void Absent_protocol_is_standard_and_keeps_existing_trial_ids()
    {
        var plain = Ok(Head);
        var standard = Ok(Head + "protocol: {kind: standard}\n");
        Assert.True(plain.Config!.Protocol.IsStandard);
        Assert.Equal(plain.Trials[0].TrialId, standard.Trials[0].TrialId);
        Assert.DoesNotContain("protocol", TrialIds.CanonicalJson(plain.Trials[0]));
    }

    [Fact]
    public void Frozen_generator_defaults_and_values_reach_every_trial_and_the_id()
    {
        var d = Ok(Head + "protocol: {kind: frozen_generator}\n");
        var p = d.Trials[0].Protocol;
        Assert.Equal((ProtocolConfig.FrozenGenerator, 500, 4000, 20), (p.Kind, p.PretrainSteps, p.CriticSteps, p.Checkpoints));
        var e = Ok(Head + "protocol: {kind: frozen_generator, pretrain_steps: 100, critic_steps: 300, checkpoints: 5}\n");
        Assert.Equal((100, 300, 5), (e.Trials[0].Protocol.PretrainSteps, e.Trials[0].Protocol.CriticSteps, e.Trials[0].Protocol.Checkpoints));
        Assert.NotEqual(d.Trials[0].TrialId, e.Trials[0].TrialId);
        Assert.NotEqual(Ok(Head).Trials[0].TrialId, d.Trials[0].TrialId);
    }

    [Fact]
    public void Fixed_generator_defaults_and_noise_std_change_the_id()
    {
        var a = Ok(Head + "protocol: {kind: fixed_generator}\n");
        Assert.Equal((1000, 5, 1.0), (a.Trials[0].Protocol.CriticSteps, a.Trials[0].Protocol.Checkpoints, a.Trials[0].Protocol.NoiseStd));
        var b = Ok(Head + "protocol: {kind: fixed_generator, noise_std: 0.5}\n");
        Assert.NotEqual(a.Trials[0].TrialId, b.Trials[0].TrialId);
    }

    [Theory]
    [InlineData("protocol: {kind: frozen}\n", "unknown protocol kind 'frozen'")]
    [InlineData("protocol: {pretrain_steps: 3}\n", "missing required key 'kind'")]
    [InlineData("protocol: {kind: frozen_generator, noise_std: 1}\n", "'noise_std' does not apply to protocol kind 'frozen_generator'")]
    [InlineData("protocol: {kind: fixed_generator, pretrain_steps: 1}\n", "'pretrain_steps' does not apply to protocol kind 'fixed_generator'")]
    [InlineData("protocol: {kind: standard, critic_steps: 5}\n", "'critic_steps' does not apply to protocol kind 'standard'")]
    [InlineData("protocol: {kind: frozen_generator, critic_stepz: 5}\n", "unknown key 'critic_stepz'")]
    [InlineData("protocol: {kind: frozen_generator, critic_steps: 0}\n", "protocol.critic_steps must be an integer >= 1")]
    [InlineData("protocol: {kind: frozen_generator, pretrain_steps: -1}\n", "protocol.pretrain_steps must be an integer >= 0")]
    [InlineData("protocol: {kind: frozen_generator, checkpoints: 1}\n", "protocol.checkpoints must be an integer in [2, 1000]")]
    [InlineData("protocol: {kind: fixed_generator, noise_std: 0}\n", "protocol.noise_std must be > 0")]
    [InlineData("protocol: frozen_generator\n", "protocol: expected a mapping")]
    public void Bad_protocols_are_reported_with_their_position(string protocol, string expected)
    {
        var errors = Errors(Head + protocol);
        Assert.Contains(expected, errors);
        Assert.Contains("t.yaml:4:", errors);
    }

    [Fact]
    public void Resolved_config_round_trips_the_protocol()
    {
        var r = Ok(Head + "protocol: {kind: fixed_generator, noise_std: 0.5, critic_steps: 10, checkpoints: 3}\n");
        var yaml = ResolvedConfigWriter.ToYaml(r.Config!, r.Trials);
        var again = Ok(yaml);
        Assert.Equal(r.Trials[0].TrialId, again.Trials[0].TrialId);
    }

    [Fact]
    public void Log_spaced_checkpoints_start_at_zero_and_end_at_the_last_step()
    {
        var steps = ProtocolConfig.LogSpacedSteps(4000, 20);
        Assert.Equal(0, steps[0]);
        Assert.Equal(4000, steps[^1]);
        Assert.True(steps.Count is >= 15 and <= 20);
        Assert.Equal(steps.OrderBy(s => s), steps);
        Assert.Equal([0, 1, 2, 3], ProtocolConfig.LogSpacedSteps(3, 1000));
    }

    /// <summary>The shipped claim experiments must load: configs rot when examples are not tested.</summary>
    [Fact]
    public void Every_claim_experiment_loads()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "experiments", "claims"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var files = Directory.GetFiles(Path.Combine(dir!.FullName, "experiments", "claims"), "claim*.yaml");
        Assert.Equal(5, files.Length);
        for (int n = 1; n <= 5; n++) Assert.Single(files, f => Path.GetFileName(f).StartsWith($"claim{n}-", StringComparison.Ordinal));
        foreach (var f in files)
        {
            var r = ExperimentLoader.Load(f, BuiltinComponents.Catalog());
            Assert.True(r.Ok, f + ": " + string.Join("\n", r.Errors));
        }
    }
}
