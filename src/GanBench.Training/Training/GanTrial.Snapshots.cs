using GanBench.Training.Torch;
using GanBench.Training.Models;
using TorchSharp;

namespace GanBench.Training.Training;

/// <summary>What the plots keep of a trial: samples over the critic surface, the weight histogram, per-layer gradient norms.</summary>
public sealed partial class GanTrial
{
    /// <summary>The fixed held-out real evaluation sample on the host (point datasets; empty for images): what exact W1 is measured against.</summary>
    public double[] RealSample => _evalRealHost;

    /// <summary>The samples of the last evaluation (every one the metrics saw, on points), and the critic on a grid.</summary>
    public TrialSnapshot Snapshot(int step, int resolution)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var samples = _lastSamples ?? throw new InvalidOperationException("a snapshot shows the samples of an evaluation; evaluate first");
        double[]? surface = null;
        if (_trial.Dataset.Dimension == 2)
        {
            var b = Core.Datasets.PlotBounds.For(_trial.Dataset);
            var xs = torch.linspace(b.XMin, b.XMax, resolution, device: _device);
            var ys = torch.linspace(b.YMin, b.YMax, resolution, device: _device);
            var grid = torch.stack([xs.repeat(resolution), ys.repeat_interleave(resolution)], 1);
            surface = TorchHost.ToHost(CriticLogits(grid));
        }
        return new TrialSnapshot(step, samples, surface, resolution);
    }

    /// <summary>Every critic parameter value binned over [−max|w|, max|w|]: clipping shows as two spikes at ±c.</summary>
    public WeightHistogram CriticWeightHistogram(int bins)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var all = TorchHost.ToHost(torch.cat(Critic.parameters().Select(p => p.flatten()).ToArray()));
        double extent = Math.Max(all.Max(Math.Abs), 1e-12);
        var counts = new long[bins];
        foreach (var w in all)
            counts[Math.Clamp((int)((w + extent) / (2 * extent) * bins), 0, bins - 1)]++;
        var edges = Enumerable.Range(0, bins + 1).Select(i => -extent + 2 * extent * i / bins).ToArray();
        return new WeightHistogram(edges, counts);
    }

    /// <summary>Whole-network L2 norm of the current gradients, and one row per linear layer.</summary>
    private static double GradientNorms(GanNetwork network, string name, List<(string, int, double)> layers)
    {
        var perLayer = network.LayerGradientNorms();
        for (int i = 0; i < perLayer.Count; i++)
            layers.Add((name, i, perLayer[i]));
        return Math.Sqrt(perLayer.Sum(n => n * n));
    }

    /// <summary>Share of critic weights within 1% of the clipping bound ±c.</summary>
    private double ClipSaturation(double c)
    {
        long atBound = 0, count = 0;
        using var noGrad = torch.no_grad();
        foreach (var p in Critic.parameters())
        {
            atBound += p.abs().ge(0.99 * c).sum().item<long>();
            count += p.numel();
        }
        return count == 0 ? 0 : (double)atBound / count;
    }
}
