import ShuniuSQLite

/// Writes one ``ProjectionBatch`` inside the caller's transaction: each change applied only if
/// newer than the stored slice, aliases kept in step, then the source positions and counters.
struct SliceWriter {
    let database: SQLiteDatabase

    func write(_ batch: ProjectionBatch) throws -> ApplyOutcome {
        let upsert = try database.statement(LibrarySchema.upsert)
        var tally = PositionsTable.Tally()
        var themes = Set<ThemeKey>()
        var last: ThemeKey?
        var hasAliases = false
        for change in batch.changes {
            let key = ThemeKey(library: change.library, theme: change.theme)
            if key != last {
                themes.insert(key)
                last = key
                hasAliases = LibraryKind.aliasFields[change.theme] != nil
            }
            try upsert.bind(.text(change.library.rawValue), at: 1)
            try upsert.bind(.text(change.subject), at: 2)
            try upsert.bind(.text(change.theme), at: 3)
            try upsert.bind(.integer(change.sequence), at: 4)
            try upsert.bind(change.row.map { .blob($0) } ?? .null, at: 5)
            try upsert.bind(.text(change.lineage.department), at: 6)
            try upsert.bind(.text(change.lineage.eventID), at: 7)
            try upsert.bind(.text(change.lineage.eventTime), at: 8)
            try upsert.bind(.text(change.lineage.source), at: 9)
            _ = try upsert.step()
            upsert.reset()
            let applied = database.changes > 0
            tally.count(applied: applied, source: change.lineage.source)
            if applied && hasAliases { try writeAliases(change) }
        }
        let addTheme = try database.statement(LibrarySchema.addTheme)
        for key in themes {
            try addTheme.bind([.text(key.library.rawValue), .text(key.theme)])
            _ = try addTheme.step()
            addTheme.reset()
        }
        try tally.write(batch.progress, into: database)
        return tally.outcome
    }

    private struct ThemeKey: Hashable {
        var library: LibraryKind
        var theme: String
    }

    /// Replaces the aliases a theme gave the subject with those of its new row.
    private func writeAliases(_ change: SliceChange) throws {
        try database.run("DELETE FROM aliases WHERE subject = ?1 AND theme = ?2", [.text(change.subject), .text(change.theme)])
        guard change.row != nil else { return }
        for code in change.aliases where code != change.subject {
            try database.run("INSERT OR IGNORE INTO aliases(code, subject, theme) VALUES (?1, ?2, ?3)",
                             [.text(code), .text(change.subject), .text(change.theme)])
        }
    }

}
