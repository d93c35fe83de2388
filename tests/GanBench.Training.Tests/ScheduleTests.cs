using GanBench.Training.Schedules;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Components;
using GanBench.Training.Training;
using TorchSharp;

namespace GanBench.Training.Tests;

/// <summary>clip_mode and instance_noise_schedule as the trainer applies them.</summary>
public class ScheduleTests
{
    [Fact]
    public void Clipping_before_the_step_trains_from_clipped_weights_but_lets_the_step_leave_the_bound()
    {
        var loss = new LossSetup { Written = "wgan", Objective = "wasserstein", Clip = 0.01, ClipMode = "before" };
        var trial = TestTrials.Tiny(loss) with { Train = new TrainConfig { Iterations = 20, BatchSize = 32, CriticSteps = 2, Optimizer = new OptimizerConfig { Lr = 0.05 } } };
        using var gan = new GanTrial(trial, torch.CPU, new WassersteinObjective(), new NoPenalty());
        gan.CriticStep();
        // An Adam step of 0.05 moves every weight that has a gradient by about 0.05: well past 0.01.
        float max = gan.Critic.parameters().Max(p => p.abs().max().item<float>());
        Assert.True(max > 0.01f + 1e-6f, $"max |w| {max} after a step from clipped weights");
        Assert.True(max < 0.01f + 0.06f, $"max |w| {max}: the weights were not clipped before the step");
    }

    [Fact]
    public void Linear_schedule_anneals_sigma_to_zero_at_the_last_iteration_and_reports_it()
    {
        var loss = new LossSetup { Written = "non_saturating", Objective = "non_saturating", InstanceNoise = 0.2, InstanceNoiseSchedule = "linear" };
        var trial = TestTrials.Tiny(loss, iterations: 21);
        using (var gan = new GanTrial(trial, torch.CPU, new NonSaturatingObjective(), new NoPenalty()))
        {
            Assert.Equal(0.2, gan.NoiseSigma, 15);
            gan.Iteration = 10;
            Assert.Equal(0.1, gan.NoiseSigma, 15);
            gan.Iteration = 20;
            Assert.Equal(0.0, gan.NoiseSigma);
        }
        var outcome = new TrialTrainer(ComponentRegistry.CreateBuiltin()).Run(trial, torch.CPU);
        Assert.Equal(TrialStatus.Ok, outcome.Status);
        Assert.Equal(0.2, outcome.Curve[0].Metrics["noise_sigma"]!.Value, 15);
        Assert.Equal(0.1, outcome.Curve[1].Metrics["noise_sigma"]!.Value, 15);
        Assert.Equal(0.0, outcome.FinalMetrics["noise_sigma"]);

        var constant = TestTrials.Tiny(loss with { InstanceNoiseSchedule = "constant" }, iterations: 21);
        Assert.Equal(0.2, new TrialTrainer(ComponentRegistry.CreateBuiltin()).Run(constant, torch.CPU).FinalMetrics["noise_sigma"]);
    }
}
