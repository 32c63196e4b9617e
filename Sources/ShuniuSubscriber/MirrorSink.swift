import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuSQLite

/// The department's exchange database (前置库): an SQLite file with one mirror table per theme,
/// kept equal to the stream. Each batch is one transaction holding the rows, the dedupe keys,
/// the refusals and the next offset of each partition, so a restart (even after kill -9)
/// resumes exactly after the last batch committed.
///
/// Tables (theme ids with `-` turned into `_`, e.g. `household_registration`):
/// `subject` (primary key), `ce_sequence`, `ce_id`, `ce_time`, `provider`, `grant_id`, `basis`,
/// `source`, `position`, `row` (the delivered fields as a JSON object; query with
/// `json_extract(row, '$.field')`). An upsert replaces the row only when its `ce_sequence` is
/// higher; a delete removes it. `shuniu_versions` keeps every version received (theme, subject,
/// `ce_sequence`, `ce_time`, action, `ce_id`, provider, grant, position, row), so a check can see
/// the state on a past day. Bookkeeping: `shuniu_positions`, `shuniu_seen`, `shuniu_refused`.
public final class MirrorSink: DeliverySink {
    /// The open database (the assistance checks read it too).
    public let database: SQLiteDatabase
    private var tables: Set<String> = []
    private var state: [TopicPartition: Int64] = [:]
    private var refused = 0

    /// Opens or creates the mirror at `path`.
    public init(path: String) throws {
        database = try SQLiteDatabase(path: path)
        try database.execute("""
            CREATE TABLE IF NOT EXISTS shuniu_positions(topic TEXT NOT NULL, partition INTEGER NOT NULL,
                next_offset INTEGER NOT NULL, PRIMARY KEY(topic, partition)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS shuniu_seen(grant_id TEXT NOT NULL, ce_id TEXT NOT NULL,
                PRIMARY KEY(grant_id, ce_id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS shuniu_refused(position TEXT PRIMARY KEY, code TEXT NOT NULL, message TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shuniu_themes(theme TEXT PRIMARY KEY, table_name TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shuniu_versions(theme TEXT NOT NULL, subject TEXT NOT NULL, ce_sequence INTEGER NOT NULL,
                ce_time TEXT NOT NULL, action TEXT NOT NULL, ce_id TEXT NOT NULL, provider TEXT NOT NULL,
                grant_id TEXT NOT NULL, position TEXT NOT NULL, row TEXT NOT NULL,
                PRIMARY KEY(theme, subject, ce_sequence, grant_id)) WITHOUT ROWID;
            """)
        for row in try database.query("SELECT topic, partition, next_offset FROM shuniu_positions") {
            state[TopicPartition(topic: row[0].text ?? "", partition: Int32(row[1].integer ?? 0))] = row[2].integer ?? 0
        }
        for row in try database.query("SELECT table_name FROM shuniu_themes") { tables.insert(row[0].text ?? "") }
        refused = Int(try database.query("SELECT count(*) FROM shuniu_refused").first?.first?.integer ?? 0)
    }

    /// The mirror table of a theme.
    public static func tableName(_ theme: String) -> String { theme.replacingOccurrences(of: "-", with: "_") }

    public var positions: [TopicPartition: Int64]? { state }

    public var refusedTotal: Int { refused }

    public func write(_ batch: SubscriberBatch) throws -> SinkResult {
        var result = SinkResult()
        try database.transaction {
            for delivery in batch.deliveries {
                try database.run("INSERT OR IGNORE INTO shuniu_seen(grant_id, ce_id) VALUES (?, ?)",
                                 [.text(delivery.grant), .text(delivery.event.id)])
                guard database.changes == 1 else {
                    result.duplicates += 1
                    continue
                }
                try apply(delivery)
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
        refused = Int(try database.query("SELECT count(*) FROM shuniu_refused").first?.first?.integer ?? 0)
        return result
    }

    private func apply(_ delivery: Delivery) throws {
        let event = delivery.event
        let table = try ensureTable(event.theme)
        try database.run("""
            INSERT OR IGNORE INTO shuniu_versions(theme, subject, ce_sequence, ce_time, action, ce_id, provider, grant_id, position, row)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(event.theme), .text(event.subject), .integer(event.sequence), .text(event.time), .text(delivery.action),
                  .text(event.id), .text(event.source), .text(delivery.grant), .text(delivery.position),
                  .text(String(decoding: event.value, as: UTF8.self))])
        switch event.action {
        case .deleted:
            try database.run("DELETE FROM \"\(table)\" WHERE subject = ? AND ce_sequence < ?",
                             [.text(event.subject), .integer(event.sequence)])
        case .upserted:
            try database.run("""
                INSERT INTO "\(table)"(subject, ce_sequence, ce_id, ce_time, provider, grant_id, basis, source, position, row)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(subject) DO UPDATE SET ce_sequence = excluded.ce_sequence, ce_id = excluded.ce_id,
                    ce_time = excluded.ce_time, provider = excluded.provider, grant_id = excluded.grant_id,
                    basis = excluded.basis, source = excluded.source, position = excluded.position, row = excluded.row
                WHERE excluded.ce_sequence > "\(table)".ce_sequence
                """, [.text(event.subject), .integer(event.sequence), .text(event.id), .text(event.time),
                      .text(event.source), .text(delivery.grant), .text(delivery.basis), .text(delivery.source),
                      .text(delivery.position), .text(String(decoding: event.value, as: UTF8.self))])
        }
    }

    private func ensureTable(_ theme: String) throws -> String {
        let table = Self.tableName(theme)
        guard !tables.contains(table) else { return table }
        try database.execute("""
            CREATE TABLE IF NOT EXISTS "\(table)"(subject TEXT PRIMARY KEY, ce_sequence INTEGER NOT NULL,
                ce_id TEXT NOT NULL, ce_time TEXT NOT NULL, provider TEXT NOT NULL, grant_id TEXT NOT NULL,
                basis TEXT NOT NULL, source TEXT NOT NULL, position TEXT NOT NULL, row TEXT NOT NULL);
            """)
        try database.run("INSERT OR IGNORE INTO shuniu_themes(theme, table_name) VALUES (?, ?)", [.text(theme), .text(table)])
        tables.insert(table)
        return table
    }
}
