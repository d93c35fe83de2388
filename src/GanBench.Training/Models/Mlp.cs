using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanBench.Training.Models;

/// <summary>
/// ReLU MLP as in gan_toy.py: `layers` hidden layers of `hidden` units, no normalisation, then a
/// linear output layer. Images are flattened on the way in.
/// </summary>
public sealed class Mlp : GanNetwork
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

    public override IReadOnlyList<Module> WeightLayers => Layers;

    /// <summary>The forward pass that also returns each hidden layer's post-ReLU activations, input side first.</summary>
    public (Tensor Output, IReadOnlyList<Tensor> Hidden) ForwardWithActivations(Tensor input)
    {
        var hidden = new List<Tensor>();
        var x = input.dim() > 2 ? input.flatten(1) : input;
        for (int i = 0; i < linears.Count - 1; i++)
        {
            x = functional.relu(linears[i].forward(x));
            hidden.Add(x);
        }
        return (linears[^1].forward(x), hidden);
    }

    public override Tensor forward(Tensor input)
    {
        var x = input.dim() > 2 ? input.flatten(1) : input;
        for (int i = 0; i < linears.Count - 1; i++)
            x = functional.relu(linears[i].forward(x));
        return linears[^1].forward(x);
    }
}
