/// The checks of an event's envelope that need no catalogue, shared by the codec and the validator.
enum EnvelopeRules {
    /// The longest `ce_id`, `ce_source`, `ce_subject` (and key), `ce_type`, `ce_time` or
    /// `content-type` accepted, in UTF-8 bytes (`header-too-long` beyond; docs/bounds.md).
    static let maximumHeaderBytes = 512

    static func check(_ event: ChangeEvent) throws(EventRejection) {
        for (name, value) in [(EnvelopeHeaderName.id, event.id), (EnvelopeHeaderName.source, event.source),
                              (EnvelopeHeaderName.subject, event.subject), (EnvelopeHeaderName.type, event.theme),
                              (EnvelopeHeaderName.time, event.time), (EnvelopeHeaderName.contentType, event.contentType ?? "")]
            where value.utf8.count > maximumHeaderBytes {
            throw EventRejection(code: .headerTooLong,
                                 message: "header \(name) is \(value.utf8.count) bytes; the hub takes at most \(maximumHeaderBytes)",
                                 field: name)
        }
        if event.key.utf8.count > maximumHeaderBytes {
            throw EventRejection(code: .headerTooLong,
                                 message: "the Kafka key is \(event.key.utf8.count) bytes; the hub takes at most \(maximumHeaderBytes)")
        }
        if event.id.isEmpty { throw empty(EnvelopeHeaderName.id) }
        if event.source.isEmpty { throw empty(EnvelopeHeaderName.source) }
        if event.subject.isEmpty { throw empty(EnvelopeHeaderName.subject) }
        guard YAMLValue.isKebabID(event.theme) else {
            throw EventRejection(code: .badType, message: "ce_type names theme '\(event.theme)', which is not a kebab-case id",
                                 field: EnvelopeHeaderName.type)
        }
        guard event.sequence >= 0 else {
            throw EventRejection(code: .badSequence, message: "ce_sequence is \(event.sequence) but must be non-negative",
                                 field: EnvelopeHeaderName.sequence)
        }
        guard event.epochMilliseconds != nil else {
            throw EventRejection(code: .badTime,
                                 message: "ce_time is '\(event.time)' but must be RFC 3339, e.g. 2024-05-01T08:30:00+08:00",
                                 field: EnvelopeHeaderName.time)
        }
        if let contentType = event.contentType, !isJSON(contentType) {
            throw EventRejection(code: .badContentType,
                                 message: "content-type is '\(contentType)' but must be application/json",
                                 field: EnvelopeHeaderName.contentType)
        }
        guard !event.key.isEmpty else {
            throw EventRejection(code: .missingKey, message: "the Kafka record has no key; set it to the subject id (ce_subject)")
        }
        guard event.key == event.subject else {
            throw EventRejection(code: .keyMismatch,
                                 message: "the Kafka key '\(event.key)' differs from ce_subject '\(event.subject)'; both must be the subject id",
                                 field: EnvelopeHeaderName.subject)
        }
        switch event.action {
        case .deleted where !event.value.isEmpty:
            throw EventRejection(code: .deleteWithValue,
                                 message: "a delete carries a \(event.value.count)-byte value; send deletes with an empty value")
        case .upserted where event.value.isEmpty:
            throw EventRejection(code: .emptyUpsert,
                                 message: "an upsert has an empty value; send the full row as a JSON object")
        default:
            break
        }
    }

    private static func empty(_ name: String) -> EventRejection {
        EventRejection(code: .missingHeader, message: "header \(name) is empty; every change event carries it", field: name)
    }

    /// `application/json`, optionally with parameters (`; charset=utf-8`), media type case-insensitive.
    static func isJSON(_ contentType: String) -> Bool {
        if contentType == ChangeEvent.jsonContentType { return true }
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return mediaType.trimmingSpaces.lowercased() == ChangeEvent.jsonContentType
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
