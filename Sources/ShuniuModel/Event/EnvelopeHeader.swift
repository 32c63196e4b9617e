/// One Kafka record header: a name and raw bytes.
public struct EnvelopeHeader: Sendable, Hashable {
    /// The header name, e.g. `ce_id`.
    public var name: String
    /// The header value's bytes.
    public var value: [UInt8]

    /// A header with raw bytes.
    public init(name: String, value: [UInt8]) {
        self.name = name
        self.value = value
    }

    /// A header with a UTF-8 text value.
    public init(name: String, text: String) {
        self.init(name: name, value: Array(text.utf8))
    }

    /// The value as UTF-8 text, nil when it is not valid UTF-8.
    public var text: String? { UTF8Text.string(value) }
}

/// The CloudEvents binary-mode header names of a change event.
public enum EnvelopeHeaderName: Sendable {
    /// `ce_specversion`, always `1.0`.
    public static let specVersion = "ce_specversion"
    /// `ce_id`, unique per source.
    public static let id = "ce_id"
    /// `ce_source`, the provider department's id.
    public static let source = "ce_source"
    /// `ce_type`, `<theme>.upserted` or `<theme>.deleted`.
    public static let type = "ce_type"
    /// `ce_subject`, the subject id (equal to the Kafka key).
    public static let subject = "ce_subject"
    /// `ce_time`, RFC 3339.
    public static let time = "ce_time"
    /// `ce_sequence`, the per theme+subject version, a non-negative decimal integer.
    public static let sequence = "ce_sequence"
    /// `content-type`, `application/json`.
    public static let contentType = "content-type"

    /// The CloudEvents spec version the hub speaks.
    public static let supportedSpecVersion = "1.0"

    /// Every header the codec reads itself; any other header is an extension.
    public static let all: [String] = [specVersion, id, source, type, subject, time, sequence, contentType]
}
