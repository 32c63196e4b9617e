import Foundation
import ShuniuModel
import ShuniuSQLite

/// The department's own table, opened read-only and read from a cursor onwards.
final class SourceTable {
    private let database: SQLiteDatabase
    private let config: AdapterConfig
    private let theme: Theme
    private let fields: [(spec: FieldSpec, column: String)]
    private let firstSQL: String
    private let nextSQL: String

    /// Opens the database and checks that the table has the columns the mode and the theme need.
    init(config: AdapterConfig, theme: Theme) throws(AdapterConfigError) {
        do {
            database = try SQLiteDatabase(path: config.database, readOnly: true)
            _ = try database.query("SELECT count(*) FROM sqlite_master")
        } catch {
            throw config.error("source.database", "cannot be opened (\(error.message))",
                               fix: "give the path of the department's SQLite file (relative paths start at the config file's folder)")
        }
        self.config = config
        self.theme = theme
        let available = try Self.columns(of: config, in: database)
        fields = try Self.fieldColumns(config, theme, available)
        let selected = fields.map { quoted($0.column) }.joined(separator: ", ")
        let table = quoted(config.table)
        switch config.mode {
        case .changeTable:
            let id = quoted(config.changeIDColumn)
            for (key, column) in [("changeIdColumn", config.changeIDColumn), ("opColumn", config.opColumn)]
            where !available.contains(column) {
                throw config.error("source.\(key)", "column '\(column)' is not in table '\(config.table)' (its columns: \(available.sorted().joined(separator: ", ")))",
                                   fix: "name the table's column with \"\(key)\"")
            }
            firstSQL = "SELECT \(id), rowid, \(quoted(config.opColumn)), \(selected) FROM \(table) WHERE \(id) > ?1 ORDER BY \(id) LIMIT ?3"
            nextSQL = firstSQL
        case .updatedAt:
            let at = quoted(config.updatedAtColumn)
            guard available.contains(config.updatedAtColumn) else {
                throw config.error("source.updatedAtColumn", "column '\(config.updatedAtColumn)' is not in table '\(config.table)' (its columns: \(available.sorted().joined(separator: ", ")))",
                                   fix: "name the table's modification-time column with \"updatedAtColumn\"")
            }
            firstSQL = "SELECT \(at), rowid, NULL, \(selected) FROM \(table) WHERE \(at) IS NOT NULL ORDER BY \(at), rowid LIMIT ?3"
            nextSQL = "SELECT \(at), rowid, NULL, \(selected) FROM \(table) WHERE \(at) >= ?1 AND (\(at) > ?1 OR rowid > ?2) ORDER BY \(at), rowid LIMIT ?3"
        }
    }

    /// Up to `limit` changes after `cursor`, in source order.
    func changes(after cursor: SourceCursor, limit: Int) throws(SQLiteError) -> [SourceChange] {
        let first = cursor.value == .null
        let from: SQLiteValue = first && config.mode == .changeTable ? .integer(Int64.min) : cursor.value
        let rows = try database.query(first ? firstSQL : nextSQL, [from, .integer(cursor.rowid), .integer(Int64(limit))])
        return rows.map(change)
    }

    private func change(_ columns: [SQLiteValue]) -> SourceChange {
        let rowid = columns[1].integer ?? 0
        let cursor = SourceCursor(value: columns[0], rowid: rowid)
        let position = config.mode == .changeTable ? "\(config.changeIDColumn) \(Self.text(columns[0]))" : "rowid \(rowid)"
        var row = Row()
        for (index, field) in fields.enumerated() {
            if let value = Self.scalar(columns[index + 3], type: field.spec.type) { row[field.spec.name] = value }
        }
        var action = ChangeEvent.Action.upserted
        if config.mode == .changeTable {
            switch columns[2].text?.lowercased() {
            case "upsert", "insert", "update": action = .upserted
            case "delete": action = .deleted
            default:
                let rejection = EventRejection(code: .badType,
                                               message: "column '\(config.opColumn)' is \(Self.text(columns[2])) but must be 'upsert' or 'delete'",
                                               field: config.opColumn)
                return SourceChange(cursor: cursor, position: position, record: .failure(rejection))
            }
        }
        if action == .deleted { row = row.projected(onto: [theme.subject.key]) }
        return SourceChange(cursor: cursor, position: position, record: .success(FeedRecord(row: row, action: action)))
    }

    /// A column value as the row value its field's type wants; nil for SQL NULL (absent).
    static func scalar(_ value: SQLiteValue, type: FieldType) -> JSONScalar? {
        switch value {
        case .null: return nil
        case .integer(let number): return FieldText.scalar(String(number), type: type)
        case .real(let number):
            if type == .integer, let whole = Int64(exactly: number) { return .number(String(whole)) }
            return FieldText.scalar(String(number), type: type)
        case .text(let text): return FieldText.scalar(text, type: type)
        case .blob(let bytes): return FieldText.scalar(String(decoding: bytes, as: UTF8.self), type: type)
        }
    }

    /// A column value as a message shows it.
    private static func text(_ value: SQLiteValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): "'\(text)'"
        case .blob(let bytes): "a \(bytes.count)-byte blob"
        }
    }

    private static func columns(of config: AdapterConfig, in database: SQLiteDatabase) throws(AdapterConfigError) -> Set<String> {
        do {
            let names = try database.query("SELECT name FROM pragma_table_info(?1)", [.text(config.table)])
            if names.isEmpty {
                let tables = try database.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
                throw config.error("source.table", "table '\(config.table)' is not in \(config.database) (its tables: \(tables.compactMap { $0[0].text }.joined(separator: ", ")))",
                                   fix: "name one of its tables")
            }
            return Set(names.compactMap { $0[0].text })
        } catch let error as AdapterConfigError {
            throw error
        } catch {
            throw config.error("source.database", "cannot be read (\(error))", fix: "check that it is an SQLite database")
        }
    }

    private static func fieldColumns(_ config: AdapterConfig, _ theme: Theme,
                                     _ available: Set<String>) throws(AdapterConfigError) -> [(spec: FieldSpec, column: String)] {
        for field in config.columns.keys.sorted() where theme.field(field) == nil {
            throw config.error("source.columns.\(field)", "'\(field)' is not a field of theme '\(theme.id)' (its fields: \(theme.fields.map(\.name).joined(separator: ", ")))",
                               fix: "map theme fields to columns: \"columns\": { \"<field>\": \"<column>\" }")
        }
        var result: [(spec: FieldSpec, column: String)] = []
        for field in theme.fields {
            let column = config.column(for: field.name)
            if available.contains(column) {
                result.append((field, column))
            } else if field.required || field.name == theme.subject.key {
                throw config.error("source.columns", "theme '\(theme.id)' requires field '\(field.name)' but table '\(config.table)' has no column '\(column)' (its columns: \(available.sorted().joined(separator: ", ")))",
                                   fix: "add the column, or map it: \"columns\": { \"\(field.name)\": \"<column>\" }")
            }
        }
        return result
    }
}

/// An SQL identifier in double quotes.
private func quoted(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
