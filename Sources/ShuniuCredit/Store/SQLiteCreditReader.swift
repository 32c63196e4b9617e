import Synchronization
import ShuniuSQLite

/// Concurrent read access to a credit library file (for the HTTP API): a small pool of
/// read-only connections, each used under its own lock, chosen round-robin. WAL mode lets
/// them read while the projector writes; each call sees one committed state.
public final class SQLiteCreditReader: CreditLookup {
    /// The file.
    public let path: String
    private let connections: [CreditConnection]
    private let next = Atomic<Int>(0)

    /// Opens `connections` read-only connections to the credit library at `path`, which must
    /// exist (the projector creates it).
    public init(path: String, connections: Int = 4) throws(SQLiteError) {
        self.path = path
        var opened: [CreditConnection] = []
        for _ in 0..<max(1, connections) {
            let database = try SQLiteDatabase(path: path, readOnly: true)
            if opened.isEmpty {
                let schema = try? database.query("SELECT value FROM meta WHERE key = 'schema'").first?.first?.text
                guard schema == CreditSchema.version else {
                    throw SQLiteError(message: "\(path) is not a credit library of schema \(CreditSchema.version); run `shuniu credit project --until-end` to create it")
                }
            }
            opened.append(CreditConnection(database))
        }
        self.connections = opened
    }

    public func records(subject: String) throws -> [CreditRecord] {
        try connection().lock.withLock { database throws -> [CreditRecord] in try CreditQueries.records(database, subject: subject) }
    }

    public func record(_ id: String) throws -> CreditRecord? {
        try connection().lock.withLock { database throws -> CreditRecord? in try CreditQueries.record(database, id: id) }
    }

    public func subjects(mentioning text: String, limit: Int) throws -> [String] {
        try connection().lock.withLock { database throws -> [String] in try CreditQueries.subjects(database, mentioning: text, limit: limit) }
    }

    public func subjects() throws -> [String] {
        try connection().lock.withLock { database throws -> [String] in try CreditQueries.subjects(database) }
    }

    public func objections(subject: String?, record: String?) throws -> [Objection] {
        try connection().lock.withLock { database throws -> [Objection] in
            try CreditQueries.objections(database, subject: subject, record: record)
        }
    }

    public func objection(_ id: String) throws -> Objection? {
        try connection().lock.withLock { database throws -> Objection? in try CreditQueries.objection(database, id) }
    }

    public func steps(objection: String) throws -> [(step: ObjectionEvent, refusal: String?)] {
        try connection().lock.withLock { database throws -> [(step: ObjectionEvent, refusal: String?)] in
            try CreditQueries.steps(database, objection: objection)
        }
    }

    private func connection() -> CreditConnection {
        connections[next.add(1, ordering: .relaxed).oldValue % connections.count]
    }
}

/// One connection of a reader's pool, used only under its lock.
private final class CreditConnection: Sendable {
    let lock: Mutex<SQLiteDatabase>

    init(_ database: sending SQLiteDatabase) { lock = Mutex(database) }
}
