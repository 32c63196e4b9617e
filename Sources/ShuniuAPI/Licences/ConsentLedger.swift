import Foundation
import ShuniuModel
import ShuniuSQLite
import Synchronization

/// The consent codes already used, in a SQLite file (default `.shuniu/consents.sqlite`, mode
/// 0600): what makes a code single use. A code is marked used in the same statement that
/// checks it (`INSERT OR IGNORE` on its id), so of two concurrent reads with one code exactly
/// one gets the data, and a restart of the API does not make a used code usable again
/// (`synchronous = FULL`: the mark is on disk before the data leaves).
///
/// API instances on one machine may share the file (SQLite locks it); instances on several
/// machines need one ledger each and a code presented to two of them would be used twice:
/// run the licence reads on one instance (docs/licences.md).
public final class ConsentLedger: Sendable {
    /// Where `shuniu serve` keeps it by default.
    public static let defaultPath = ".shuniu/consents.sqlite"
    /// Marks older than this past their code's expiry are pruned (a code past its expiry is
    /// refused by its own date, so its mark is no longer needed).
    static let keptAfterExpiry: Int64 = 3_600_000

    private let database: Mutex<SQLiteDatabase>

    /// Opens (creating it and its folder if needed) the ledger at `path`.
    public init(path: String) throws(SQLiteError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try SQLiteDatabase(path: path)
        try database.execute("""
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS used_consents (
                id TEXT PRIMARY KEY, department TEXT NOT NULL, holder TEXT NOT NULL,
                used_at TEXT NOT NULL, expires_ms INTEGER NOT NULL);
            """)
        self.database = Mutex(database)
    }

    /// Marks `code` used at `now`; false when it was used before (by any read, on any
    /// instance sharing the file).
    public func use(_ code: ConsentCode, now: String) throws(SQLiteError) -> Bool {
        let expires = RFC3339.epochMilliseconds(code.expiresAt) ?? 0
        let nowMs = RFC3339.epochMilliseconds(now) ?? 0
        return try database.withLock { database throws(SQLiteError) -> Bool in
            try database.run("DELETE FROM used_consents WHERE expires_ms < ?", [.integer(nowMs - Self.keptAfterExpiry)])
            try database.run("INSERT OR IGNORE INTO used_consents (id, department, holder, used_at, expires_ms) VALUES (?, ?, ?, ?, ?)",
                             [.text(code.id), .text(code.department), .text(code.holder), .text(now), .integer(expires)])
            return database.changes == 1
        }
    }

    /// How many marks the ledger holds.
    public func count() throws(SQLiteError) -> Int {
        try database.withLock { database throws(SQLiteError) -> Int in
            Int(try database.query("SELECT count(*) FROM used_consents").first?.first?.integer ?? 0)
        }
    }
}
