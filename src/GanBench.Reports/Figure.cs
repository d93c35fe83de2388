using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace GanBench.Reports;

/// <summary>Shared drawing helpers: panel grids with a figure title, colours, log axes, empty panels.</summary>
internal static class Figure
{
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public static Color ArmColor(int index) => Palette.GetColor(index);

    /// <summary>An arm's colour, the same in every figure of a report: its position among the folder's arms.</summary>
    public static Color ArmColor(ResultsData data, string arm) => ArmColor(data.Arms.ToList().IndexOf(arm));

    public const int TitleHeight = 48;

    /// <summary>Renders <paramref name="panels"/> row by row into one PNG under a figure title.</summary>
    public static void SaveGrid(string path, string title, IReadOnlyList<Plot> panels, int columns, int cellWidth, int cellHeight)
    {
        columns = Math.Max(1, Math.Min(columns, panels.Count));
        int rows = (panels.Count + columns - 1) / columns;
        int width = columns * cellWidth, height = TitleHeight + rows * cellHeight;
        using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException($"cannot allocate a {width}x{height} image");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var font = new SKFont(SKTypeface.Default, 22) { Embolden = true })
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
            canvas.DrawText(title, width / 2f, TitleHeight * 0.7f, SKTextAlign.Center, font, paint);
        for (int i = 0; i < panels.Count; i++)
        {
            int r = i / columns, c = i % columns;
            float left = c * cellWidth, top = TitleHeight + r * cellHeight;
            canvas.Save();
            canvas.ClipRect(new SKRect(left, top, left + cellWidth, top + cellHeight));
            panels[i].Render(canvas, new PixelRect(left, left + cellWidth, top + cellHeight, top));
            canvas.Restore();
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // A report rebuilt while someone views it must never show half a figure.
        Core.Results.ResultsDirectory.WriteAtomically(path, data.AsSpan());
    }

    public static Plot NewPanel(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 15);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        return plot;
    }

    /// <summary>A panel that says why nothing is drawn (a diverged trial without snapshot, a metric never logged).</summary>
    public static Plot MessagePanel(string title, string message)
    {
        var plot = new Plot();
        plot.Title(title, 15);
        plot.HideAxesAndGrid();
        var text = plot.Add.Text(Wrap(message, 38), 0, 0);
        text.LabelFontSize = 14;
        text.LabelAlignment = Alignment.MiddleCenter;
        text.LabelFontColor = Colors.DarkRed;
        plot.Axes.SetLimits(-1, 1, -1, 1);
        return plot;
    }

    /// <summary>A panel holding only a legend, so metric panels keep their whole area for data.</summary>
    public static Plot LegendPanel(IEnumerable<(string Label, Color Color, LinePattern Pattern)> items, string? footnote = null)
    {
        var plot = new Plot();
        plot.HideAxesAndGrid();
        foreach (var (label, color, pattern) in items)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, LineColor = color, LineWidth = 3, LinePattern = pattern });
        plot.Legend.FontSize = 14;
        // With a footnote at the bottom the legend stands at the top, so ten arms do not cover it.
        plot.ShowLegend(footnote is null ? Alignment.MiddleCenter : Alignment.UpperCenter);
        if (footnote is not null)
        {
            var text = plot.Add.Text(Wrap(footnote, 46), 0, -0.9);
            text.LabelFontSize = 12;
            text.LabelAlignment = Alignment.LowerCenter;
            text.LabelFontColor = Colors.DimGray;
        }
        plot.Axes.SetLimits(-1, 1, -1, 1);
        return plot;
    }

    /// <summary>
    /// Log-10 axis: the data are log10 of the values and the tick labels read as the values. Ticks
    /// are placed for the range actually shown: powers of ten over several decades, 1-2-5 steps
    /// over one or two, and evenly spaced round values inside a single decade, where integer-only
    /// ticks left the axis without a single label.
    /// </summary>
    public static void LogY(Plot plot)
    {
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.Left.TickGenerator = LogTickGenerator(limits.Bottom, limits.Top);
    }

    /// <summary>A value as drawn: log10 of it on a log axis, where only positive values have a place; null when it cannot be drawn.</summary>
    public static double? AxisValue(double? v, bool log) =>
        v is not double d || !double.IsFinite(d) ? null : log ? d > 0 ? Math.Log10(d) : null : d;

    /// <summary>As <see cref="LogY"/>, for the bottom axis.</summary>
    public static void LogX(Plot plot)
    {
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.Bottom.TickGenerator = LogTickGenerator(limits.Left, limits.Right);
    }

    private static NumericManual LogTickGenerator(double low, double high)
    {
        var manual = new NumericManual();
        foreach (var (position, label) in LogTicks(low, high)) manual.AddMajor(position, label);
        return manual;
    }

    /// <summary>(log10 position, label) of the ticks for a log axis showing log10 values from <paramref name="low"/> to <paramref name="high"/>.</summary>
    public static IReadOnlyList<(double Position, string Label)> LogTicks(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || high <= low) return [(low, Label(Math.Pow(10, low)))];
        double span = high - low;
        double[] mantissas = span >= 4 ? [1] : span >= 1 ? [1, 2, 5] : [1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9];
        var ticks = new List<(double, string)>();
        for (int e = (int)Math.Floor(low); e <= (int)Math.Ceiling(high); e++)
            foreach (var m in mantissas)
            {
                double position = e + Math.Log10(m);
                if (position >= low && position <= high) ticks.Add((position, Label(m * Math.Pow(10, e))));
            }
        int stride = Math.Max(1, (int)Math.Ceiling(ticks.Count / 8.0));
        ticks = ticks.Where((_, i) => i % stride == 0).ToList();
        if (ticks.Count >= 2) return ticks;
        // Less than a factor of 1.5 shown: values spread evenly between the two ends, with as many
        // significant digits as it takes to tell them apart.
        double a = Math.Pow(10, low), b = Math.Pow(10, high);
        int digits = Math.Clamp(3 + (int)Math.Ceiling(-Math.Log10((b - a) / b)), 3, 15);
        return Enumerable.Range(0, 5).Select(i => a + (b - a) * i / 4).Select(v => (Math.Log10(v), Label(v, digits))).ToList();
    }

    // G3 writes 1000 as "1E+03"; below 1e4 whole numbers read better in full.
    private static string Label(double value, int digits = 3) =>
        digits == 3 && value is >= 1e3 and < 1e4 ? value.ToString("0", CultureInfo.InvariantCulture)
        : value is >= 1e-3 and < 1e4 || digits > 3 ? value.ToString("G" + digits, CultureInfo.InvariantCulture) : value.ToString("0.##e0", CultureInfo.InvariantCulture);

    public static void IntegerX(Plot plot) => plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };

    public static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width) { lines.Add(line); line = word; }
            else line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0) lines.Add(line);
        return string.Join("\n", lines);
    }

    /// <summary>File-name part from a user label: lowercase letters, digits, '-' and '.', others become '_'.</summary>
    public static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray();
        var s = new string(chars).Trim('_', '.');
        while (s.Contains("__")) s = s.Replace("__", "_");
        return s.Length == 0 ? "arm" : s.Length > 60 ? s[..60] : s;
    }

    /// <summary>
    /// File-name part for an arm: its <see cref="Slug"/>, or, when another arm of the same results
    /// folder slugs to the same text ("a/b" and "a_b"), the slug plus a short hash of the label, so
    /// that no two arms share a plot file.
    /// </summary>
    public static string ArmSlug(IEnumerable<string> arms, string arm)
    {
        var slug = Slug(arm);
        if (!arms.Any(other => other != arm && Slug(other) == slug)) return slug;
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(arm));
        return $"{slug}_{Convert.ToHexStringLower(hash)[..8]}";
    }

    public static string F(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
