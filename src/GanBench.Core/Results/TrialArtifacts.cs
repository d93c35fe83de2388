using System.Globalization;
using System.Text;

namespace GanBench.Core.Results;

/// <summary>Generator samples and the critic surface of one trial at one step.</summary>
public sealed record SnapshotData(int Step, double[] Samples, double[]? Surface, int SurfaceResolution);

/// <summary>
/// Per-trial files under trials/&lt;trial_id&gt;/ for plots and for re-measuring: samples.csv
/// (step,x,y: every evaluation sample at the steps recorded), real.csv (x,y: the held-out real
/// sample the metrics used), critic_surface.csv (step,ix,iy,value on a resolution² grid over
/// PlotBounds) and critic_weights.csv (lo,hi,count). Each file is written whole, by rename.
/// </summary>
public static class TrialArtifacts
{
    public const string Folder = "trials", SamplesFile = "samples.csv", SurfaceFile = "critic_surface.csv", WeightsFile = "critic_weights.csv", ImagesFile = "images.csv", RealFile = "real.csv";
    private const int ImagePixels = Datasets.DatasetSpec.ImageSide * Datasets.DatasetSpec.ImageSide;

    public static string DirectoryFor(string resultsRoot, string trialId) => Path.Combine(resultsRoot, Folder, trialId);

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <param name="imageChannels">0 for point samples (samples.csv); otherwise the snapshots hold images of this
    /// many channels, written to images.csv as one row per image and channel: step,image,channel,p0..p783 with
    /// pixels quantised from [−1, 1] to 0..255, exact enough to look at and 8× smaller than full precision.</param>
    /// <param name="realSample">Point datasets: the held-out real sample the metrics were measured against (x, y pairs), written to real.csv.</param>
    /// <param name="pointDimension">Coordinates per point sample (2 for the toy datasets; a mixture can have more).</param>
    public static void Write(string resultsRoot, string trialId, IReadOnlyList<SnapshotData> snapshots, (double[] Edges, long[] Counts)? weights,
        int imageChannels = 0, double[]? realSample = null, int pointDimension = 2)
    {
        if (snapshots.Count == 0 && weights is null && realSample is null) return;
        var dir = DirectoryFor(resultsRoot, trialId);
        Directory.CreateDirectory(dir);

        if (realSample is { Length: > 0 })
        {
            var real = new StringBuilder(string.Join(",", PointColumns(pointDimension))).Append('\n');
            AppendPoints(real, null, realSample, pointDimension);
            ResultsDirectory.WriteAtomically(Path.Combine(dir, RealFile), real.ToString());
        }

        if (imageChannels > 0)
            WriteImages(Path.Combine(dir, ImagesFile), snapshots, imageChannels);
        else
            WritePoints(dir, snapshots, pointDimension);

        if (weights is { } w)
        {
            var hist = new StringBuilder("lo,hi,count\n");
            for (int i = 0; i < w.Counts.Length; i++)
                hist.Append(F(w.Edges[i])).Append(',').Append(F(w.Edges[i + 1])).Append(',').Append(w.Counts[i]).Append('\n');
            ResultsDirectory.WriteAtomically(Path.Combine(dir, WeightsFile), hist.ToString());
        }
    }

    private static void WriteImages(string path, IReadOnlyList<SnapshotData> snapshots, int channels)
    {
        var text = new StringBuilder("step,image,channel");
        for (int p = 0; p < ImagePixels; p++) text.Append(",p").Append(p);
        text.Append('\n');
        int perImage = channels * ImagePixels;
        foreach (var s in snapshots)
            for (int image = 0; image * perImage < s.Samples.Length; image++)
                for (int c = 0; c < channels; c++)
                {
                    text.Append(s.Step).Append(',').Append(image).Append(',').Append(c);
                    int offset = image * perImage + c * ImagePixels;
                    for (int p = 0; p < ImagePixels; p++)
                        text.Append(',').Append((int)Math.Round(Math.Clamp((s.Samples[offset + p] + 1) * 127.5, 0, 255)));
                    text.Append('\n');
                }
        ResultsDirectory.WriteAtomically(path, text.ToString());
    }

    /// <summary>Image snapshots as step → images, each [channel][pixel] in 0..255; empty when the trial wrote none.</summary>
    public static IReadOnlyList<(int Step, IReadOnlyList<byte[][]> Images)> ReadImages(string resultsRoot, string trialId)
    {
        var path = Path.Combine(DirectoryFor(resultsRoot, trialId), ImagesFile);
        if (!File.Exists(path)) return [];
        var byStep = new SortedDictionary<int, SortedDictionary<int, SortedDictionary<int, byte[]>>>();
        foreach (var line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            int step = int.Parse(f[0], CultureInfo.InvariantCulture), image = int.Parse(f[1], CultureInfo.InvariantCulture), channel = int.Parse(f[2], CultureInfo.InvariantCulture);
            var pixels = new byte[f.Length - 3];
            for (int p = 0; p < pixels.Length; p++) pixels[p] = byte.Parse(f[p + 3], CultureInfo.InvariantCulture);
            if (!byStep.TryGetValue(step, out var images)) byStep[step] = images = [];
            if (!images.TryGetValue(image, out var imageChannels)) images[image] = imageChannels = [];
            imageChannels[channel] = pixels;
        }
        return byStep.Select(kv => (kv.Key, (IReadOnlyList<byte[][]>)kv.Value.Values.Select(ch => ch.Values.ToArray()).ToList())).ToList();
    }

    /// <summary>Column names of a point: x,y in 2-D, x1..xd otherwise.</summary>
    public static IReadOnlyList<string> PointColumns(int dimension) =>
        dimension == 2 ? ["x", "y"] : Enumerable.Range(1, dimension).Select(i => $"x{i}").ToList();

    private static void AppendPoints(StringBuilder text, int? step, double[] values, int dimension)
    {
        for (int i = 0; i + dimension <= values.Length; i += dimension)
        {
            if (step is int s) text.Append(s).Append(',');
            for (int d = 0; d < dimension; d++)
                text.Append(d > 0 ? "," : "").Append(F(values[i + d]));
            text.Append('\n');
        }
    }

    private static void WritePoints(string dir, IReadOnlyList<SnapshotData> snapshots, int dimension)
    {
        var samples = new StringBuilder("step," + string.Join(",", PointColumns(dimension))).Append('\n');
        foreach (var s in snapshots)
            AppendPoints(samples, s.Step, s.Samples, dimension);
        ResultsDirectory.WriteAtomically(Path.Combine(dir, SamplesFile), samples.ToString());

        if (snapshots.Any(s => s.Surface is not null))
        {
            var surface = new StringBuilder("step,ix,iy,value\n");
            foreach (var s in snapshots.Where(s => s.Surface is not null))
                for (int iy = 0; iy < s.SurfaceResolution; iy++)
                    for (int ix = 0; ix < s.SurfaceResolution; ix++)
                        surface.Append(s.Step).Append(',').Append(ix).Append(',').Append(iy).Append(',').Append(F(s.Surface![iy * s.SurfaceResolution + ix])).Append('\n');
            ResultsDirectory.WriteAtomically(Path.Combine(dir, SurfaceFile), surface.ToString());
        }
    }

    /// <summary>Snapshots of a trial by step; empty when the trial wrote none (for example, it diverged first).</summary>
    public static IReadOnlyList<SnapshotData> ReadSnapshots(string resultsRoot, string trialId)
    {
        var dir = DirectoryFor(resultsRoot, trialId);
        var samplesPath = Path.Combine(dir, SamplesFile);
        if (!File.Exists(samplesPath)) return [];
        var samples = ReadRows(samplesPath).GroupBy(r => (int)r[0]).ToDictionary(g => g.Key, g => g.SelectMany(r => r.Skip(1)).ToArray());
        var surfacePath = Path.Combine(dir, SurfaceFile);
        var surfaces = File.Exists(surfacePath)
            ? ReadRows(surfacePath).GroupBy(r => (int)r[0]).ToDictionary(g => g.Key, g => g.ToList())
            : [];
        var result = new List<SnapshotData>();
        foreach (var (step, points) in samples.OrderBy(p => p.Key))
        {
            double[]? surface = null;
            int resolution = 0;
            if (surfaces.TryGetValue(step, out var cells))
            {
                resolution = (int)Math.Round(Math.Sqrt(cells.Count));
                surface = new double[resolution * resolution];
                foreach (var c in cells) surface[(int)c[2] * resolution + (int)c[1]] = c[3];
            }
            result.Add(new SnapshotData(step, points, surface, resolution));
        }
        return result;
    }

    public static (double[] Edges, long[] Counts)? ReadWeights(string resultsRoot, string trialId)
    {
        var path = Path.Combine(DirectoryFor(resultsRoot, trialId), WeightsFile);
        if (!File.Exists(path)) return null;
        var rows = ReadRows(path).ToList();
        if (rows.Count == 0) return null;
        return ([.. rows.Select(r => r[0]), rows[^1][1]], [.. rows.Select(r => (long)r[2])]);
    }

    private static IEnumerable<double[]> ReadRows(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(f => double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray());
}
