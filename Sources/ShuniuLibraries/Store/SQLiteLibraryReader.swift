import Synchronization
import ShuniuSQLite

/// Concurrent read access to a library file: a small pool of read-only connections, each
/// used under its own lock, chosen round-robin. WAL mode lets them read while the projector
/// writes; each look-up sees one committed state.
public final class SQLiteLibraryReader: LibraryReader {
    /// The file.
    public let path: String
    private let connections: [PooledConnection]
    private let next = Atomic<Int>(0)

    /// Opens `connections` read-only connections to the library at `path`, which must exist
    /// (a projector creates it).
    public init(path: String, connections: Int = 4) throws(SQLiteError) {
        self.path = path
        var opened: [PooledConnection] = []
        for _ in 0..<max(1, connections) {
            let database = try SQLiteDatabase(path: path, readOnly: true)
            try database.execute("PRAGMA cache_size = -32768;")
            if opened.isEmpty { try Self.check(database, path: path) }
            opened.append(PooledConnection(database))
        }
        self.connections = opened
    }

    /// Checks that `database` holds a library of this build's schema.
    private static func check(_ database: SQLiteDatabase, path: String) throws(SQLiteError) {
        let schema = try? database.query("SELECT value FROM meta WHERE key = 'schema'").first?.first?.text
        guard schema == LibrarySchema.version else {
            throw SQLiteError(message: "\(path) is not a library of schema \(LibrarySchema.version); run `shuniu project` (or `--rebuild`) to create it")
        }
    }

    public func record(_ library: LibraryKind, subject: String) throws -> LibraryRecord? {
        try connection().lock.withLock { database throws -> LibraryRecord? in try LibraryQueries.record(database, library, subject: subject) }
    }

    public func resolveEntity(_ code: String) throws -> String? {
        try connection().lock.withLock { database throws -> String? in try LibraryQueries.resolveEntity(database, code) }
    }

    private func connection() -> PooledConnection {
        connections[next.add(1, ordering: .relaxed).oldValue % connections.count]
    }
}

/// One connection of a reader's pool, used only under its lock.
private final class PooledConnection: Sendable {
    let lock: Mutex<SQLiteDatabase>

    init(_ database: sending SQLiteDatabase) { lock = Mutex(database) }
}
