import Synchronization
import ShuniuModel
import ShuniuSQLite

/// The embedded library store: one SQLite file in WAL mode holding the person and entity
/// libraries and the source positions they reflect.
///
/// `@unchecked Sendable`: the one connection is used only under `lock`, so calls from any
/// thread are serialised. Call it from a dedicated thread or queue (it blocks); the projector
/// does. For many concurrent readers open a ``SQLiteLibraryReader`` on the same file.
public final class SQLiteLibraryStore: LibraryStore, @unchecked Sendable {
    /// The file.
    public let path: String
    private let lock = Mutex(())
    private let database: SQLiteDatabase
    /// Checkpoints the WAL off the writer's thread (nil in bulk mode, which has no WAL).
    private let checkpointer: WALCheckpointer?

    /// Opens (creating if needed) the store at `path`. `bulk` trades durability for speed
    /// (no journal, no fsync, a 1 GiB page cache): for a rebuild into a fresh file, which is
    /// simply redone after a crash. The cache is a fixed ceiling, so memory stays flat however
    /// large the library grows.
    public init(path: String, bulk: Bool = false) throws(SQLiteError) {
        self.path = path
        // 16 KiB pages: a slice (key, row, lineage) is about 400 bytes, and clustered tables
        // work best with rows well under a twentieth of a page (measured: 1.7x less CPU per
        // upsert than 4 KiB pages).
        database = try SQLiteDatabase(path: path, pageSize: 16_384)
        try database.execute("PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY;")
        if bulk { try database.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;") }
        try database.execute(LibrarySchema.create)
        if bulk {
            checkpointer = nil
        } else {
            try database.execute("PRAGMA wal_autocheckpoint = 0;")
            checkpointer = try WALCheckpointer(path: path)
        }
        let schema = try database.query("SELECT value FROM meta WHERE key = 'schema'").first?.first?.text
        guard schema == LibrarySchema.version else {
            throw SQLiteError(code: 1, message: "\(path) has library schema \(schema ?? "?"), this build reads \(LibrarySchema.version); rebuild it with `shuniu project rebuild --into NEW.sqlite` and use the new file")
        }
    }

    public func positions() throws -> [SourcePartition: Int64] {
        try lock.withLock { _ in try PositionsTable.read(database) }
    }

    public func apply(_ batch: ProjectionBatch) throws -> ApplyOutcome {
        try lock.withLock { _ in
            let outcome = try database.transaction { try SliceWriter(database: database).write(batch) }
            if checkpointer?.writerShouldWait == true { try database.execute("PRAGMA wal_checkpoint(PASSIVE);") }
            return outcome
        }
    }

    public func digest(_ library: LibraryKind) throws -> String {
        try lock.withLock { _ in try LibraryDigest.compute(library, database: database) }
    }

    public func totals() throws -> LibraryTotals {
        try lock.withLock { _ in try LibraryQueries.totals(database) }
    }

    public func scan(_ library: LibraryKind, theme: String, _ body: (String, ThemeSlice) throws -> Void) throws {
        try lock.withLock { _ in try LibraryQueries.scan(database, library, theme: theme, body) }
    }

    public func record(_ library: LibraryKind, subject: String) throws -> LibraryRecord? {
        try lock.withLock { _ in try LibraryQueries.record(database, library, subject: subject) }
    }

    public func resolveEntity(_ code: String) throws -> String? {
        try lock.withLock { _ in try LibraryQueries.resolveEntity(database, code) }
    }
}
