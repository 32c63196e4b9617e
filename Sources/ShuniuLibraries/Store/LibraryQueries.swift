import ShuniuModel
import ShuniuSQLite

/// The read queries of the SQLite store, shared by the writer's and the readers' connections.
enum LibraryQueries {
    static func record(_ database: SQLiteDatabase, _ library: LibraryKind, subject: String) throws -> LibraryRecord? {
        let statement = try database.statement(LibrarySchema.record)
        defer { statement.reset() }
        try statement.bind([.text(library.rawValue), .text(subject)])
        var slices: [ThemeSlice] = []
        while try statement.step() {
            guard let slice = try slice(statement, first: 0) else { continue }
            slices.append(slice)
        }
        return slices.isEmpty ? nil : LibraryRecord(library: library, subject: subject, slices: slices)
    }

    static func resolveEntity(_ database: SQLiteDatabase, _ code: String) throws -> String? {
        let code = code.uppercased()
        if try record(database, .entity, subject: code) != nil { return code }
        return try database.query("SELECT subject FROM aliases WHERE code = ?1 ORDER BY subject LIMIT 1", [.text(code)])
            .first?.first?.text
    }

    static func scan(_ database: SQLiteDatabase, _ library: LibraryKind, theme: String,
                     _ body: (String, ThemeSlice) throws -> Void) throws {
        let statement = try database.statement("""
            SELECT theme, seq, row, department, event_id, event_time, source, subject FROM slices
            WHERE library = ?1 AND theme = ?2 AND row IS NOT NULL ORDER BY subject
            """)
        defer { statement.reset() }
        try statement.bind([.text(library.rawValue), .text(theme)])
        while try statement.step() {
            guard let subject = statement.value(at: 7).text, let slice = try slice(statement, first: 0) else { continue }
            try body(subject, slice)
        }
    }

    static func totals(_ database: SQLiteDatabase) throws -> LibraryTotals {
        var totals = LibraryTotals()
        for row in try database.query("""
            SELECT library, COUNT(DISTINCT CASE WHEN row IS NOT NULL THEN subject END),
                   SUM(row IS NOT NULL), SUM(row IS NULL) FROM slices GROUP BY library
            """) {
            guard let library = row[0].text.flatMap(LibraryKind.init(rawValue:)) else { continue }
            totals.subjects[library] = Int(row[1].integer ?? 0)
            totals.slices[library] = Int(row[2].integer ?? 0)
            totals.tombstones[library] = Int(row[3].integer ?? 0)
        }
        (totals.read, totals.rejected, totals.applied, totals.stale) = try PositionsTable.counters(database)
        return totals
    }

    /// Reads columns theme, seq, row, department, event_id, event_time, source from `first` on.
    private static func slice(_ statement: SQLiteStatement, first: Int32) throws -> ThemeSlice? {
        guard let theme = statement.value(at: first).text, let seq = statement.value(at: first + 1).integer,
              let bytes = statement.value(at: first + 2).blob else { return nil }
        let lineage = Lineage(department: statement.value(at: first + 3).text ?? "", eventID: statement.value(at: first + 4).text ?? "",
                              sequence: seq, eventTime: statement.value(at: first + 5).text ?? "",
                              source: statement.value(at: first + 6).text ?? "")
        return ThemeSlice(theme: theme, row: try Row.parse(bytes: bytes), lineage: lineage)
    }
}
