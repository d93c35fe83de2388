using GanBench.Core.Config;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using GanBench.Core.Datasets;

namespace GanBench.Training.Models;

/// <summary>
/// A generator or critic. Whatever its shape, the trainer asks the same two things of it: the
/// forward pass, and per-layer gradient norms for the diagnostics that show vanishing or
/// exploding gradients across depth.
/// </summary>
public abstract class GanNetwork(string name) : Module<Tensor, Tensor>(name)
{
    /// <summary>The layers that hold weights (linear and convolution layers, not normalisation), input side first.</summary>
    public abstract IReadOnlyList<Module> WeightLayers { get; }

    /// <summary>
    /// L2 norm of each weight layer's current parameter gradient (weight and bias together),
    /// input layer first; 0 for a layer without gradients.
    /// </summary>
    public IReadOnlyList<double> LayerGradientNorms()
    {
        var layers = WeightLayers;
        var norms = new double[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            double squares = 0;
            foreach (var p in layers[i].parameters())
                if (p.grad is { } g)
                    squares += g.to_type(ScalarType.Float64).pow(2).sum().item<double>();
            norms[i] = Math.Sqrt(squares);
        }
        return norms;
    }

    /// <summary>
    /// Builds the pair a trial trains. Point data only fits an MLP; images fit both (an MLP sees
    /// them flattened), and the generator's output is reshaped to the sample shape by the trial.
    /// </summary>
    public static (GanNetwork Generator, GanNetwork Critic) Create(ModelConfig model, DatasetSpec dataset)
    {
        int dim = dataset.Dimension;
        GanNetwork generator = model.Generator.Type == NetworkConfig.Conv
            ? new ConvGenerator("generator", model.LatentDim, model.Generator.Width, model.Generator.Norm, dataset.ImageChannels)
            : new Mlp("generator", model.LatentDim, model.Generator.Hidden, model.Generator.Layers, dim);
        return (generator, CreateCritic(model, dataset));
    }

    /// <summary>The critic alone (the evaluation's refit critic needs no generator).</summary>
    public static GanNetwork CreateCritic(ModelConfig model, DatasetSpec dataset) => model.Critic.Type == NetworkConfig.Conv
        ? new ConvCritic("critic", dataset.ImageChannels, model.Critic.Width, model.Critic.Norm)
        : new Mlp("critic", dataset.Dimension, model.Critic.Hidden, model.Critic.Layers, 1);
}
