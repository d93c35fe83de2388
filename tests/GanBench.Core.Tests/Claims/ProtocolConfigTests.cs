using static GanBench.Core.Tests.ConfigText;
using GanBench.Training.Components;
using GanBench.Core.Config;

namespace GanBench.Core.Tests.Claims;

public class ProtocolConfigTests
{
    private const string Head = "name: t\ndatasets: [ring8]\nlosses: [{loss: minimax}]\n";

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
    [InlineData("protocol: {kind: frozen_generator, plateau_tolerance: 0.01}\n", "protocol.plateau_tolerance needs plateau_window")]
    [InlineData("protocol: {kind: frozen_generator, plateau_window: 0}\n", "protocol.plateau_window must be an integer >= 1")]
    [InlineData("protocol: {kind: fixed_generator, plateau_window: 50, plateau_tolerance: 1}\n", "protocol.plateau_tolerance must be")]
    [InlineData("protocol: {kind: frozen_generator, critic_optimizer: {type: sgd, betas: [0.5, 0.9]}}\n", "protocol.critic_optimizer.betas only apply to adam")]
    [InlineData("protocol: {kind: standard, plateau_window: 5}\n", "'plateau_window' does not apply to protocol kind 'standard'")]
    public void Bad_protocols_are_reported_with_their_position(string protocol, string expected)
    {
        var errors = Errors(Head + protocol);
        Assert.Contains(expected, errors);
        Assert.Contains("t.yaml:4:", errors);
    }

    [Theory]
    [InlineData("protocol: {kind: fixed_generator, noise_std: 0.5, critic_steps: 10, checkpoints: 3}\n")]
    [InlineData("protocol: {kind: frozen_generator, critic_optimizer: {lr: 1.0e-3, betas: [0.0, 0.99]}, plateau_window: 100, plateau_tolerance: 0.02}\n")]
    public void Resolved_config_round_trips_the_protocol(string protocol)
    {
        var r = Ok(Head + protocol);
        var yaml = ResolvedConfigWriter.ToYaml(r.Config!, r.Trials);
        var again = Ok(yaml);
        Assert.Equal(r.Trials[0].TrialId, again.Trials[0].TrialId);
        Assert.Equal(r.Trials[0].Protocol, again.Trials[0].Protocol);
    }

    [Fact]
    public void The_measurement_critic_s_optimizer_and_stop_rule_reach_the_trial_and_its_id()
    {
        string plain = Ok(Head + "protocol: {kind: frozen_generator}\n").Trials[0].TrialId;
        var tuned = Ok(Head + "protocol: {kind: frozen_generator, critic_optimizer: {lr: 1.0e-3}, plateau_window: 200}\n").Trials[0];
        Assert.Equal(("adam", 1e-3, 0.5, 0.9), (tuned.Protocol.CriticOptimizer!.Type, tuned.Protocol.CriticOptimizer.Lr, tuned.Protocol.CriticOptimizer.Beta1, tuned.Protocol.CriticOptimizer.Beta2));
        Assert.Equal((200, ProtocolConfig.DefaultPlateauTolerance), (tuned.Protocol.PlateauWindow, tuned.Protocol.PlateauTolerance));
        // The arm's own optimizer (the generator's pre-training) is untouched.
        Assert.Equal(1e-4, tuned.Train.Optimizer.Lr);
        var ids = new[]
        {
            plain, tuned.TrialId,
            Ok(Head + "protocol: {kind: frozen_generator, critic_optimizer: {lr: 2.0e-3}, plateau_window: 200}\n").Trials[0].TrialId,
            Ok(Head + "protocol: {kind: frozen_generator, critic_optimizer: {lr: 1.0e-3}, plateau_window: 300}\n").Trials[0].TrialId,
            Ok(Head + "protocol: {kind: frozen_generator, critic_optimizer: {lr: 1.0e-3}, plateau_window: 200, plateau_tolerance: 0.05}\n").Trials[0].TrialId,
        };
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Theory]
    // A loss still falling by 10% per window has not converged; one that moves by 0.5% has.
    [InlineData(new[] { 1.0, 1.0, 0.9, 0.9 }, 2, 0.01, false)]
    [InlineData(new[] { 1.0, 1.0, 0.995, 0.995 }, 2, 0.01, true)]
    // A minimax critic growing confident: 1e-3 → 1e-4 is a 90% improvement, not a plateau.
    [InlineData(new[] { 1e-3, 1e-3, 1e-4, 1e-4 }, 2, 0.01, false)]
    // Rising loss (a critic losing ground) is no improvement: stop.
    [InlineData(new[] { -2.0, -2.0, -1.9, -1.9 }, 2, 0.01, true)]
    [InlineData(new[] { 0.0, 0.0, 0.0, 0.0 }, 2, 0.01, true)]
    // Not two windows yet.
    [InlineData(new[] { 1.0, 1.0, 1.0 }, 2, 0.01, false)]
    // Only the last two windows count.
    [InlineData(new[] { 5.0, 5.0, 1.0, 1.0, 1.0, 1.0 }, 2, 0.01, true)]
    public void The_plateau_rule_compares_the_last_two_windows(double[] losses, int window, double tolerance, bool expected) =>
        Assert.Equal(expected, ProtocolConfig.HasPlateaued(losses, window, tolerance));

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
            // claims.md names the seeds each protocol was chosen on; `claims --calibration` must be able to run them.
            var calibration = ExperimentLoader.Load(f, BuiltinComponents.Catalog(), SeedSet.Calibration);
            Assert.True(calibration.Ok, f + ": " + string.Join("\n", calibration.Errors));
            Assert.NotEmpty(calibration.Trials);
        }
    }
}
