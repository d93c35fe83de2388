using System.Text;
using System.Text.RegularExpressions;

namespace GanBench.Core.Results;

/// <summary>One complete data line of a results CSV, parsed.</summary>
public sealed record ScannedRow<T>(int Line, string Text, string TrialId, T Value);

/// <summary>
/// A results CSV read line by line without changing it: its rows, whether a kill left a cut last
/// line, and every problem that makes it something GanBench did not write. Reading first and
/// repairing only after every file passed is what keeps hostile or damaged input byte for byte
/// untouched.
/// </summary>
public sealed partial class ResultsFileScan<T>
{
    private const int MaxProblemsPerFile = 8;

    public required string Path { get; init; }
    public bool Exists { get; init; }
    public IReadOnlyList<ScannedRow<T>> Rows { get; init; } = [];
    /// <summary>The file ends in a line without its line break that looks like the start of a row: what a kill mid-append leaves.</summary>
    public bool CutLastLine { get; init; }
    /// <summary>Blank lines, which GanBench never writes but an editor may add; dropped on repair.</summary>
    public bool HasBlankLines { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <param name="expectedHeader">The exact columns this run writes; any other header is refused.</param>
    /// <param name="parse">Turns a line's fields into a row; throws <see cref="InvalidDataException"/> for a bad cell.</param>
    /// <param name="headerAdvice">What the message suggests when the header differs.</param>
    public static ResultsFileScan<T> Read(string path, IReadOnlyList<string> expectedHeader, Func<IReadOnlyList<string>, string, T> parse, string headerAdvice)
    {
        if (!File.Exists(path)) return new ResultsFileScan<T> { Path = path };
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ResultsFileScan<T> { Path = path, Exists = true, Problems = [$"{path}: cannot be read ({e.Message})"] };
        }
        if (bytes.Length == 0) return new ResultsFileScan<T> { Path = path, Exists = true };
        if (BinaryAt(bytes) is int at)
            return new ResultsFileScan<T> { Path = path, Exists = true, Problems = [$"{path}: not a text file (binary content at byte {at}); GanBench did not write it. Move it away, or use --out DIR"] };

        var text = Encoding.UTF8.GetString(bytes);
        int lastBreak = text.LastIndexOf('\n');
        if (lastBreak < 0)
            return new ResultsFileScan<T>
            {
                Path = path, Exists = true,
                Problems = [$"{path}:1: the header line is incomplete (the file has no line break: '{RunsCsv.Clip(text)}'); GanBench writes a whole header with its first row. Delete the file if it holds nothing you need, or use --out DIR"],
            };
        var lines = text[..lastBreak].Split('\n');
        string tail = text[(lastBreak + 1)..];
        var problems = new List<string>();
        if (CsvLine.Split(lines[0]) is not { } header || !header.SequenceEqual(expectedHeader, StringComparer.Ordinal))
            problems.Add(HeaderProblem(path, CsvLine.Split(lines[0]) ?? [lines[0]], expectedHeader, headerAdvice));

        var rows = new List<ScannedRow<T>>();
        bool blank = false;
        int bad = 0;
        // Rows are only meaningful under the expected header.
        bool headerOk = problems.Count == 0;
        for (int i = 1; headerOk && i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0) { blank = true; continue; }
            string where = $"{path}:{i + 1}";
            try
            {
                var fields = CsvLine.Split(line) ?? throw new InvalidDataException($"{where}: a quoted cell is not closed");
                if (fields.Count != expectedHeader.Count)
                    throw new InvalidDataException($"{where}: has {fields.Count} cell(s) but the header has {expectedHeader.Count}");
                var value = parse(fields, where);
                rows.Add(new ScannedRow<T>(i + 1, line, CsvFiles.UnescapeText(fields[0]), value));
            }
            catch (InvalidDataException e)
            {
                bad++;
                if (bad <= MaxProblemsPerFile) problems.Add($"{e.Message.TrimEnd('.')}; GanBench did not write this line. Delete it (the trial then runs again) or use --out DIR");
            }
        }
        if (bad > MaxProblemsPerFile) problems.Add($"{path}: {bad - MaxProblemsPerFile} more line(s) with problems");

        bool cut = false;
        if (tail.Length > 0)
        {
            if (RowStart().IsMatch(tail) && problems.Count == 0) cut = true;
            else if (!RowStart().IsMatch(tail))
                problems.Add($"{path}:{lines.Length + 1}: the last line has no line break and does not start like a row ('{RunsCsv.Clip(tail)}'); GanBench did not write it. Delete it or use --out DIR");
        }
        return new ResultsFileScan<T> { Path = path, Exists = true, Rows = rows, CutLastLine = cut, HasBlankLines = blank, Problems = problems };
    }

    /// <summary>A row starts with a trial id: up to 16 hex digits, then the next cell.</summary>
    [GeneratedRegex("^[0-9a-f]{1,16}(,|$)", RegexOptions.CultureInvariant)]
    private static partial Regex RowStart();

    private static string HeaderProblem(string path, IReadOnlyList<string> actual, IReadOnlyList<string> expected, string advice)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        string detail = missing.Count == 0 && extra.Count == 0
            ? "the same columns in another order"
            : string.Join("; ", new[] { missing.Count > 0 ? $"missing {Columns(missing)}" : null, extra.Count > 0 ? $"not written by this run {Columns(extra)}" : null }.OfType<string>());
        return $"{path}:1: its columns differ from the ones this run writes ({detail}); {advice}";
    }

    private static string Columns(IReadOnlyList<string> names) =>
        names.Count <= 6 ? string.Join(", ", names) : string.Join(", ", names.Take(6)) + $" and {names.Count - 6} more";

    /// <summary>The offset of a NUL byte or of the first invalid UTF-8 sequence, or null for text.</summary>
    private static int? BinaryAt(byte[] bytes)
    {
        for (int i = 0; i < bytes.Length;)
        {
            if (bytes[i] == 0) return i;
            if (Rune.DecodeFromUtf8(bytes.AsSpan(i), out _, out int used) != System.Buffers.OperationStatus.Done) return i;
            i += used;
        }
        return null;
    }
}

/// <summary>Splits one CSV line the way CsvHelper writes it: quoted cells may hold commas and doubled quotes, never line breaks.</summary>
public static class CsvLine
{
    /// <summary>Cells joined into one line, quoting a cell that holds a comma, a quote or surrounding space, as CsvHelper does.</summary>
    public static string Join(IEnumerable<string> cells) => string.Join(",", cells.Select(c =>
        c.IndexOfAny([',', '"', '\r', '\n']) >= 0 || (c.Length > 0 && (char.IsWhiteSpace(c[0]) || char.IsWhiteSpace(c[^1]))) ? "\"" + c.Replace("\"", "\"\"") + "\"" : c));

    /// <summary>The cells, or null when a quoted cell is not closed or text follows a closing quote.</summary>
    public static IReadOnlyList<string>? Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        int i = 0;
        while (true)
        {
            cell.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) return null;
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    cell.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',') return null;
            }
            else
            {
                while (i < line.Length && line[i] != ',') cell.Append(line[i++]);
            }
            cells.Add(cell.ToString());
            if (i >= line.Length) return cells;
            i++; // the comma
        }
    }
}
