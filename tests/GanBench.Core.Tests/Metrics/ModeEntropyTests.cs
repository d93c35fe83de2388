using GanBench.Core.Config;
using GanBench.Core.Datasets;
using GanBench.Core.Evaluation;
using GanBench.Core.Evaluation.Evaluators;
using GanBench.Core.Results;
using Xunit;

namespace GanBench.Core.Tests.Metrics;

public class ModeEntropyTests
{
    [Fact]
    public void Entropy_of_a_histogram_is_minus_sum_p_ln_p()
    {
        Assert.Equal(Math.Log(8), ModeEntropyEvaluator.Entropy([5, 5, 5, 5, 5, 5, 5, 5])!.Value, 12);
        Assert.Equal(0.0, ModeEntropyEvaluator.Entropy([0, 9, 0])!.Value, 12);
        // p = (1/4, 3/4): -(0.25 ln 0.25 + 0.75 ln 0.75)
        Assert.Equal(0.5623351446188083, ModeEntropyEvaluator.Entropy([1, 3])!.Value, 12);
        Assert.Null(ModeEntropyEvaluator.Entropy([0, 0, 0]));
    }

    [Theory]
    [InlineData(8000, 1)]
    [InlineData(2000, 2)]
    public void On_a_mixture_sample_it_is_ln_K_minus_reverse_kl(int n, int seed)
    {
        var ring = DatasetKinds.Preset("ring8")!;
        var fake = DatasetKinds.SampleHost(ring, n, seed);
        var into = new Dictionary<string, double?>();
        PointEvaluators.EvaluateAll(new PointEvaluation(fake, fake, ring, new EvalConfig(), seed, CancellationToken.None), into);
        Assert.True(into["mode_entropy"] > 0);
        Assert.Equal(Math.Log(8) - into["reverse_kl"]!.Value, into["mode_entropy"]!.Value, 9);
    }

    [Fact]
    public void A_collapsed_sample_has_zero_entropy_and_a_dataset_without_modes_records_none()
    {
        var ring = DatasetKinds.Preset("ring8")!;
        double[] collapsed = [.. Enumerable.Range(0, 50).SelectMany(_ => new[] { ring.Means[0][0] / ring.Scale, ring.Means[0][1] / ring.Scale })];
        var into = new Dictionary<string, double?>();
        PointEvaluators.EvaluateAll(new PointEvaluation(collapsed, collapsed, ring, new EvalConfig(), 0, CancellationToken.None), into);
        Assert.Equal(0.0, into["mode_entropy"]);

        var moons = DatasetKinds.Preset("moons")!;
        var sample = DatasetKinds.SampleHost(moons, 100, 0);
        var none = new Dictionary<string, double?>();
        PointEvaluators.EvaluateAll(new PointEvaluation(sample, sample, moons, new EvalConfig(), 0, CancellationToken.None), none);
        Assert.False(none.ContainsKey("mode_entropy"));
        Assert.Contains("w1_exact", none.Keys);
    }

    [Fact]
    public void The_catalog_lists_it_from_the_evaluator_declaration_with_its_direction()
    {
        Assert.Equal(MetricDirection.HigherIsBetter, MetricCatalog.Get("mode_entropy").Direction);
        var points = MetricCatalog.Columns([MetricScope.Points], [ProtocolConfig.Standard]).ToList();
        Assert.Equal(points.IndexOf("reverse_kl") + 1, points.IndexOf("mode_entropy"));
    }
}
