import ShuniuModel
import ShuniuSQLite

/// The content digest of a credit library: SHA-256 over every live record (by id), every
/// objection's state (by id) and every objection step in log order, leaving out source
/// offsets (a duplicate may sit at another offset than its first copy). Two libraries that
/// saw the same events, with any duplicates, have the same digest.
enum CreditDigest {
    static func compute(_ database: SQLiteDatabase) throws -> String {
        var hasher = SHA256Hasher()
        hasher.update("shuniu-credit-v1\n")
        try feed(&hasher, database, """
            SELECT id, subject, kind, class, seq, department, event_id, event_time, date, publicity_until, row
            FROM records WHERE row IS NOT NULL ORDER BY id
            """)
        hasher.update("objections\n")
        try feed(&hasher, database, "SELECT \(CreditSchema.objectionColumns) FROM objections ORDER BY id")
        hasher.update("steps\n")
        try feed(&hasher, database, "SELECT step_id, objection, kind, refusal, body FROM objection_steps ORDER BY ordinal")
        return SHA256Digest.hex(hasher.finish())
    }

    private static func feed(_ hasher: inout SHA256Hasher, _ database: SQLiteDatabase, _ sql: String) throws {
        let statement = try database.statement(sql)
        defer { statement.reset() }
        let columns = statement.columnCount
        while try statement.step() {
            var line: [UInt8] = []
            for column in Int32(0)..<columns {
                switch statement.value(at: column) {
                case .text(let text): line += Array(text.utf8)
                case .integer(let number): line += Array(String(number).utf8)
                case .blob(let bytes): line += bytes
                case .real(let number): line += Array(String(number).utf8)
                case .null: line += Array("\u{0}".utf8)
                }
                line.append(UInt8(ascii: "\t"))
            }
            line.append(UInt8(ascii: "\n"))
            hasher.update(line)
        }
    }
}
