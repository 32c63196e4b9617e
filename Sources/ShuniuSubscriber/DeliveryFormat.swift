import Foundation
import ShuniuModel

/// How deliveries are written to a file or stdout: one line per delivery.
public enum DeliveryFormat: String, Sendable, CaseIterable {
    /// JSON Lines: the delivered row's fields plus `_id`, `_theme`, `_action` (`upserted`,
    /// `deleted`, or `left-scope` for a delete the router sent because the row left the
    /// grant's scope), `_subject`,
    /// `_sequence`, `_time`, `_provider`, `_grant`, `_basis`, `_source`, `_position`.
    case jsonl
    /// CSV (RFC 4180) with a header line: the same `_…` columns, then `row`, the delivered row as
    /// a JSON object (themes differ in their fields, so one file holds them as JSON).
    case csv

    /// The metadata columns, in order.
    public static let columns = ["_id", "_theme", "_action", "_subject", "_sequence", "_time", "_provider",
                                 "_grant", "_basis", "_source", "_position"]

    /// The first line of a new file (CSV only).
    public var header: [UInt8] {
        switch self {
        case .jsonl: []
        case .csv: Array((Self.columns + ["row"]).joined(separator: ",").utf8) + [0x0A]
        }
    }

    /// The line of `delivery`, newline included.
    public func line(_ delivery: Delivery) -> [UInt8] {
        let event = delivery.event
        let meta: [String] = [event.id, event.theme, delivery.action, event.subject, String(event.sequence),
                              event.time, event.source, delivery.grant, delivery.basis, delivery.source, delivery.position]
        switch self {
        case .jsonl:
            var fields = zip(Self.columns, meta).map { Row.Field(name: $0, value: .string($1)) }
            fields[4] = Row.Field(name: "_sequence", value: .number(String(event.sequence)))
            if let row = delivery.row { fields += row.fields }
            return Row(fields).serialized() + [0x0A]
        case .csv:
            let row = delivery.row.map { String(decoding: $0.serialized(), as: UTF8.self) } ?? ""
            return Array((meta + [row]).map(Self.csvValue).joined(separator: ",").utf8) + [0x0A]
        }
    }

    /// A CSV value, quoted when it holds a comma, a quote or a line break.
    static func csvValue(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Delivery {
    /// The delivered row (nil for a delete, or a value that is not a flat JSON object).
    public var row: Row? {
        guard event.action == .upserted else { return nil }
        return try? Row.parse(bytes: event.value)
    }
}
