using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanBench.Training.Models;

/// <summary>Normalisation layers by their YAML name; null for none.</summary>
internal static class ImageNorm
{
    public static Module<Tensor, Tensor>? Create(string norm, int channels) => norm switch
    {
        "none" => null,
        "batch" => BatchNorm2d(channels),
        "layer" => new SampleLayerNorm(channels),
        _ => throw new ArgumentException($"unknown norm '{norm}' (valid: none, batch, layer)"),
    };
}

/// <summary>
/// Layer norm over channels × pixels of each sample, with a per-channel scale and shift (what
/// GroupNorm(1, C) computes). Written with elementary operations because libtorch 2.10's CPU
/// GroupNorm returned non-finite input gradients, intermittently, under the double
/// back-propagation that gradient penalties and the Lipschitz probe use.
/// </summary>
internal sealed class SampleLayerNorm : Module<Tensor, Tensor>
{
    private const double Epsilon = 1e-5;
    private readonly Parameter weight, bias;

    public SampleLayerNorm(int channels) : base("layer_norm")
    {
        weight = Parameter(torch.ones(channels));
        bias = Parameter(torch.zeros(channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        long[] sampleDims = [1, 2, 3];
        var centred = x - x.mean(sampleDims, keepdim: true);
        var normalised = centred / (centred.pow(2).mean(sampleDims, keepdim: true) + Epsilon).sqrt();
        return normalised * weight.view(1, -1, 1, 1) + bias.view(1, -1, 1, 1);
    }
}

/// <summary>
/// DCGAN-style generator for 28×28 images: z → linear → 2w×7×7 → up-convolution → w×14×14 →
/// up-convolution → C×28×28 → tanh, so samples live in [−1, 1] like the scaled data.
/// </summary>
public sealed class ConvGenerator : GanNetwork
{
    private readonly Linear project;
    private readonly ConvTranspose2d up1, up2;
    private readonly Module<Tensor, Tensor>? norm0, norm1;
    private readonly int _width;

    public ConvGenerator(string name, int latentDim, int width, string norm, int channels) : base(name)
    {
        _width = width;
        project = Linear(latentDim, 2 * width * 7 * 7);
        up1 = ConvTranspose2d(2 * width, width, 4, stride: 2, padding: 1);
        up2 = ConvTranspose2d(width, channels, 4, stride: 2, padding: 1);
        norm0 = ImageNorm.Create(norm, 2 * width);
        norm1 = ImageNorm.Create(norm, width);
        RegisterComponents();
    }

    public override IReadOnlyList<Module> WeightLayers => [project, up1, up2];

    public override Tensor forward(Tensor z)
    {
        var x = project.forward(z).view(-1, 2 * _width, 7, 7);
        if (norm0 is not null) x = norm0.forward(x);
        x = up1.forward(functional.relu(x));
        if (norm1 is not null) x = norm1.forward(x);
        return torch.tanh(up2.forward(functional.relu(x)));
    }
}

/// <summary>
/// DCGAN-style critic for 28×28 images: C×28×28 → strided convolution → w×14×14 → strided
/// convolution → 2w×7×7 → linear → one raw score. Leaky ReLU, and no normalisation on the input
/// layer, as in DCGAN.
/// </summary>
public sealed class ConvCritic : GanNetwork
{
    private readonly Conv2d down1, down2;
    private readonly Linear score;
    private readonly Module<Tensor, Tensor>? norm1;

    public ConvCritic(string name, int channels, int width, string norm) : base(name)
    {
        down1 = Conv2d(channels, width, 4, stride: 2, padding: 1);
        down2 = Conv2d(width, 2 * width, 4, stride: 2, padding: 1);
        score = Linear(2 * width * 7 * 7, 1);
        norm1 = ImageNorm.Create(norm, 2 * width);
        RegisterComponents();
    }

    public override IReadOnlyList<Module> WeightLayers => [down1, down2, score];

    public override Tensor forward(Tensor images)
    {
        var x = functional.leaky_relu(down1.forward(images), 0.2);
        x = down2.forward(x);
        if (norm1 is not null) x = norm1.forward(x);
        x = functional.leaky_relu(x, 0.2);
        return score.forward(x.flatten(1));
    }
}
