import CSQLite

/// A value stored in or read from SQLite.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The integer, if this is one.
    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    /// The text, if this is text.
    public var text: String? { if case .text(let value) = self { value } else { nil } }
    /// The bytes, if this is a blob.
    public var blob: [UInt8]? { if case .blob(let value) = self { value } else { nil } }
}

/// An SQLite failure: SQLite's result code, its message and the statement involved.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// SQLite's (extended) result code.
    public var code: Int32
    /// What SQLite said.
    public var message: String
    /// The SQL involved, if any.
    public var sql: String?

    /// Describes a failure; layers above use it for their own checks of a file (code
    /// `SQLITE_ERROR`, 1, unless SQLite said otherwise).
    public init(code: Int32 = 1, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " in: \($0)" } ?? "")
    }
}

/// One SQLite connection, opened in WAL mode. Owns the `sqlite3` handle and closes it in
/// `deinit`.
///
/// Not `Sendable`: a connection belongs to one actor or one thread at a time.
public final class SQLiteDatabase {
    let handle: OpaquePointer
    /// The file this connection opened.
    public let path: String
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens (creating if needed) the database at `path` with WAL journaling, `synchronous =
    /// NORMAL` (durable at each checkpoint, safe against process crashes) and a busy timeout.
    /// `pageSize` applies only when the file is created (SQLite fixes it with the first write).
    /// A file opened for writing, and its `-wal` and `-shm`, are mode 0600 (``DatabaseFileMode``).
    public init(path: String, readOnly: Bool = false, pageSize: Int? = nil) throws(SQLiteError) {
        if !readOnly { try DatabaseFileMode.prepare(path) }
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "\(message) (\(path))")
        }
        handle = db
        self.path = path
        sqlite3_busy_timeout(db, 5_000)
        if !readOnly {
            if let pageSize { try execute("PRAGMA page_size = \(pageSize);") }
            try execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            try DatabaseFileMode.restrict(path)
        }
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters.
    public func execute(_ sql: String) throws(SQLiteError) {
        var errorText: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorText)
        if rc != SQLITE_OK {
            let message = errorText.map { String(cString: $0) } ?? "failed"
            sqlite3_free(errorText)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    /// A prepared statement for `sql`, cached for reuse on this connection.
    public func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        let statement = try SQLiteStatement(database: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs `sql` with `values` bound to its parameters (1-based, in order).
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) {
        let statement = try statement(sql)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() {}
    }

    /// Runs a query and returns every row as an array of column values.
    public func query(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
        let statement = try statement(sql)
        try statement.bind(values)
        defer { statement.reset() }
        var rows: [[SQLiteValue]] = []
        while try statement.step() { rows.append(statement.row()) }
        return rows
    }

    /// Runs `body` inside `BEGIN IMMEDIATE ... COMMIT`, rolling back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rowid of the last inserted row.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    func error(_ rc: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
