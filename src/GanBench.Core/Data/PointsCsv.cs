using System.Globalization;

namespace GanBench.Core.Data;

/// <summary>A problem in an input file, with the 1-based line (and column) it was found at.</summary>
public sealed class InputFileException(string file, int? line, int? column, string problem)
    : Exception(line is null ? $"{file}: error: {problem}" : column is null ? $"{file}:{line}: error: {problem}" : $"{file}:{line}:{column}: error: {problem}")
{
    public string File { get; } = file;
    public int? Line { get; } = line;
}

/// <summary>Points read from a CSV file: a header naming the columns (x,y for 2-D), then one point per line.</summary>
/// <param name="Step">For a GanBench samples.csv (a leading step column): the training step the points were taken from.</param>
public sealed record PointSet(string File, IReadOnlyList<string> Columns, double[] Values, int? Step = null)
{
    public int Dimension => Columns.Count;
    public int Count => Values.Length / Columns.Count;
}

public static class PointsCsv
{
    /// <summary>Larger sample files are a mistake: exact W1 on them would take hours.</summary>
    public const int MaxBytes = 256 << 20;

    /// <summary>
    /// Reads numbers only, so a plain split is exact; quoting is not needed for numeric data and
    /// a quoted cell is reported rather than silently reinterpreted.
    /// </summary>
    /// <summary>
    /// Reads a sample file. GanBench's own trials/&lt;id&gt;/samples.csv starts with a step column and
    /// holds several steps: <paramref name="step"/> picks one, and without it the last step (the
    /// end of training) is read.
    /// </summary>
    public static PointSet Read(string path, int? step = null)
    {
        var all = ReadAll(path);
        if (all.Columns.Count == 0 || all.Columns[0] != "step")
        {
            if (step is not null) throw new InputFileException(path, null, null, "has no step column; --step applies to a GanBench samples.csv (step,x,y)");
            return all;
        }
        int dim = all.Columns.Count - 1;
        if (dim == 0) throw new InputFileException(path, null, null, "has a step column but no coordinates");
        var steps = new SortedSet<int>();
        for (int i = 0; i < all.Values.Length; i += all.Columns.Count)
        {
            double s = all.Values[i];
            if (s != Math.Floor(s) || s < 0 || s > int.MaxValue) throw new InputFileException(path, null, null, $"step {s} is not a whole number ≥ 0");
            steps.Add((int)s);
        }
        int chosen = step ?? steps.Max;
        if (!steps.Contains(chosen))
            throw new InputFileException(path, null, null, $"has no points at step {chosen}; its steps are {string.Join(", ", steps)}");
        var values = new List<double>();
        for (int i = 0; i < all.Values.Length; i += all.Columns.Count)
            if ((int)all.Values[i] == chosen)
                for (int d = 1; d <= dim; d++) values.Add(all.Values[i + d]);
        return new PointSet(path, all.Columns.Skip(1).ToList(), values.ToArray(), chosen);
    }

    private static PointSet ReadAll(string path)
    {
        var kind = InputFiles.KindOf(path);
        if (kind == InputKind.Directory) throw new InputFileException(path, null, null, "is a directory, not a CSV file");
        if (kind == InputKind.Missing) throw new InputFileException(path, null, null, "file not found");
        if (kind == InputKind.Other) throw new InputFileException(path, null, null, "is not a regular file (a device, FIFO or socket), not a CSV file");
        string[] lines;
        try
        {
            var bytes = InputFiles.ReadAtMost(path, MaxBytes)
                ?? throw new InputFileException(path, null, null, $"is larger than {MaxBytes / (1 << 20)} MiB; sample files of a few thousand points are a few hundred KiB");
            lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputFileException(path, null, null, $"cannot be read ({e.Message})"); }

        int headerIndex = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerIndex < 0) throw new InputFileException(path, null, null, "is empty; expected a header row naming the columns (x,y for 2-D points) and one point per line");
        if (lines[headerIndex].Contains('\0')) throw new InputFileException(path, headerIndex + 1, null, "is not a text CSV file");
        var columns = lines[headerIndex].Split(',').Select(c => c.Trim()).ToList();
        if (columns.Any(c => c.Length == 0)) throw new InputFileException(path, headerIndex + 1, null, "the header has an empty column name");
        if (columns.Any(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            throw new InputFileException(path, headerIndex + 1, null, $"the first row '{lines[headerIndex]}' looks like data; add a header row naming the columns (x,y for 2-D points)");

        var values = new List<double>();
        for (int i = headerIndex + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != columns.Count)
                throw new InputFileException(path, i + 1, null, $"has {cells.Length} value(s) but the header names {columns.Count} column(s) ({string.Join(",", columns)})");
            int col = 1;
            for (int j = 0; j < cells.Length; j++)
            {
                var cell = cells[j].Trim();
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                    throw new InputFileException(path, i + 1, col, $"'{Truncate(cell)}' in column '{columns[j]}' is not a number (use '.' as the decimal point)");
                if (!double.IsFinite(v))
                    throw new InputFileException(path, i + 1, col, $"'{Truncate(cell)}' in column '{columns[j]}' is not a finite number");
                values.Add(v);
                col += cells[j].Length + 1;
            }
        }
        if (values.Count == 0) throw new InputFileException(path, null, null, "has a header but no points");
        return new PointSet(path, columns, values.ToArray());
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
