import Synchronization
import ShuniuLibraries
import ShuniuModel
import ShuniuSQLite

/// The credit library: one SQLite file in WAL mode (default `.shuniu/credit.sqlite`) with the
/// credit records, the objections and their steps, and the source positions they reflect.
///
/// `@unchecked Sendable`: the one connection is used only under `lock`, so calls from any
/// thread are serialised. It blocks: the projector calls it on its store queue.
public final class SQLiteCreditStore: @unchecked Sendable {
    /// The file.
    public let path: String
    private let lock = Mutex(())
    private let database: SQLiteDatabase
    private let rules: ObjectionRules

    /// Opens (creating if needed) the library at `path`; `bulk` trades durability for speed
    /// (for a rebuild into a fresh file, redone after a crash).
    public init(path: String, catalogue: Catalogue, bulk: Bool = false) throws(SQLiteError) {
        self.path = path
        rules = ObjectionRules(catalogue: catalogue)
        database = try SQLiteDatabase(path: path)
        try database.execute("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;")
        if bulk { try database.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;") }
        try database.execute(CreditSchema.create)
        let schema = try database.query("SELECT value FROM meta WHERE key = 'schema'").first?.first?.text
        guard schema == CreditSchema.version else {
            throw SQLiteError(code: 1, message: "\(path) is not a credit library of schema \(CreditSchema.version) (found \(schema ?? "?")); pass --credit-library FILE or remove it and run `shuniu credit project --until-end`")
        }
    }

    /// The next offset to read of every source partition projected so far.
    public func positions() throws -> [SourcePartition: Int64] {
        try lock.withLock { _ in try PositionsTable.read(database) }
    }

    /// Applies changes and the positions they bring the library to, in one transaction.
    public func apply(_ changes: [CreditChange], progress: [PartitionProgress]) throws -> ApplyOutcome {
        try lock.withLock { _ in
            try database.transaction { try CreditWriter(database: database, rules: rules).write(changes, progress: progress) }
        }
    }

    /// The content digest (see ``CreditDigest``).
    public func digest() throws -> String {
        try lock.withLock { _ in try CreditDigest.compute(database) }
    }

    /// Counts of records, subjects, objections and what the projector has seen.
    public func totals() throws -> CreditTotals {
        try lock.withLock { _ in try CreditQueries.totals(database) }
    }
}

extension SQLiteCreditStore: CreditLookup {
    public func records(subject: String) throws -> [CreditRecord] {
        try lock.withLock { _ in try CreditQueries.records(database, subject: subject) }
    }

    public func record(_ id: String) throws -> CreditRecord? {
        try lock.withLock { _ in try CreditQueries.record(database, id: id) }
    }

    public func subjects(mentioning text: String, limit: Int) throws -> [String] {
        try CreditQueries.subjects(database, mentioning: text, limit: limit)
    }

    public func subjects() throws -> [String] {
        try lock.withLock { _ in try CreditQueries.subjects(database) }
    }

    public func objections(subject: String?, record: String?) throws -> [Objection] {
        try lock.withLock { _ in try CreditQueries.objections(database, subject: subject, record: record) }
    }

    public func objection(_ id: String) throws -> Objection? {
        try lock.withLock { _ in try CreditQueries.objection(database, id) }
    }

    public func steps(objection: String) throws -> [(step: ObjectionEvent, refusal: String?)] {
        try lock.withLock { _ in try CreditQueries.steps(database, objection: objection) }
    }
}
