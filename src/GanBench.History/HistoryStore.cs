using System.Globalization;
using GanBench.Core.Results;
using Microsoft.Data.Sqlite;

namespace GanBench.History;

/// <summary>
/// The results history: an SQLite file holding every added sweep's trials and final metrics, and the
/// gate's verdicts. Every write is one transaction, so a killed `history add` leaves the file as it was.
/// </summary>
public sealed class HistoryStore : IDisposable
{
    private readonly SqliteConnection _db;

    public string Path { get; }

    private HistoryStore(string path, SqliteConnection db)
    {
        Path = path;
        _db = db;
    }

    /// <param name="create">Create the file when it does not exist (commands that add); readers refuse a missing file.</param>
    /// <exception cref="HistoryException">The file is missing (and not to be created), not an SQLite file, or of another schema version.</exception>
    public static HistoryStore Open(string path, bool create)
    {
        if (Directory.Exists(path)) throw new HistoryException($"{path}: is a folder; --history names the history file, e.g. results/history.sqlite");
        bool exists = File.Exists(path);
        if (!exists && !create) throw new HistoryException($"{path}: no history file yet; add a finished sweep with `history add RESULTS_DIR` first");
        if (!exists)
        {
            string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (folder is not null) Directory.CreateDirectory(folder);
        }
        // No pooling: a pooled connection keeps the file open after Dispose, which blocks deleting or replacing it.
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite };
        var db = new SqliteConnection(builder.ToString());
        try
        {
            db.Open();
            Execute(db, "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
            var store = new HistoryStore(path, db);
            store.Prepare(exists);
            return store;
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new HistoryException($"{path}: cannot be used as a GanBench history ({e.Message.TrimEnd('.')}); name another file with --history, or rebuild it with `history rebuild`");
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private void Prepare(bool existed)
    {
        if (existed && Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") is 0L)
            throw new HistoryException($"{Path}: is an SQLite file but not a GanBench history (it has no meta table); name another file with --history");
        using (var transaction = _db.BeginTransaction())
        {
            Execute(_db, HistorySchema.Create, transaction);
            Execute(_db, $"INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '{HistorySchema.Version}')", transaction);
            transaction.Commit();
        }
        string version = Scalar("SELECT value FROM meta WHERE key = 'schema_version'")?.ToString() ?? "";
        if (version != HistorySchema.Version.ToString(CultureInfo.InvariantCulture))
            throw new HistoryException($"{Path}: has history schema version {version}; this GanBench reads version {HistorySchema.Version}");
    }

    /// <summary>Adds one sweep with all its trials, or nothing.</summary>
    /// <exception cref="HistoryException">The label is taken for this experiment, or the same runs.csv is already in the history.</exception>
    public HistoryEntry Add(string label, string experiment, DateTimeOffset addedUtc, string source, string machine, string fingerprint,
        IReadOnlyList<RunRecord> runs)
    {
        using var transaction = _db.BeginTransaction();
        if (FindByFingerprint(fingerprint, transaction) is { } same)
            throw new HistoryException($"{source}: this sweep is already in {Path} as '{same.Label}' (experiment {same.Experiment}, added {Stamp(same.AddedUtc)}); a sweep is added once");
        if (Entries(experiment, transaction).FirstOrDefault(e => e.Label == label) is { } taken)
            throw new HistoryException($"label '{label}' is already used for experiment {experiment} in {Path} (added {Stamp(taken.AddedUtc)} from {taken.Source}); choose another --label");
        string ganBench = string.Join(", ", runs.Select(r => Implementation.Parse(r.Implementation).GetValueOrDefault(Implementation.GanBenchKey) ?? "")
            .Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

        var insert = Command("INSERT INTO entries (label, experiment, added_utc, source, machine, ganbench, fingerprint) VALUES ($l, $e, $a, $s, $m, $g, $f); SELECT last_insert_rowid();", transaction,
            ("$l", label), ("$e", experiment), ("$a", Stamp(addedUtc)), ("$s", source), ("$m", machine), ("$g", ganBench), ("$f", fingerprint));
        long id = (long)insert.ExecuteScalar()!;
        HistoryRows.Insert(_db, transaction, id, runs);
        transaction.Commit();
        return new HistoryEntry(id, label, experiment, addedUtc, source, machine, ganBench, fingerprint, runs.Count);
    }

    /// <summary>Every entry, oldest first; only those of <paramref name="experiment"/> when given.</summary>
    public IReadOnlyList<HistoryEntry> Entries(string? experiment = null) => Entries(experiment, null);

    private IReadOnlyList<HistoryEntry> Entries(string? experiment, SqliteTransaction? transaction)
    {
        var command = Command(
            "SELECT e.id, e.label, e.experiment, e.added_utc, e.source, e.machine, e.ganbench, e.fingerprint, " +
            "(SELECT count(*) FROM trials t WHERE t.entry_id = e.id) FROM entries e " +
            (experiment is null ? "" : "WHERE e.experiment = $e ") + "ORDER BY e.id", transaction, ("$e", experiment ?? ""));
        using var reader = command.ExecuteReader();
        var entries = new List<HistoryEntry>();
        while (reader.Read())
            entries.Add(new HistoryEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetInt32(8)));
        return entries;
    }

    public HistoryEntry? FindByFingerprint(string fingerprint) => FindByFingerprint(fingerprint, null);

    private HistoryEntry? FindByFingerprint(string fingerprint, SqliteTransaction? transaction) =>
        Entries(null, transaction).FirstOrDefault(e => e.Fingerprint == fingerprint);

    /// <summary>The trials of one entry as runs.csv rows (without the setup columns, which the history does not keep).</summary>
    public IReadOnlyList<RunRecord> Runs(HistoryEntry entry) => HistoryRows.Read(_db, entry);

    /// <summary>Records the gate's verdicts on an entry, replacing those of an earlier comparison with the same reference.</summary>
    public void Mark(HistoryEntry entry, string reference, IReadOnlyList<GateMark> marks)
    {
        using var transaction = _db.BeginTransaction();
        Command("DELETE FROM gate_marks WHERE entry_id = $id AND reference = $r", transaction, ("$id", entry.Id), ("$r", reference)).ExecuteNonQuery();
        foreach (var mark in marks)
            Command("INSERT INTO gate_marks (entry_id, reference, arm, dataset, metric, verdict, p_adjusted, relative_change) VALUES ($id, $r, $a, $d, $m, $v, $p, $c)", transaction,
                ("$id", entry.Id), ("$r", reference), ("$a", mark.Arm), ("$d", mark.Dataset), ("$m", mark.Metric), ("$v", mark.Verdict),
                ("$p", Finite(mark.AdjustedP)), ("$c", Finite(mark.RelativeChange))).ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Every verdict recorded on the entries of <paramref name="experiment"/>.</summary>
    public IReadOnlyList<GateMark> Marks(string experiment)
    {
        var command = Command("SELECT g.entry_id, g.reference, g.arm, g.dataset, g.metric, g.verdict, g.p_adjusted, g.relative_change " +
            "FROM gate_marks g JOIN entries e ON e.id = g.entry_id WHERE e.experiment = $e ORDER BY g.entry_id", null, ("$e", experiment));
        using var reader = command.ExecuteReader();
        var marks = new List<GateMark>();
        while (reader.Read())
            marks.Add(new GateMark(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetDouble(7)));
        return marks;
    }

    public void Dispose() => _db.Dispose();

    /// <summary>ISO 8601 in UTC to the second: sorts as text and reads back the same everywhere.</summary>
    public static string Stamp(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static object? Finite(double? value) => value is double v && double.IsFinite(v) ? v : null;

    private object? Scalar(string sql) => Command(sql, null).ExecuteScalar();

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters) =>
        HistoryRows.Command(_db, sql, transaction, parameters);

    private static void Execute(SqliteConnection db, string sql, SqliteTransaction? transaction = null) =>
        HistoryRows.Command(db, sql, transaction).ExecuteNonQuery();
}
