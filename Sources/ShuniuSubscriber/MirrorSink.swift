import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuSQLite

/// The department's exchange database (前置库): an SQLite file with one mirror table per theme,
/// kept equal to the stream. Each batch is one transaction holding the rows, the versions,
/// the refusals and the next offset of each partition, so a restart (even after kill -9)
/// resumes exactly after the last batch committed.
///
/// **Dedupe** is the version table's unique key: a delivery is a repeat when `shuniu_versions`
/// already holds its (theme, subject, `ce_sequence`, grant), which is what a redelivery after a
/// restart carries (the router's ids are stable per grant and source event). So each record
/// costs two B-tree writes (its version, its mirror row), not three: a separate table of seen
/// ids (`shuniu_seen`, kept in files written before) cost a third, at a random place of a
/// growing index. A provider that sends two different events with one subject and sequence
/// has the first taken for that grant (the mirror would have ignored the second anyway).
///
/// Tables (theme ids with `-` turned into `_`, e.g. `household_registration`):
/// `subject` (primary key), `ce_sequence`, `ce_id`, `ce_time`, `provider`, `grant_id`, `basis`,
/// `source`, `position`, `row` (the delivered fields as a JSON object; query with
/// `json_extract(row, '$.field')`). An upsert replaces the row only when its `ce_sequence` is
/// higher; a delete removes it. `shuniu_versions` keeps every version received (theme, subject,
/// `ce_sequence`, `ce_time`, action, `ce_id`, provider, grant, position, row), so a check can see
/// the state on a past day. Bookkeeping: `shuniu_positions`, `shuniu_refused`.
public final class MirrorSink: DeliverySink {
    /// The open database (the assistance checks read it too).
    public let database: SQLiteDatabase
    /// Each theme's prepared statements, made when its first delivery arrives.
    private var themes: [String: ThemeStatements] = [:]
    /// Checkpoints the WAL on a thread of its own, so a batch's commit never waits for fsync.
    private let checkpointer: WALCheckpointer
    private let versions: SQLiteStatement
    private var state: [TopicPartition: Int64] = [:]
    private var refused = 0

    /// A theme's mirror table and its two statements (the table name is in their SQL).
    private struct ThemeStatements {
        let upsert: SQLiteStatement
        let delete: SQLiteStatement
    }

    /// Opens or creates the mirror at `path`.
    public init(path: String) throws {
        // 16 KiB pages for a new file, as the libraries use (rows of a few hundred bytes).
        database = try SQLiteDatabase(path: path, pageSize: 16_384)
        // A mirror's three tables are written in the subjects' order, not the files': without a
        // page cache larger than SQLite's 2 MB default most writes first read a page back from
        // the file (measured: a third of the subscriber's time in pread).
        try database.execute("PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0;")
        checkpointer = try WALCheckpointer(path: path)
        // The version table: appended in arrival order (rowid), its key a unique index. Keyed
        // by (theme, subject, ...) itself, every record of a batch landed on another 16 KiB
        // leaf of ~400-byte rows and each commit rewrote thousands of them; the index's
        // entries are a sixth of that size. Files written before keep their clustered table
        // (the same key, so the same dedupe).
        if try database.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'shuniu_versions'").isEmpty {
            try database.execute("""
                CREATE TABLE shuniu_versions(theme TEXT NOT NULL, subject TEXT NOT NULL, ce_sequence INTEGER NOT NULL,
                    ce_time TEXT NOT NULL, action TEXT NOT NULL, ce_id TEXT NOT NULL, provider TEXT NOT NULL,
                    grant_id TEXT NOT NULL, position TEXT NOT NULL, row TEXT NOT NULL);
                CREATE UNIQUE INDEX shuniu_versions_key ON shuniu_versions(theme, subject, ce_sequence, grant_id);
                """)
        }
        try database.execute("""
            CREATE TABLE IF NOT EXISTS shuniu_positions(topic TEXT NOT NULL, partition INTEGER NOT NULL,
                next_offset INTEGER NOT NULL, PRIMARY KEY(topic, partition)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS shuniu_refused(position TEXT PRIMARY KEY, code TEXT NOT NULL, message TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shuniu_themes(theme TEXT PRIMARY KEY, table_name TEXT NOT NULL);
            """)
        for row in try database.query("SELECT topic, partition, next_offset FROM shuniu_positions") {
            state[TopicPartition(topic: row[0].text ?? "", partition: Int32(row[1].integer ?? 0))] = row[2].integer ?? 0
        }
        refused = Int(try database.query("SELECT count(*) FROM shuniu_refused").first?.first?.integer ?? 0)
        versions = try database.statement("""
            INSERT OR IGNORE INTO shuniu_versions(theme, subject, ce_sequence, ce_time, action, ce_id, provider, grant_id, position, row)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// The mirror table of a theme.
    public static func tableName(_ theme: String) -> String { theme.replacingOccurrences(of: "-", with: "_") }

    public var positions: [TopicPartition: Int64]? { state }

    public var refusedTotal: Int { refused }

    public func write(_ batch: SubscriberBatch) throws -> SinkResult {
        var result = SinkResult()
        try database.transaction {
            for delivery in batch.deliveries {
                guard try apply(delivery) else {
                    result.duplicates += 1
                    continue
                }
                result.written += 1
            }
            for refusal in batch.refusals {
                try database.run("INSERT OR REPLACE INTO shuniu_refused(position, code, message) VALUES (?, ?, ?)",
                                 [.text(refusal.position), .text(refusal.code), .text(refusal.message)])
            }
            for (partition, next) in batch.positions {
                try database.run("INSERT OR REPLACE INTO shuniu_positions(topic, partition, next_offset) VALUES (?, ?, ?)",
                                 [.text(partition.topic), .integer(Int64(partition.partition)), .integer(next)])
            }
        }
        for (partition, next) in batch.positions { state[partition] = next }
        if checkpointer.writerShouldWait { try database.execute("PRAGMA wal_checkpoint(PASSIVE);") }
        if !batch.refusals.isEmpty {
            refused = Int(try database.query("SELECT count(*) FROM shuniu_refused").first?.first?.integer ?? 0)
        }
        return result
    }

    /// Records the delivery's version and applies it to the mirror; false (and nothing
    /// changed) when the version was received before.
    private func apply(_ delivery: Delivery) throws -> Bool {
        let event = delivery.event
        let statements = try self.statements(event.theme)
        let bind = versions
        try bind.bind(.text(event.theme), at: 1)
        try bind.bind(.text(event.subject), at: 2)
        try bind.bind(.integer(event.sequence), at: 3)
        try bind.bind(.text(event.time), at: 4)
        try bind.bind(.text(delivery.action), at: 5)
        try bind.bind(.text(event.id), at: 6)
        try bind.bind(.text(event.source), at: 7)
        try bind.bind(.text(delivery.grant), at: 8)
        try bind.bind(.text(delivery.position), at: 9)
        try bind.bind(text: event.value, at: 10)
        try bind.run()
        guard database.changes == 1 else { return false }
        switch event.action {
        case .deleted:
            try statements.delete.bind(.text(event.subject), at: 1)
            try statements.delete.bind(.integer(event.sequence), at: 2)
            try statements.delete.run()
        case .upserted:
            let upsert = statements.upsert
            try upsert.bind(.text(event.subject), at: 1)
            try upsert.bind(.integer(event.sequence), at: 2)
            try upsert.bind(.text(event.id), at: 3)
            try upsert.bind(.text(event.time), at: 4)
            try upsert.bind(.text(event.source), at: 5)
            try upsert.bind(.text(delivery.grant), at: 6)
            try upsert.bind(.text(delivery.basis), at: 7)
            try upsert.bind(.text(delivery.source), at: 8)
            try upsert.bind(.text(delivery.position), at: 9)
            try upsert.bind(text: event.value, at: 10)
            try upsert.run()
        }
        return true
    }

    /// The theme's statements, creating its table on first use.
    private func statements(_ theme: String) throws -> ThemeStatements {
        if let known = themes[theme] { return known }
        let table = Self.tableName(theme)
        try database.execute("""
            CREATE TABLE IF NOT EXISTS "\(table)"(subject TEXT PRIMARY KEY, ce_sequence INTEGER NOT NULL,
                ce_id TEXT NOT NULL, ce_time TEXT NOT NULL, provider TEXT NOT NULL, grant_id TEXT NOT NULL,
                basis TEXT NOT NULL, source TEXT NOT NULL, position TEXT NOT NULL, row TEXT NOT NULL);
            """)
        try database.run("INSERT OR IGNORE INTO shuniu_themes(theme, table_name) VALUES (?, ?)", [.text(theme), .text(table)])
        let statements = ThemeStatements(
            upsert: try database.statement("""
                INSERT INTO "\(table)"(subject, ce_sequence, ce_id, ce_time, provider, grant_id, basis, source, position, row)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(subject) DO UPDATE SET ce_sequence = excluded.ce_sequence, ce_id = excluded.ce_id,
                    ce_time = excluded.ce_time, provider = excluded.provider, grant_id = excluded.grant_id,
                    basis = excluded.basis, source = excluded.source, position = excluded.position, row = excluded.row
                WHERE excluded.ce_sequence > "\(table)".ce_sequence
                """),
            delete: try database.statement("DELETE FROM \"\(table)\" WHERE subject = ? AND ce_sequence < ?"))
        themes[theme] = statements
        return statements
    }
}
