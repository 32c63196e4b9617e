/// Maps change events to and from Kafka records (key, headers, value) in CloudEvents binary mode.
public enum ChangeEventCodec: Sendable {
    /// The record of an event: key = subject id, the eight CloudEvents headers in a fixed order
    /// (`content-type` only when the event has one), then the extensions in their order.
    public static func encode(_ event: ChangeEvent) -> (key: [UInt8], headers: [EnvelopeHeader], value: [UInt8]) {
        var headers: [EnvelopeHeader] = []
        headers.reserveCapacity(8 + event.extensions.count)
        headers.append(EnvelopeHeader(name: EnvelopeHeaderName.specVersion, text: EnvelopeHeaderName.supportedSpecVersion))
        headers.append(EnvelopeHeader(name: EnvelopeHeaderName.id, text: event.id))
        headers.append(EnvelopeHeader(name: EnvelopeHeaderName.source, text: event.source))
        headers.append(EnvelopeHeader(name: EnvelopeHeaderName.type, text: event.type))
        headers.append(EnvelopeHeader(name: EnvelopeHeaderName.subject, text: event.subject))
        headers.append(EnvelopeHeader(name: EnvelopeHeaderName.time, text: event.time))
        headers.append(EnvelopeHeader(name: EnvelopeHeaderName.sequence, text: String(event.sequence)))
        if let contentType = event.contentType {
            headers.append(EnvelopeHeader(name: EnvelopeHeaderName.contentType, text: contentType))
        }
        headers.append(contentsOf: event.extensions)
        return (Array(event.key.utf8), headers, event.value)
    }

    /// The event of a record, with every catalogue-independent check of the envelope
    /// (headers present and well-formed, key equal to `ce_subject`, value present exactly for upserts).
    ///
    /// - Throws: ``EventRejection`` with one of `missing-header`, `duplicate-header`, `bad-header`,
    ///   `bad-specversion`, `bad-type`, `bad-time`, `bad-sequence`, `bad-content-type`, `missing-key`,
    ///   `key-mismatch`, `delete-with-value`, `empty-upsert`, `header-too-long`.
    public static func decode(key: [UInt8]?, headers: [EnvelopeHeader], value: [UInt8]) throws(EventRejection) -> ChangeEvent {
        var fields = KnownHeaders()
        var extensions: [EnvelopeHeader] = []
        for header in headers {
            guard let slot = KnownHeaders.slot(of: header.name) else {
                extensions.append(header)
                continue
            }
            try fields.set(slot, header)
        }
        guard let specVersion = fields.values[0] else { throw missing(EnvelopeHeaderName.specVersion) }
        guard specVersion == EnvelopeHeaderName.supportedSpecVersion else {
            throw EventRejection(code: .badSpecVersion,
                                 message: "ce_specversion is '\(specVersion)' but must be '1.0'",
                                 field: EnvelopeHeaderName.specVersion)
        }
        for slot in 1..<7 where fields.values[slot]?.isEmpty ?? true {
            throw missing(KnownHeaders.names[slot])
        }
        guard let id = fields.values[1], let source = fields.values[2], let type = fields.values[3],
              let subject = fields.values[4], let time = fields.values[5], let sequenceText = fields.values[6] else {
            throw missing(EnvelopeHeaderName.id)  // unreachable: every slot was checked just above
        }
        let (theme, action) = try parseType(type)
        guard let sequence = parseSequence(sequenceText) else {
            throw EventRejection(code: .badSequence,
                                 message: "ce_sequence is '\(sequenceText)' but must be a non-negative decimal integer without leading zeros",
                                 field: EnvelopeHeaderName.sequence)
        }
        guard let key, !key.isEmpty else {
            throw EventRejection(code: .missingKey, message: "the Kafka record has no key; set it to the subject id (ce_subject)")
        }
        guard let keyText = UTF8Text.string(key) else {
            throw EventRejection(code: .keyMismatch, message: "the Kafka key is not UTF-8; set it to the subject id (ce_subject)")
        }
        if fields.values[7] == nil, action == .upserted {
            throw missing(EnvelopeHeaderName.contentType)
        }
        let event = ChangeEvent(id: id, source: source, theme: theme, action: action,
                                subject: subject, time: time, sequence: sequence,
                                value: value, key: keyText, contentType: fields.values[7], extensions: extensions)
        try EnvelopeRules.check(event)
        return event
    }

    /// Splits `<theme>.<action>`.
    static func parseType(_ type: String) throws(EventRejection) -> (String, ChangeEvent.Action) {
        var utf8 = type
        let parsed = utf8.withUTF8 { bytes -> (String, ChangeEvent.Action)? in
            guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return nil }
            let suffix = UnsafeBufferPointer(rebasing: bytes[(dot + 1)...])
            let action: ChangeEvent.Action
            if suffix.elementsEqual("upserted".utf8) {
                action = .upserted
            } else if suffix.elementsEqual("deleted".utf8) {
                action = .deleted
            } else {
                return nil
            }
            let theme = UnsafeBufferPointer(rebasing: bytes[..<dot])
            guard YAMLValue.isKebabID(theme) else { return nil }
            return (String(decoding: theme, as: UTF8.self), action)
        }
        guard let parsed else {
            throw EventRejection(code: .badType,
                                 message: "ce_type is '\(type)' but must be '<theme>.upserted' or '<theme>.deleted'",
                                 field: EnvelopeHeaderName.type)
        }
        return parsed
    }

    /// A canonical non-negative decimal Int64.
    static func parseSequence(_ text: String) -> Int64? {
        let bytes = text.utf8
        guard let first = bytes.first, first != UInt8(ascii: "0") || bytes.count == 1,
              bytes.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        return Int64(text)
    }

    private static func missing(_ name: String) -> EventRejection {
        EventRejection(code: .missingHeader, message: "header \(name) is missing or empty; every change event carries it",
                       field: name)
    }
}

/// The eight CloudEvents headers of one record, by slot.
private struct KnownHeaders {
    static let names = [EnvelopeHeaderName.specVersion, EnvelopeHeaderName.id, EnvelopeHeaderName.source,
                        EnvelopeHeaderName.type, EnvelopeHeaderName.subject, EnvelopeHeaderName.time,
                        EnvelopeHeaderName.sequence, EnvelopeHeaderName.contentType]

    var values = [String?](repeating: nil, count: 8)

    static func slot(of name: String) -> Int? {
        switch name {
        case EnvelopeHeaderName.specVersion: 0
        case EnvelopeHeaderName.id: 1
        case EnvelopeHeaderName.source: 2
        case EnvelopeHeaderName.type: 3
        case EnvelopeHeaderName.subject: 4
        case EnvelopeHeaderName.time: 5
        case EnvelopeHeaderName.sequence: 6
        case EnvelopeHeaderName.contentType: 7
        default: nil
        }
    }

    mutating func set(_ slot: Int, _ header: EnvelopeHeader) throws(EventRejection) {
        guard values[slot] == nil else {
            throw EventRejection(code: .duplicateHeader,
                                 message: "header \(header.name) appears more than once; send it exactly once",
                                 field: header.name)
        }
        guard let text = header.text else {
            throw EventRejection(code: .badHeader, message: "header \(header.name) is not valid UTF-8 text",
                                 field: header.name)
        }
        values[slot] = text
    }
}
