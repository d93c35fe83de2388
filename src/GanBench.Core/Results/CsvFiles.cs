using System.Globalization;
using CsvHelper;

namespace GanBench.Core.Results;

/// <summary>CsvHelper settings shared by every CSV this project writes and reads.</summary>
internal static class CsvFiles
{
    /// <summary>Injection escaping is on because arm, dataset and message fields are user text that a
    /// spreadsheet would run as a formula. Numbers are written as numbers, which CsvHelper never
    /// escapes, so negative losses stay numeric.</summary>
    public static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
        NewLine = "\n",
    };

    /// <summary>The key columns every curve-like row starts with, in RunsCsv.CurveKeyColumns order: trial_id, arm, dataset, seed, step.</summary>
    public static void WriteCurveKey(CsvWriter csv, string trialId, string arm, string dataset, int seed, int step)
    {
        WriteText(csv, trialId);
        WriteText(csv, arm);
        WriteText(csv, dataset);
        csv.WriteField(seed, "");
        csv.WriteField(step, "");
    }

    /// <summary>Writes user text so that <see cref="UnescapeText"/> restores it exactly.</summary>
    /// <remarks>CsvHelper prepends the escape quote to text starting with an injection character. Text
    /// that already starts with quotes followed by an injection character ("'=x") would then read back
    /// wrongly as "=x", so it gets one more quote here; the reader strips one quote from exactly the
    /// fields of the form quotes + injection character.</remarks>
    public static void WriteText(CsvWriter csv, string text) =>
        csv.WriteField(IsEscapedForm(text) ? WriterOptions.InjectionEscape + text : text);

    /// <summary>Undoes the injection escape of <see cref="WriteText"/>.</summary>
    public static string UnescapeText(string? field) =>
        field is null ? "" : IsEscapedForm(field) ? field[1..] : field;

    private static bool IsEscapedForm(string text)
    {
        int i = 0;
        while (i < text.Length && text[i] == WriterOptions.InjectionEscape) i++;
        return i > 0 && i < text.Length && WriterOptions.InjectionCharacters.Contains(text[i]);
    }

    public static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        FormatProvider = CultureInfo.InvariantCulture,
        AllowLineBreaksInQuotes = true,
    };

    public static IReadOnlyList<string> ReadHeader(string path)
    {
        using var reader = CsvReader.Create(new StreamReader(path), ReaderOptions, leaveOpen: false);
        return [.. reader.Headers];
    }

    /// <summary>Appends whole records to <paramref name="path"/>, writing the header first when the file is
    /// new or empty, or checking that an existing file has exactly this header.</summary>
    /// <remarks>Each call opens, appends and closes the file, so a crash loses at most the row being
    /// written and a resumed run continues the same file.</remarks>
    public static void Append(string path, IReadOnlyList<string> header, Action<CsvWriter> writeRecords)
    {
        bool hasContent = File.Exists(path) && new FileInfo(path).Length > 0;
        if (hasContent) CheckHeader(path, header);
        else if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);

        var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, WriterOptions, leaveOpen: true))
        {
            if (!hasContent) csv.WriteHeader([.. header]);
            writeRecords(csv);
            csv.Flush();
        }
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        writer.Write(text.ToString());
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    private static void CheckHeader(string path, IReadOnlyList<string> expected)
    {
        var actual = ReadHeader(path);
        if (actual.SequenceEqual(expected, StringComparer.Ordinal)) return;
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        string detail = missing.Count == 0 && extra.Count == 0
            ? "the same columns in a different order"
            : $"missing in the file: [{string.Join(", ", missing)}]; only in the file: [{string.Join(", ", extra)}]";
        throw new InvalidDataException(
            $"{path} already exists with a different header ({detail}). " +
            $"File header: {string.Join(",", actual)}. Expected: {string.Join(",", expected)}. " +
            "Appending would mix incompatible rows: write to a new output folder, or move the old file away.");
    }
}
