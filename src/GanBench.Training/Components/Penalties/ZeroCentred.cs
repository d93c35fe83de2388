using GanBench.Abstractions;
using static TorchSharp.torch;

namespace GanBench.Training.Components.Penalties;

/// <summary>
/// The zero-centred penalties of Mescheder et al. 2018, in the paper's γ/2 convention: the value is
/// ½E‖∇D(x)‖², so penalty_weight is γ.
/// </summary>
public static class ZeroCentred
{
    /// <summary>How the zero-centred penalties are weighted; said once so docs, list and descriptions agree.</summary>
    public const string Convention =
        "penalty_weight is gamma in (gamma/2)*E||grad D||^2 (Mescheder et al. 2018); reference code that adds reg*E||grad D||^2 uses reg = gamma/2, so its reg=10 is penalty_weight 20";

    /// <summary>Per member of stacked inputs [K, B, …]: [K].</summary>
    public static Tensor HalfMeanSquaredSlope(Func<Tensor, Tensor> critic, Tensor inputs) =>
        0.5 * InputGradients.PerMemberSampleSquaredNorm(critic, inputs).mean(dimensions: [1]);
}
