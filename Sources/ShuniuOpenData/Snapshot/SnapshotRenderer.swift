import Foundation
import ShuniuModel

/// The bytes of a version's `data.csv` and `data.json`: deterministic (no clock, fixed order,
/// sorted JSON keys).
public enum SnapshotRenderer {
    /// CSV of record rows: a header of the field names, one line per row, `\n` line ends,
    /// RFC 4180 quoting; null is empty.
    public static func csv(fields: [String], rows: [Row]) -> [UInt8] {
        var lines = [fields.map(quote).joined(separator: ",")]
        for row in rows {
            lines.append(row.fields.map { quote(text($0.value)) }.joined(separator: ","))
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// JSON of record rows: an array, one compact object per line.
    public static func json(rows: [Row]) -> [UInt8] {
        guard !rows.isEmpty else { return Array("[]\n".utf8) }
        var out = Array("[\n".utf8)
        for (index, row) in rows.enumerated() {
            row.serialize(into: &out)
            out += Array((index == rows.count - 1 ? "\n" : ",\n").utf8)
        }
        out += Array("]\n".utf8)
        return out
    }

    /// CSV of a released table: the row dimensions, the columns and `total`; a last `total`
    /// line with the column totals. A suppressed cell is empty.
    public static func csv(table: PublishedTable) -> [UInt8] {
        var lines = [(table.rowDimensions + table.columns + ["total"]).map(quote).joined(separator: ",")]
        for row in table.rows {
            lines.append((row.labels + row.cells.map { $0.map(String.init) ?? "" } + [String(row.total)]).map(quote).joined(separator: ","))
        }
        let padding = Array(repeating: "", count: max(0, table.rowDimensions.count - 1))
        lines.append((["total"] + padding + table.columnTotals.map(String.init) + [String(table.total)]).joined(separator: ","))
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// JSON of a released table (suppressed cells are null), keys sorted.
    public static func json(table: PublishedTable) throws -> [UInt8] {
        Array(try encoder.encode(table)) + [UInt8(ascii: "\n")]
    }

    /// The encoder for every JSON file of a snapshot: sorted keys, pretty, no escaped slashes.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    private static func text(_ value: JSONScalar) -> String {
        switch value {
        case .string(let text): text
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: ""
        }
    }

    private static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
