using GanBench.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Tests;

public class DiagnosticsTests
{
    [Fact]
    public void Per_layer_gradient_norms_match_a_hand_computed_network()
    {
        // f(x) = w2·relu(w1·x + b1) + b2 with x = 2, w1 = 0.5, b1 = 0.1, w2 = −3, b2 = 0.2.
        // h = relu(1.1) = 1.1; ∂f/∂w1 = w2·x = −6, ∂f/∂b1 = w2 = −3, ∂f/∂w2 = h = 1.1, ∂f/∂b2 = 1.
        using var net = new Mlp("tiny", 1, 1, 1, 1);
        using (torch.no_grad())
        {
            net.Layers[0].weight!.fill_(0.5); net.Layers[0].bias!.fill_(0.1);
            net.Layers[1].weight!.fill_(-3.0); net.Layers[1].bias!.fill_(0.2);
        }
        net.forward(torch.tensor(new float[] { 2f }, [1, 1])).sum().backward();

        var norms = net.LayerGradientNorms();
        Assert.Equal(2, norms.Count);
        Assert.Equal(Math.Sqrt(36 + 9), norms[0], 5);
        Assert.Equal(Math.Sqrt(1.21 + 1), norms[1], 5);
    }

    [Fact]
    public void A_layer_without_gradients_reports_zero()
    {
        using var net = new Mlp("fresh", 2, 3, 2, 1);
        Assert.All(net.LayerGradientNorms(), n => Assert.Equal(0.0, n));
    }
}
