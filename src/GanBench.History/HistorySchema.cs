namespace GanBench.History;

/// <summary>The tables of the history file. One row per trial and one per trial metric (long form), so that a
/// metric added to GanBench later needs no schema change and SQL users can group by metric.</summary>
internal static class HistorySchema
{
    /// <summary>Bumped on any change to the tables; a file of another version is refused rather than misread.</summary>
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            label TEXT NOT NULL,
            experiment TEXT NOT NULL,
            added_utc TEXT NOT NULL,
            source TEXT NOT NULL,
            machine TEXT NOT NULL,
            ganbench TEXT NOT NULL,
            fingerprint TEXT NOT NULL UNIQUE,
            UNIQUE (experiment, label));
        CREATE TABLE IF NOT EXISTS trials (
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            trial_id TEXT NOT NULL,
            arm TEXT NOT NULL,
            dataset TEXT NOT NULL,
            seed INTEGER NOT NULL,
            status TEXT NOT NULL,
            steps INTEGER NOT NULL,
            wall_seconds REAL NOT NULL,
            eval_seconds REAL NOT NULL,
            message TEXT NOT NULL,
            device TEXT NOT NULL,
            platform TEXT NOT NULL,
            implementation TEXT NOT NULL,
            PRIMARY KEY (entry_id, trial_id));
        CREATE TABLE IF NOT EXISTS metrics (
            entry_id INTEGER NOT NULL,
            trial_id TEXT NOT NULL,
            metric TEXT NOT NULL,
            value,
            PRIMARY KEY (entry_id, trial_id, metric),
            FOREIGN KEY (entry_id, trial_id) REFERENCES trials(entry_id, trial_id) ON DELETE CASCADE);
        CREATE TABLE IF NOT EXISTS gate_marks (
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            reference TEXT NOT NULL,
            arm TEXT NOT NULL,
            dataset TEXT NOT NULL,
            metric TEXT NOT NULL,
            verdict TEXT NOT NULL,
            p_adjusted REAL,
            relative_change REAL,
            PRIMARY KEY (entry_id, reference, arm, dataset, metric));
        """;
}
