using System.Globalization;
using GanBench.Core.Results;
using Microsoft.Data.Sqlite;

namespace GanBench.History;

/// <summary>Trial rows and their metrics in and out of the history file.</summary>
internal static class HistoryRows
{
    /// <summary>SQLite stores no NaN (it becomes NULL), but runs.csv distinguishes NaN (a bad value, counted as
    /// excluded) from an empty cell (undefined), so NaN is kept as this text.</summary>
    private const string NaNText = "NaN";

    public static void Insert(SqliteConnection db, SqliteTransaction transaction, long entryId, IReadOnlyList<RunRecord> runs)
    {
        var trial = Command(db, "INSERT INTO trials (entry_id, trial_id, arm, dataset, seed, status, steps, wall_seconds, eval_seconds, message, device, platform, implementation) " +
            "VALUES ($id, $t, $a, $d, $s, $st, $n, $w, $ev, $msg, $dev, $pl, $impl)", transaction);
        var metric = Command(db, "INSERT INTO metrics (entry_id, trial_id, metric, value) VALUES ($id, $t, $m, $v)", transaction);
        foreach (var run in runs)
        {
            var t = run.Trial;
            Bind(trial, ("$id", entryId), ("$t", t.TrialId), ("$a", t.Arm), ("$d", t.Dataset), ("$s", t.Seed), ("$st", RunsCsv.StatusText(t.Status)),
                ("$n", run.Steps), ("$w", run.WallSeconds), ("$ev", run.EvalSeconds), ("$msg", run.Message),
                ("$dev", run.Platform.Device), ("$pl", run.Platform.Description), ("$impl", run.Implementation));
            trial.ExecuteNonQuery();
            foreach (var (name, value) in t.Metrics)
            {
                Bind(metric, ("$id", entryId), ("$t", t.TrialId), ("$m", name), ("$v", value is double v && double.IsNaN(v) ? NaNText : value));
                metric.ExecuteNonQuery();
            }
        }
    }

    public static IReadOnlyList<RunRecord> Read(SqliteConnection db, HistoryEntry entry)
    {
        var metrics = new Dictionary<string, Dictionary<string, double?>>(StringComparer.Ordinal);
        using (var reader = Command(db, "SELECT trial_id, metric, value FROM metrics WHERE entry_id = $id", null, ("$id", entry.Id)).ExecuteReader())
            while (reader.Read())
            {
                if (!metrics.TryGetValue(reader.GetString(0), out var values))
                    metrics[reader.GetString(0)] = values = new Dictionary<string, double?>(StringComparer.Ordinal);
                values[reader.GetString(1)] = reader.IsDBNull(2) ? null
                    : reader.GetFieldType(2) == typeof(string) && reader.GetString(2) == NaNText ? double.NaN
                    : reader.GetDouble(2);
            }
        var runs = new List<RunRecord>();
        using (var reader = Command(db, "SELECT trial_id, arm, dataset, seed, status, steps, wall_seconds, eval_seconds, message, device, platform, implementation " +
            "FROM trials WHERE entry_id = $id ORDER BY rowid", null, ("$id", entry.Id)).ExecuteReader())
            while (reader.Read())
            {
                string id = reader.GetString(0);
                var status = RunsCsv.Status(reader.GetString(4), $"{entry.Label}, trial {id}");
                runs.Add(new RunRecord
                {
                    Trial = new TrialRecord(id, reader.GetString(1), reader.GetString(2), reader.GetInt32(3), status,
                        metrics.GetValueOrDefault(id) ?? new Dictionary<string, double?>(StringComparer.Ordinal)),
                    Experiment = entry.Experiment,
                    Steps = reader.GetInt32(5),
                    WallSeconds = reader.GetDouble(6),
                    EvalSeconds = reader.GetDouble(7),
                    Message = reader.GetString(8),
                    Platform = new RunPlatform(reader.GetString(9), reader.GetString(10)),
                    Implementation = reader.GetString(11),
                });
            }
        return runs;
    }

    public static SqliteCommand Command(SqliteConnection db, string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        Bind(command, parameters);
        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            object bound = value ?? DBNull.Value;
            if (command.Parameters.Contains(name)) command.Parameters[name].Value = bound;
            else command.Parameters.AddWithValue(name, bound);
        }
    }
}
