import Foundation

/// A record-change event: one Kafka record in CloudEvents 1.0 binary mode (DESIGN.md, "Change event").
///
/// The value is the full current row of the theme for the subject (not a patch), or empty for a delete.
public struct ChangeEvent: Sendable, Hashable {
    /// What happened to the subject's row.
    public enum Action: String, Sendable, Hashable, CaseIterable, Codable {
        /// The row was created or replaced; the value holds the full row.
        case upserted
        /// The row was removed; the value is empty.
        case deleted
    }

    /// The JSON media type of every upsert's value.
    public static let jsonContentType = "application/json"

    /// `ce_id`: unique per source; a redelivery carries the same id.
    public var id: String
    /// `ce_source`: the provider department's id.
    public var source: String
    /// The theme id (the part of `ce_type` before the action).
    public var theme: String
    /// The action (the part of `ce_type` after the theme).
    public var action: Action
    /// `ce_subject`: the subject id (citizen ID, credit code or the theme's declared key).
    public var subject: String
    /// `ce_time`: when the change happened, RFC 3339, kept exactly as given.
    public var time: String
    /// `ce_sequence`: the per theme+subject version, strictly increasing.
    public var sequence: Int64
    /// `content-type`: `application/json` for upserts; nil when a delete carries none.
    public var contentType: String?
    /// The Kafka record key: the subject id.
    public var key: String
    /// The Kafka record value: the row's JSON object, empty for a delete.
    public var value: [UInt8]
    /// Every other header, in order (e.g. `shuniu_grant` added by the router).
    public var extensions: [EnvelopeHeader]

    /// Creates an event. The key defaults to the subject; the content type to JSON for upserts.
    public init(id: String, source: String, theme: String, action: Action, subject: String, time: String,
                sequence: Int64, value: [UInt8] = [], key: String? = nil, contentType: String? = nil,
                extensions: [EnvelopeHeader] = []) {
        self.id = id
        self.source = source
        self.theme = theme
        self.action = action
        self.subject = subject
        self.time = time
        self.sequence = sequence
        self.contentType = contentType ?? (action == .upserted ? Self.jsonContentType : nil)
        self.key = key ?? subject
        self.value = value
        self.extensions = extensions
    }

    /// Creates an upsert carrying a row, serialised compactly.
    public static func upsert(id: String, source: String, theme: String, subject: String, time: String,
                              sequence: Int64, row: Row, extensions: [EnvelopeHeader] = []) -> ChangeEvent {
        ChangeEvent(id: id, source: source, theme: theme, action: .upserted, subject: subject, time: time,
                    sequence: sequence, value: row.serialized(), extensions: extensions)
    }

    /// Creates a delete.
    public static func delete(id: String, source: String, theme: String, subject: String, time: String,
                              sequence: Int64, extensions: [EnvelopeHeader] = []) -> ChangeEvent {
        ChangeEvent(id: id, source: source, theme: theme, action: .deleted, subject: subject, time: time,
                    sequence: sequence, extensions: extensions)
    }

    /// `ce_type`: `<theme>.<action>`.
    public var type: String { "\(theme).\(action.rawValue)" }

    /// `ce_time` in milliseconds since 1970-01-01T00:00:00Z; nil if it is not RFC 3339.
    /// Parsed on each call, without Foundation.
    public var epochMilliseconds: Int64? { RFC3339.epochMilliseconds(time) }

    /// `ce_time` as a `Date`; nil if it is not RFC 3339.
    public var date: Date? {
        epochMilliseconds.map { Date(timeIntervalSince1970: Double($0) / 1_000) }
    }

    /// The bytes of the first extension header with a name.
    public func extensionValue(_ name: String) -> [UInt8]? {
        extensions.first { $0.name == name }?.value
    }

    /// The UTF-8 text of the first extension header with a name.
    public func extensionText(_ name: String) -> String? {
        extensions.first { $0.name == name }?.text
    }

    /// Adds an extension header, replacing any with the same name.
    public mutating func setExtension(_ name: String, text: String) {
        extensions.removeAll { $0.name == name }
        extensions.append(EnvelopeHeader(name: name, text: text))
    }
}
