import CSQLite

/// A prepared statement. Owns its `sqlite3_stmt` and finalizes it in `deinit`.
///
/// Not `Sendable`: it belongs to its connection's owner.
public final class SQLiteStatement {
    private let pointer: OpaquePointer
    private unowned let database: SQLiteDatabase
    /// The statement's SQL text.
    public let sql: String

    init(database: SQLiteDatabase, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw database.error(rc, sql: sql) }
        pointer = statement
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(pointer) }

    /// Binds `values` to parameters 1...n.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// Binds one value to parameter `index` (1-based).
    public func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(pointer, index)
        case .integer(let number): rc = sqlite3_bind_int64(pointer, index, number)
        case .real(let number): rc = sqlite3_bind_double(pointer, index, number)
        case .text(let text):
            rc = text.withCString { shuniu_sqlite_bind_text(pointer, index, $0, Int32(text.utf8.count)) }
        case .blob(let bytes):
            rc = bytes.withUnsafeBytes { shuniu_sqlite_bind_blob(pointer, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count)) }
        }
        if rc != SQLITE_OK { throw database.error(rc, sql: sql) }
    }

    /// Binds UTF-8 bytes as TEXT to parameter `index` (1-based), without making a `String`.
    /// The bytes are copied by SQLite; they must be valid UTF-8 (a delivered row's JSON is).
    public func bind(text bytes: [UInt8], at index: Int32) throws(SQLiteError) {
        guard !bytes.isEmpty else { return try bind(.text(""), at: index) }
        let rc = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                shuniu_sqlite_bind_text(pointer, index, chars.baseAddress, Int32(clamping: chars.count))
            }
        }
        if rc != SQLITE_OK { throw database.error(rc, sql: sql) }
    }

    /// Runs the statement with its bound values to the end, then resets it (clearing the
    /// bindings) for the next use.
    public func run() throws(SQLiteError) {
        defer { reset() }
        while try step() {}
    }

    /// Advances; `true` when a row is available, `false` when done.
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(pointer)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(rc, sql: sql)
        }
    }

    /// Resets the statement for reuse and clears its bindings.
    public func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    /// How many columns the current row has.
    public var columnCount: Int32 { sqlite3_column_count(pointer) }

    /// Column `index` (0-based) of the current row.
    public func value(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(pointer, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(pointer, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(pointer, index))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(pointer, index))
            guard let text = sqlite3_column_text(pointer, index) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(pointer, index))
            guard let bytes = sqlite3_column_blob(pointer, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    /// Every column of the current row.
    public func row() -> [SQLiteValue] { (0..<columnCount).map { value(at: $0) } }
}
