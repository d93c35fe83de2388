using GanBench.Core.Results;
using SkiaSharp;

namespace GanBench.Reports;

/// <summary>
/// Image datasets: an 8×8 grid of final generated images per seed, one figure per arm and
/// dataset, so mode collapse shows as rows of near-identical images. Stacked images show their
/// three channels as red, green and blue.
/// </summary>
internal sealed class ImagePlots(ResultsData data, string plotsDirectory, List<string> notes)
{
    private const int Columns = 8, Scale = 3, Gap = 12, MaxSeeds = 4;

    public IEnumerable<PlotFile> Draw()
    {
        foreach (var dataset in data.Datasets)
            foreach (var arm in data.Arms)
            {
                var runs = data.Runs.Where(r => r.Trial.Dataset == dataset && r.Trial.Arm == arm).OrderBy(r => r.Trial.Seed).ToList();
                var grids = runs.Select(r => (Run: r, Snaps: TrialArtifacts.ReadImages(data.Root, r.Trial.TrialId)))
                    .Where(p => p.Snaps.Count > 0).Take(MaxSeeds).ToList();
                if (grids.Count == 0) continue;
                string file = $"images_{Figure.Slug(dataset)}_{Figure.ArmSlug(data.Arms, arm)}.png";
                Save(Path.Combine(plotsDirectory, file), $"{arm} on {dataset}: final samples, seed {string.Join(", ", grids.Select(g => g.Run.Trial.Seed))}", grids.Select(g => g.Snaps[^1].Images).ToList());
                yield return new PlotFile("samples", $"{arm} on {dataset}", ReportGenerator.PlotsFolder + "/" + file,
                    "generated images at the end of training (the first 64 of the fixed evaluation latents), one 8×8 block per seed");
                if (runs.Count > grids.Count && grids.Count < MaxSeeds)
                    notes.Add($"{arm} on {dataset}: {runs.Count - grids.Count} seed(s) wrote no images (diverged or failed before the end).");
            }
    }

    private static void Save(string path, string title, IReadOnlyList<IReadOnlyList<byte[][]>> blocks)
    {
        int side = Core.Datasets.DatasetSpec.ImageSide * Scale;
        int rows = (blocks.Max(b => b.Count) + Columns - 1) / Columns;
        int blockWidth = Columns * side, blockHeight = rows * side;
        int width = blocks.Count * blockWidth + (blocks.Count + 1) * Gap, height = Figure.TitleHeight + blockHeight + Gap;
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var font = new SKFont(SKTypeface.Default, 18) { Embolden = true };
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(title, width / 2f, Figure.TitleHeight * 0.7f, SKTextAlign.Center, font, paint);
        }
        for (int b = 0; b < blocks.Count; b++)
        {
            int left = Gap + b * (blockWidth + Gap);
            for (int i = 0; i < blocks[b].Count; i++)
            {
                var channels = blocks[b][i];
                int x0 = left + i % Columns * side, y0 = Figure.TitleHeight + i / Columns * side;
                for (int p = 0; p < channels[0].Length; p++)
                {
                    byte r = channels[0][p], g = channels.Length > 1 ? channels[1][p] : r, bl = channels.Length > 2 ? channels[2][p] : r;
                    var color = new SKColor(r, g, bl);
                    int px = x0 + p % Core.Datasets.DatasetSpec.ImageSide * Scale, py = y0 + p / Core.Datasets.DatasetSpec.ImageSide * Scale;
                    for (int dy = 0; dy < Scale; dy++)
                        for (int dx = 0; dx < Scale; dx++)
                            bitmap.SetPixel(px + dx, py + dy, color);
                }
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = File.Create(path);
        encoded.SaveTo(stream);
    }
}
