/// The SQLite schema of the libraries (version 1).
///
/// - `slices`: one row per library, subject and theme — the theme's current row as published
///   (`row`, NULL for a tombstone) and its lineage. Clustered on its key (WITHOUT ROWID), so a
///   subject's slices sit together and a look-up is one range scan.
/// - `aliases`: older identifiers of entities (organisation code, tax id) → credit code.
/// - `positions`: per source partition, the next offset to read and what was seen so far,
///   written in the same transaction as the slices.
enum LibrarySchema {
    static let version = "1"

    static let create = """
        CREATE TABLE IF NOT EXISTS slices(
            library TEXT NOT NULL, subject TEXT NOT NULL, theme TEXT NOT NULL, seq INTEGER NOT NULL,
            row BLOB, department TEXT NOT NULL, event_id TEXT NOT NULL, event_time TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY(library, subject, theme)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS aliases(
            code TEXT NOT NULL, subject TEXT NOT NULL, theme TEXT NOT NULL,
            PRIMARY KEY(code, subject, theme)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS aliases_by_subject ON aliases(subject, theme);
        \(PositionsTable.create)
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '\(version)');
        """

    static let upsert = """
        INSERT INTO slices(library, subject, theme, seq, row, department, event_id, event_time, source)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        ON CONFLICT(library, subject, theme) DO UPDATE SET
            seq = excluded.seq, row = excluded.row, department = excluded.department,
            event_id = excluded.event_id, event_time = excluded.event_time, source = excluded.source
        WHERE excluded.seq > slices.seq
        """

    static let record = """
        SELECT theme, seq, row, department, event_id, event_time, source FROM slices
        WHERE library = ?1 AND subject = ?2 AND row IS NOT NULL
        """
}
