import ShuniuLibraries
/// The SQLite schema of the credit library (version 1).
///
/// - `records`: one row per credit record (`<theme>/<key>`): subject, kind, class, dates, the
///   theme's row as published (NULL for a tombstone) and its lineage; indexed by subject.
/// - `objections`: every objection's current state.
/// - `objection_steps`: every objection step in log order, refused ones with the refusal (the
///   whole history is kept).
/// - `positions`: per source partition, the next offset and counters, written in the same
///   transaction as the rest.
enum CreditSchema {
    static let version = "credit-1"

    static let create = """
        CREATE TABLE IF NOT EXISTS records(
            id TEXT PRIMARY KEY, theme TEXT NOT NULL, subject TEXT NOT NULL, kind TEXT NOT NULL, class TEXT NOT NULL,
            seq INTEGER NOT NULL, row BLOB, date TEXT, publicity_until TEXT,
            department TEXT NOT NULL, event_id TEXT NOT NULL, event_time TEXT NOT NULL, source TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS records_by_subject ON records(subject, id);
        CREATE TABLE IF NOT EXISTS objections(
            id TEXT PRIMARY KEY, subject TEXT NOT NULL, record TEXT NOT NULL, theme TEXT NOT NULL, record_seq INTEGER,
            state TEXT NOT NULL, reason TEXT NOT NULL, filed_at TEXT NOT NULL, filed_on TEXT NOT NULL,
            decided_by TEXT, decided_at TEXT, decision_reason TEXT, correction TEXT) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS objections_by_record ON objections(record);
        CREATE TABLE IF NOT EXISTS objection_steps(
            step_id TEXT PRIMARY KEY, ordinal INTEGER NOT NULL, objection TEXT NOT NULL, kind TEXT NOT NULL,
            body BLOB NOT NULL, refusal TEXT, source TEXT NOT NULL) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS objection_steps_in_order ON objection_steps(ordinal);
        CREATE INDEX IF NOT EXISTS objection_steps_by_objection ON objection_steps(objection, ordinal);
        \(PositionsTable.create)
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '\(version)');
        """

    static let upsert = """
        INSERT INTO records(id, theme, subject, kind, class, seq, row, date, publicity_until, department, event_id, event_time, source)
        VALUES (?1, ?2, COALESCE(?3, ''), COALESCE(?4, ''), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        ON CONFLICT(id) DO UPDATE SET
            subject = COALESCE(?3, records.subject), kind = COALESCE(?4, records.kind), class = excluded.class,
            seq = excluded.seq, row = excluded.row, date = excluded.date, publicity_until = excluded.publicity_until,
            department = excluded.department, event_id = excluded.event_id, event_time = excluded.event_time, source = excluded.source
        WHERE excluded.seq > records.seq
        """

    static let recordColumns = "id, theme, subject, kind, class, seq, row, date, publicity_until, department, event_id, event_time, source"

    static let objectionColumns = """
        id, subject, record, theme, record_seq, state, reason, filed_at, filed_on, decided_by, decided_at, decision_reason, correction
        """

    static let saveObjection = """
        INSERT OR REPLACE INTO objections(\(objectionColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        """
}
