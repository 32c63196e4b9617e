import Foundation
import ShuniuSQLite

/// The raw SQLite baseline of `bench project`: upserts of rows the size of a theme row into a
/// table shaped like the library's, with one prepared statement and nothing else (no Kafka,
/// no validation, no lineage bookkeeping).
struct RawUpsertBench {
    /// The order rows arrive in.
    enum Order: String {
        /// Theme by theme, subjects in random order: how the generated city's feeds reach the
        /// projector (a feed is in no particular subject order).
        case feed = "theme by theme, subjects in random order"
        /// Any subject, any theme: the worst case for a clustered table.
        case random = "random subjects and themes"
    }

    let directory: URL
    let rows: Int
    let order: Order

    func run() throws -> Double {
        let path = directory.appendingPathComponent("raw-upsert.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let database = try SQLiteDatabase(path: path, pageSize: 16_384)
        try database.execute("PRAGMA cache_size = -131072;")
        try database.execute("""
            CREATE TABLE slices(library TEXT NOT NULL, subject TEXT NOT NULL, theme TEXT NOT NULL, seq INTEGER NOT NULL,
                row BLOB, PRIMARY KEY(library, theme, subject)) WITHOUT ROWID
            """)
        let themes = ["household-registration", "marriage", "employer", "social-insurance", "housing-fund", "education", "birth"]
        let row = [UInt8](repeating: UInt8(ascii: "x"), count: 260)
        let upsert = try database.statement("""
            INSERT INTO slices(library, subject, theme, seq, row) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT(library, theme, subject) DO UPDATE SET seq = excluded.seq, row = excluded.row WHERE excluded.seq > slices.seq
            """)
        let subjects = max(1, rows / themes.count)
        let started = ContinuousClock.now
        var done = 0
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        while done < rows {
            try database.transaction {
                for _ in 0..<min(20_000, rows - done) {
                    let subject: Int
                    let theme: String
                    switch order {
                    case .feed:
                        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        subject = Int(state >> 33) % subjects
                        theme = themes[min(themes.count - 1, done / subjects)]
                    case .random:
                        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        subject = Int(state >> 33) % subjects
                        theme = themes[done % themes.count]
                    }
                    try upsert.bind([.text("person"), .text(String(440_100_000_000_000_000 + subject)),
                                     .text(theme), .integer(Int64(done)), .blob(row)])
                    _ = try upsert.step()
                    upsert.reset()
                    done += 1
                }
            }
        }
        return Double(rows) / (ContinuousClock.now - started).seconds
    }
}
