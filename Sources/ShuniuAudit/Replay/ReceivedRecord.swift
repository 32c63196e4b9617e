import ShuniuModel
import ShuniuRouter

/// One record of a subscriber topic (`sub.<department>`), as replay reads it to check that
/// the audit confirms every delivery a department holds: where it sits, what it claims, and
/// the digest of all its bytes (the audit's `envelope`).
public struct ReceivedRecord: Sendable, Hashable {
    /// The department whose topic holds it.
    public var subscriber: String
    /// Where it sits: `sub.<department> <partition>/<offset>`.
    public var position: String
    /// Its `shuniu_source` header, when it has one (the source record it claims to come from).
    public var claimedSource: String?
    /// Its `ce_id`.
    public var event: String
    /// Its `ce_time`.
    public var time: String?
    /// SHA-256 of its key, every header and its value, as `DeliveredEnvelope.digest` computes it.
    public var envelope: String
    /// The theme it claims: the one its `shuniu_source` names (`src.<theme>/<p>/<o>`), else
    /// the one its `ce_type` starts with; nil when it claims no theme of the catalogue.
    public var theme: String?

    /// Describes one received record.
    public init(subscriber: String, position: String, claimedSource: String?, event: String, time: String?, envelope: String,
                theme: String?) {
        self.subscriber = subscriber
        self.position = position
        self.claimedSource = claimedSource
        self.event = event
        self.time = time
        self.envelope = envelope
        self.theme = theme
    }

    /// The theme a record of a `sub.<department>` topic claims: the one its `shuniu_source`
    /// names (`src.<theme>/<p>/<o>`), else the one its `ce_type` starts with, if `known`
    /// accepts it; nil when it claims none. Cheap: replay asks it before hashing a record.
    public static func claimedTheme(headers: [EnvelopeHeader], known: (String) -> Bool) -> String? {
        func header(_ name: String) -> String? { headers.first { $0.name == name }?.text }
        if let source = header(DeliveredHeader.source), source.hasPrefix("src."), let slash = source.firstIndex(of: "/") {
            let named = String(source[source.index(source.startIndex, offsetBy: 4)..<slash])
            if known(named) { return named }
        }
        if let type = header(EnvelopeHeaderName.type), let dot = type.lastIndex(of: ".") {
            let named = String(type[..<dot])
            if known(named) { return named }
        }
        return nil
    }

    /// The record as read from `sub.<subscriber>`, its bytes exactly as the broker holds them,
    /// claiming `theme` (``claimedTheme(headers:known:)``).
    public init(subscriber: String, topic: String, partition: Int32, offset: Int64, key: [UInt8]?,
                headers: [EnvelopeHeader], value: [UInt8], theme: String?) {
        func header(_ name: String) -> String? { headers.first { $0.name == name }?.text }
        self.init(subscriber: subscriber, position: "\(topic) \(partition)/\(offset)", claimedSource: header(DeliveredHeader.source),
                  event: header(EnvelopeHeaderName.id) ?? "", time: header(EnvelopeHeaderName.time),
                  envelope: DeliveredEnvelope.digest(key: String(decoding: key ?? [], as: UTF8.self), headers: headers, value: value),
                  theme: theme)
    }
}
