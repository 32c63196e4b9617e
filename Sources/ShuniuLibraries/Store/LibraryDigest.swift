import ShuniuModel
import ShuniuSQLite

/// The content digest of a library (see ``LibraryStore/digest(_:)``): the same for every
/// store that saw the same events, whatever their order and duplicates. The source position
/// is left out on purpose: a duplicate may sit at another offset than its first copy.
enum LibraryDigest {
    static func compute(_ library: LibraryKind, database: SQLiteDatabase) throws -> String {
        let statement = try database.statement("""
            SELECT subject, theme, seq, department, event_id, event_time, row FROM slices
            WHERE library = ?1 AND row IS NOT NULL ORDER BY theme, subject
            """)
        defer { statement.reset() }
        try statement.bind(.text(library.rawValue), at: 1)
        var hasher = SHA256Hasher()
        hasher.update("shuniu-library-v2 \(library.rawValue)\n")
        while try statement.step() {
            var line = ""
            for column in Int32(0)..<6 {
                switch statement.value(at: column) {
                case .text(let text): line += text
                case .integer(let number): line += String(number)
                default: break
                }
                line += "\t"
            }
            hasher.update(line)
            hasher.update(statement.value(at: 6).blob ?? [])
            hasher.update("\n")
        }
        return SHA256Digest.hex(hasher.finish())
    }
}
