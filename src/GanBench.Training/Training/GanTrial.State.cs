using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Training;

/// <summary>Checkpoint state: everything training carries from one step to the next.</summary>
public sealed partial class GanTrial
{
    /// <summary>
    /// Writes everything training carries from one step to the next into <paramref name="folder"/>:
    /// both networks, both optimizers' state (Adam's moments and step counts) and the training
    /// random generator. The evaluation fixtures are not saved: the constructor draws them again
    /// from the seed, and evaluation reseeds its own generator every time.
    /// </summary>
    public void SaveState(string folder)
    {
        Generator.save(Path.Combine(folder, "generator.pt"));
        Critic.save(Path.Combine(folder, "critic.pt"));
        Helper(_generatorOptimizer).save_state_dict(Path.Combine(folder, "generator-optimizer.pt"));
        Helper(_criticOptimizer).save_state_dict(Path.Combine(folder, "critic-optimizer.pt"));
        using var random = _trainRandom.get_state();
        using var host = random.to(torch.CPU).contiguous();
        File.WriteAllBytes(Path.Combine(folder, "train-random.bin"), host.data<byte>().ToArray());
    }

    /// <summary>Restores what <see cref="SaveState"/> wrote, into this freshly constructed trial.</summary>
    public void LoadState(string folder)
    {
        Generator.load(Path.Combine(folder, "generator.pt"));
        Critic.load(Path.Combine(folder, "critic.pt"));
        Helper(_generatorOptimizer).load_state_dict(Path.Combine(folder, "generator-optimizer.pt"));
        Helper(_criticOptimizer).load_state_dict(Path.Combine(folder, "critic-optimizer.pt"));
        using var random = torch.tensor(File.ReadAllBytes(Path.Combine(folder, "train-random.bin")), dtype: ScalarType.Byte);
        _trainRandom.set_state(random);
    }

    private static TorchSharp.Modules.OptimizerHelper Helper(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper
        ?? throw new NotSupportedException($"optimizer {optimizer.GetType().Name} cannot save its state");
}
