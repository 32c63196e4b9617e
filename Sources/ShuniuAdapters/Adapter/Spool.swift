import ShuniuModel
import ShuniuSQLite

/// A change waiting in the spool for the broker's acknowledgement.
struct SpoolEntry {
    /// Its place in the spool (spool order is source order).
    let spoolID: Int64
    /// The change event, with its stored `ce_id` and `ce_sequence`.
    let event: ChangeEvent
    /// Failed delivery attempts so far.
    let attempts: Int
}

/// The adapter's durable local spool: an SQLite file holding the changes read from the source
/// and not yet acknowledged by the broker, the source cursor, the `ce_sequence` counter and the
/// running totals.
///
/// New changes and the cursor past them are written in one transaction, so after a crash the
/// adapter neither skips nor re-reads a change. Each change gets its `ce_sequence` and `ce_id`
/// when it is spooled; they never change afterwards, so a change sent twice carries one `ce_id`.
/// `ce_sequence` is `max(last + 1, EventClock.sequenceBase(now))`: one persisted counter for the
/// whole spool, so it increases per subject, across restarts, and stays above sequences issued
/// earlier by `shuniu publish` for the same theme.
final class Spool {
    private let database: SQLiteDatabase
    private let department: String
    private let theme: String
    /// How far the source has been read.
    private(set) var cursor: SourceCursor

    /// Opens (creating if needed) the spool of `config`; refuses a spool that belongs to
    /// another department, theme, table or mode.
    init(config: AdapterConfig) throws {
        let database: SQLiteDatabase
        do {
            database = try SQLiteDatabase(path: config.spool)
            try database.execute("""
                CREATE TABLE IF NOT EXISTS spool_state (name TEXT PRIMARY KEY, value);
                CREATE TABLE IF NOT EXISTS spool_entries (
                    spool_id INTEGER PRIMARY KEY AUTOINCREMENT, ce_id TEXT NOT NULL, subject TEXT NOT NULL,
                    action TEXT NOT NULL, sequence INTEGER NOT NULL, time TEXT NOT NULL, value BLOB NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE IF NOT EXISTS spool_rejects (
                    reject_id INTEGER PRIMARY KEY, position TEXT NOT NULL, code TEXT NOT NULL,
                    message TEXT NOT NULL, spooled_at TEXT NOT NULL);
                """)
        } catch {
            throw config.error("spool", "cannot be opened as an SQLite file (\(error))",
                               fix: "give a writable path; the file is created when missing")
        }
        let identity = "department=\(config.department) theme=\(config.theme) table=\(config.table) mode=\(config.mode.rawValue)"
        try database.transaction {
            for (name, value) in [("identity", SQLiteValue.text(identity)), ("cursor_value", .null),
                                  ("cursor_rowid", .integer(0)), ("last_sequence", .integer(0)),
                                  ("spooled", .integer(0)), ("rejected", .integer(0)), ("sent", .integer(0)),
                                  ("resent", .integer(0))] {
                try database.run("INSERT OR IGNORE INTO spool_state (name, value) VALUES (?1, ?2)", [.text(name), value])
            }
        }
        let stored = try Self.state(database, "identity").text ?? ""
        guard stored == identity else {
            throw config.error("spool", "\(config.spool) belongs to another adapter (\(stored))",
                               fix: "give each adapter its own spool file; remove the old one only once it holds no changes")
        }
        cursor = SourceCursor(value: try Self.state(database, "cursor_value"),
                              rowid: try Self.state(database, "cursor_rowid").integer ?? 0)
        self.database = database
        department = config.department
        theme = config.theme
    }

    /// Spools `changes` and moves the cursor past them, in one transaction. `validate` decides
    /// which changes are spooled; the others go to `spool_rejects`.
    /// Returns how many were spooled and the rejected ones.
    func add(_ changes: [SourceChange], theme: Theme,
             validate: (ChangeEvent) throws(EventRejection) -> Void) throws -> (spooled: Int, rejected: [(String, EventRejection)]) {
        guard let last = changes.last else { return (0, []) }
        let time = EventClock.timestamp()
        let base = EventClock.sequenceBase()
        let result = try database.transaction {
            var sequence = try Self.state(database, "last_sequence").integer ?? 0
            var spooled = 0
            var rejected: [(String, EventRejection)] = []
            for change in changes {
                let next = max(sequence + 1, base)
                let event: ChangeEvent
                do throws(EventRejection) {
                    event = try change.record.get().event(theme: theme, department: department,
                                                          defaultSequence: next, defaultTime: time)
                    try validate(event)
                } catch {
                    try database.run("INSERT INTO spool_rejects (position, code, message, spooled_at) VALUES (?1, ?2, ?3, ?4)",
                                     [.text(change.position), .text(error.code.rawValue), .text(error.message), .text(time)])
                    rejected.append((change.position, error))
                    continue
                }
                try database.run("""
                    INSERT INTO spool_entries (ce_id, subject, action, sequence, time, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    """, [.text(event.id), .text(event.subject), .text(event.action.rawValue), .integer(event.sequence),
                          .text(event.time), .blob(event.value)])
                sequence = next
                spooled += 1
            }
            try setState("cursor_value", last.cursor.value)
            try setState("cursor_rowid", .integer(last.cursor.rowid))
            try setState("last_sequence", .integer(sequence))
            try addToState("spooled", spooled)
            try addToState("rejected", rejected.count)
            return (spooled, rejected)
        }
        cursor = last.cursor
        return result
    }

    /// The next changes to send, in spool order, at most one per subject: a subject's next
    /// change is sent only once the one before it is acknowledged, so a failed delivery can
    /// never let a later change of the same subject overtake it.
    func nextBatch(limit: Int) throws(SQLiteError) -> [SpoolEntry] {
        let rows = try database.query("""
            SELECT spool_id, ce_id, subject, action, sequence, time, value, attempts FROM spool_entries
            WHERE spool_id IN (SELECT min(spool_id) FROM (SELECT spool_id, subject FROM spool_entries
                               ORDER BY spool_id LIMIT ?1) GROUP BY subject)
            ORDER BY spool_id LIMIT ?2
            """, [.integer(Int64(limit) * 4), .integer(Int64(limit))])
        return rows.map { row in
            let action = ChangeEvent.Action(rawValue: row[3].text ?? "") ?? .upserted
            let event = ChangeEvent(id: row[1].text ?? "", source: department, theme: theme, action: action,
                                    subject: row[2].text ?? "", time: row[5].text ?? "", sequence: row[4].integer ?? 0,
                                    value: row[6].blob ?? [])
            return SpoolEntry(spoolID: row[0].integer ?? 0, event: event, attempts: Int(row[7].integer ?? 0))
        }
    }

    /// Removes acknowledged changes.
    func acknowledge(_ entries: [SpoolEntry]) throws {
        guard !entries.isEmpty else { return }
        try database.transaction {
            for entry in entries { try database.run("DELETE FROM spool_entries WHERE spool_id = ?1", [.integer(entry.spoolID)]) }
            try addToState("sent", entries.count)
            try addToState("resent", entries.count { $0.attempts > 0 })
        }
    }

    /// Counts a failed attempt for changes that stay in the spool.
    func failed(_ entries: [SpoolEntry]) throws {
        guard !entries.isEmpty else { return }
        try database.transaction {
            for entry in entries {
                try database.run("UPDATE spool_entries SET attempts = attempts + 1 WHERE spool_id = ?1", [.integer(entry.spoolID)])
            }
        }
    }

    /// The running totals and the number of changes waiting.
    func totals() throws(SQLiteError) -> AdapterTotals {
        func count(_ name: String) throws(SQLiteError) -> Int { Int(try Self.state(database, name).integer ?? 0) }
        let waiting = try database.query("SELECT count(*) FROM spool_entries").first?.first?.integer ?? 0
        return AdapterTotals(spooled: try count("spooled"), rejected: try count("rejected"), sent: try count("sent"),
                             resent: try count("resent"), waiting: Int(waiting))
    }

    private func setState(_ name: String, _ value: SQLiteValue) throws(SQLiteError) {
        try database.run("UPDATE spool_state SET value = ?2 WHERE name = ?1", [.text(name), value])
    }

    private func addToState(_ name: String, _ amount: Int) throws(SQLiteError) {
        try database.run("UPDATE spool_state SET value = value + ?2 WHERE name = ?1", [.text(name), .integer(Int64(amount))])
    }

    private static func state(_ database: SQLiteDatabase, _ name: String) throws(SQLiteError) -> SQLiteValue {
        try database.query("SELECT value FROM spool_state WHERE name = ?1", [.text(name)]).first?.first ?? .null
    }
}
