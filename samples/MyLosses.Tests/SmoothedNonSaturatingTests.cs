using GanBench.Conformance;
using MyLosses;
using Xunit;

namespace MyLosses.Tests;

/// <summary>What every GanBench loss must do, checked on the sample plugin at its default and at an extreme option value.</summary>
public class SmoothedNonSaturatingTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Conforms(double labelSmoothing) =>
        ConformanceKit.AssertObjective(new SmoothedNonSaturating(new SmoothingOptions { LabelSmoothing = labelSmoothing }));
}
