using GanBench.Abstractions;
using GanBench.Training.Components.Discovery;
using static TorchSharp.torch;

namespace GanBench.Training.Tests;

public sealed record FloatScaleOptions
{
    [ComponentParameter("float_scale", 0.5, Min = 0, Max = 10, Description = "a float option, as a plugin may declare")]
    public float Scale { get; init; }
}

/// <summary>A penalty whose option is a float: [ComponentParameter] promises double, float and int.</summary>
[Component("test only: scale * 0")]
public sealed class FloatScalePenalty(FloatScaleOptions options) : IPenalty
{
    public string Name => "float_scale_test";
    public float Scale => options.Scale;
    public Tensor Compute(PenaltyContext context) => context.Real.sum() * 0 * options.Scale;
}

public class FloatOptionTests
{
    [Theory]
    [InlineData(0.25)]
    [InlineData(7.5)]
    public void A_float_option_binds_the_swept_value(double value)
    {
        var problems = new List<string>();
        var found = ComponentDiscovery.Discover(typeof(FloatScalePenalty).Assembly, "tests", problems).Single(c => c.Name == "float_scale_test");
        Assert.DoesNotContain(problems, p => p.Contains(nameof(FloatScalePenalty)));
        var penalty = (FloatScalePenalty)found.Create!(new Dictionary<string, double> { ["float_scale"] = value });
        Assert.Equal((float)value, penalty.Scale);
        var byDefault = (FloatScalePenalty)found.Create!(new Dictionary<string, double>());
        Assert.Equal(0.5f, byDefault.Scale);
    }
}
