using GanBench.Training.Ensembles;
using GanBench.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Tests.Ensembles;

/// <summary>
/// A member of an ensemble computes what the same network computes alone: forward, the WGAN-GP critic
/// step with its double backward, and Adam with the member's own learning rate and betas. Batched
/// matmuls sum in another order than single ones, so equality is to float32 rounding, not bitwise.
/// </summary>
public class EnsembleEquivalenceTests
{
    private const int Inputs = 2, Hidden = 16, Layers = 3, Batch = 32;

    private static Mlp Member(int seed)
    {
        torch.manual_seed(seed);
        return new Mlp("critic", Inputs, Hidden, Layers, 1);
    }

    [Fact]
    public void Forward_of_each_member_equals_its_network_alone()
    {
        var members = new[] { Member(1), Member(2), Member(3) };
        using var ensemble = new EnsembleMlp("critic", members);
        var x = torch.randn([3, Batch, Inputs], generator: new torch.Generator(5));
        using var noGrad = torch.no_grad();
        var together = ensemble.forward(x);
        for (int k = 0; k < 3; k++)
            Assert.True(together[k].allclose(members[k].forward(x[k]), rtol: 1e-5, atol: 1e-6), $"member {k}");
    }

    /// <summary>Five WGAN-GP critic steps with per-member λ, learning rate and betas, against five lone steps per member.</summary>
    [Fact]
    public void Training_steps_of_each_member_equal_its_training_alone()
    {
        double[] lr = [1e-3, 5e-4, 2e-3], beta1 = [0.5, 0.9, 0.0], beta2 = [0.9, 0.999, 0.99], gp = [10, 0.1, 1];
        var alone = new[] { Member(1), Member(2), Member(3) };
        using var ensemble = new EnsembleMlp("critic", [Member(1), Member(2), Member(3)]);
        using var adam = new EnsembleAdam(ensemble.Stacked, lr, beta1, beta2);
        var optimizers = alone.Select((m, k) => optim.Adam(m.parameters(), lr[k], beta1[k], beta2[k])).ToArray();
        var random = new torch.Generator(11);
        for (int step = 0; step < 5; step++)
        {
            var real = torch.randn([3, Batch, Inputs], generator: random);
            var fake = torch.randn([3, Batch, Inputs], generator: random) * 2;
            var alpha = torch.rand([3, Batch, 1], generator: random);

            adam.ZeroGrad();
            var losses = EnsembleLosses.WassersteinGpCritic(ensemble, real, fake, alpha, torch.tensor(gp).to(ScalarType.Float32));
            losses.sum().backward();
            adam.Step();

            for (int k = 0; k < 3; k++)
            {
                optimizers[k].zero_grad();
                var loss = LoneLoss(alone[k], real[k], fake[k], alpha[k], gp[k]);
                Assert.Equal(loss.item<float>(), losses[k].item<float>(), 4);
                loss.backward();
                optimizers[k].step();
            }
        }
        using var check = new Mlp("critic", Inputs, Hidden, Layers, 1);
        for (int k = 0; k < 3; k++)
        {
            ensemble.CopyMemberTo(k, check);
            foreach (var (mine, lone) in check.parameters().Zip(alone[k].parameters()))
                Assert.True(mine.allclose(lone, rtol: 1e-4, atol: 1e-6), $"member {k}: max difference {(mine - lone).abs().max().item<float>()}");
        }
    }

    /// <summary>A NaN in one member's loss leaves every other member's gradient untouched: the isolation batching relies on.</summary>
    [Fact]
    public void A_non_finite_member_does_not_reach_the_others()
    {
        using var ensemble = new EnsembleMlp("critic", [Member(1), Member(2)]);
        var real = torch.randn([2, Batch, Inputs], generator: new torch.Generator(3));
        real[0, 0, 0] = torch.tensor(float.NaN);
        var fake = torch.randn([2, Batch, Inputs], generator: new torch.Generator(4));
        var losses = EnsembleLosses.WassersteinGpCritic(ensemble, real, fake, torch.full([2, Batch, 1], 0.5f), torch.tensor(new float[] { 10, 10 }));
        losses.sum().backward();
        Assert.True(float.IsNaN(losses[0].item<float>()));
        foreach (var p in ensemble.Stacked)
            Assert.False(p.grad![1].isnan().any().item<bool>());
        // The poisoned member's own weights do get NaN gradients (its last bias does not: d mean/d logit is 1/B whatever the logit).
        Assert.Contains(ensemble.Stacked, p => p.grad![0].isnan().any().item<bool>());
    }

    private static Tensor LoneLoss(Mlp critic, Tensor real, Tensor fake, Tensor alpha, double gpWeight)
    {
        var x = (alpha * real + (1 - alpha) * fake).requires_grad_(true);
        var grads = torch.autograd.grad([critic.forward(x).sum()], [x], retain_graph: true, create_graph: true)[0];
        var penalty = (grads.norm(1, false, 2) - 1).pow(2).mean();
        return critic.forward(fake).mean() - critic.forward(real).mean() + gpWeight * penalty;
    }
}
