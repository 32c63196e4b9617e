/// The SQLite schema of the libraries (version 2).
///
/// - `slices`: one row per library, theme and subject — the theme's current row as published
///   (`row`, NULL for a tombstone) and its lineage. Clustered on its key (WITHOUT ROWID) with
///   the theme first: a department's feed arrives theme by theme in subject order, so a batch
///   dirties few, neighbouring pages (version 1 clustered by subject first and rewrote a page
///   for almost every event). A record is one point look-up per theme of its library.
/// - `themes`: the themes each library holds, which a record look-up walks.
/// - `aliases`: older identifiers of entities (organisation code, tax id) → credit code.
/// - `positions`: per source partition, the next offset to read and what was seen so far,
///   written in the same transaction as the slices.
enum LibrarySchema {
    static let version = "2"

    static let create = """
        CREATE TABLE IF NOT EXISTS slices(
            library TEXT NOT NULL, subject TEXT NOT NULL, theme TEXT NOT NULL, seq INTEGER NOT NULL,
            row BLOB, department TEXT NOT NULL, event_id TEXT NOT NULL, event_time TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY(library, theme, subject)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS themes(
            library TEXT NOT NULL, theme TEXT NOT NULL, PRIMARY KEY(library, theme)) WITHOUT ROWID;
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
        ON CONFLICT(library, theme, subject) DO UPDATE SET
            seq = excluded.seq, row = excluded.row, department = excluded.department,
            event_id = excluded.event_id, event_time = excluded.event_time, source = excluded.source
        WHERE excluded.seq > slices.seq
        """

    static let addTheme = "INSERT OR IGNORE INTO themes(library, theme) VALUES (?1, ?2)"

    /// A subject's live slices in theme order: the library's themes outside (CROSS JOIN keeps
    /// that order), one primary-key look-up each.
    static let record = """
        SELECT s.theme, s.seq, s.row, s.department, s.event_id, s.event_time, s.source
        FROM themes t CROSS JOIN slices s
        WHERE t.library = ?1 AND s.library = t.library AND s.theme = t.theme AND s.subject = ?2 AND s.row IS NOT NULL
        ORDER BY t.theme
        """
}
