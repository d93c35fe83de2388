using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanBench.Training.Models;

/// <summary>
/// ReLU MLP as in gan_toy.py: `layers` hidden layers of `hidden` units, no normalisation, then a
/// linear output layer.
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> linears;

    public Mlp(string name, int inputs, int hidden, int layers, int outputs) : base(name)
    {
        linears = new ModuleList<Linear>();
        int width = inputs;
        for (int i = 0; i < layers; i++)
        {
            linears.Add(Linear(width, hidden));
            width = hidden;
        }
        linears.Add(Linear(width, outputs));
        RegisterComponents();
    }

    /// <summary>The linear layers, input first; per-layer diagnostics name them by index.</summary>
    public IReadOnlyList<Linear> Layers => linears.ToList();

    /// <summary>
    /// L2 norm of each linear layer's current parameter gradient (weight and bias together),
    /// input layer first; 0 for a layer without gradients.
    /// </summary>
    public IReadOnlyList<double> LayerGradientNorms()
    {
        var norms = new double[linears.Count];
        for (int i = 0; i < linears.Count; i++)
        {
            double squares = 0;
            foreach (var p in linears[i].parameters())
                if (p.grad is { } g)
                    squares += g.to_type(ScalarType.Float64).pow(2).sum().item<double>();
            norms[i] = Math.Sqrt(squares);
        }
        return norms;
    }

    public override Tensor forward(Tensor input)
    {
        var x = input;
        for (int i = 0; i < linears.Count - 1; i++)
            x = functional.relu(linears[i].forward(x));
        return linears[^1].forward(x);
    }
}
