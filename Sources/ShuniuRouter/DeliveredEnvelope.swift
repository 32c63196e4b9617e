import ShuniuModel

/// The delivered envelope: every byte a subscriber receives, derived from the source record
/// under one grant (pure; `Router.decide` calls it, so replay checks it too).
///
/// - key and `ce_subject`: the subject when the grant delivers the subject's key field
///   unmasked, otherwise the receiving department's pseudonym of it (`PseudonymKeys`; the
///   same value a `pseudonym` mask of that field gives, so a department joins on it);
/// - `ce_id`: `d-` and 32 hex digits of the department's keyed hash of the grant, the kind of
///   delivery (`event` / `left-scope`) and the source `ce_id`: stable across re-deliveries,
///   unique per grant and event, embedding nothing of the source id;
/// - `ce_specversion`, `ce_source`, `ce_time`, `ce_sequence` as the provider sent them;
///   `ce_type` `<theme>.<action>`; `content-type` on upserts only;
/// - extension headers only when the theme lists them (`headers:` in the catalogue);
/// - `shuniu_grant`, `shuniu_basis`, `shuniu_source`, and `shuniu_reason: left-scope` on a
///   delete sent because the row left the grant's scope.
public enum DeliveredEnvelope {
    /// The delivered key (also `ce_subject`).
    public static func key(subject: String, grant: Grant, keys: PseudonymKeys) -> String {
        grant.deliversSubjectClear ? subject : keys.pseudonym(subject, for: grant.subscriber)
    }

    /// The delivered `ce_id`.
    public static func id(event: String, grant: Grant, leftScope: Bool, keys: PseudonymKeys) -> String {
        let kind = leftScope ? "left-scope" : "event"
        let digest = keys.pseudonym("ce_id\n\(grant.id)\n\(kind)\n\(event)", for: grant.subscriber)
        return "d-" + digest.prefix(32)
    }

    /// The delivered headers, in a fixed order.
    static func headers(of event: ChangeEvent, source headers: [EnvelopeHeader], decision: RoutingDecision,
                        theme: Theme) -> [EnvelopeHeader] {
        var out: [EnvelopeHeader] = []
        out.reserveCapacity(11 + theme.headers.count)
        let action = decision.action ?? event.action
        out.append(EnvelopeHeader(name: EnvelopeHeaderName.specVersion, text: EnvelopeHeaderName.supportedSpecVersion))
        out.append(EnvelopeHeader(name: EnvelopeHeaderName.id, text: decision.deliveryID))
        out.append(EnvelopeHeader(name: EnvelopeHeaderName.source, text: event.source))
        out.append(EnvelopeHeader(name: EnvelopeHeaderName.type, text: "\(theme.id).\(action.rawValue)"))
        out.append(EnvelopeHeader(name: EnvelopeHeaderName.subject, text: decision.key))
        out.append(EnvelopeHeader(name: EnvelopeHeaderName.time, text: event.time))
        out.append(EnvelopeHeader(name: EnvelopeHeaderName.sequence, text: String(event.sequence)))
        if action == .upserted {
            out.append(EnvelopeHeader(name: EnvelopeHeaderName.contentType, text: event.contentType ?? "application/json"))
        }
        if !theme.headers.isEmpty {
            for header in headers where theme.headers.contains(header.name) { out.append(header) }
        }
        out.append(EnvelopeHeader(name: DeliveredHeader.grant, text: decision.grantID ?? ""))
        out.append(EnvelopeHeader(name: DeliveredHeader.basis, text: decision.basis ?? ""))
        out.append(EnvelopeHeader(name: DeliveredHeader.source, text: decision.source.description))
        if decision.reason == DeliveredHeader.leftScope {
            out.append(EnvelopeHeader(name: DeliveredHeader.reason, text: DeliveredHeader.leftScope))
        }
        return out
    }

    /// SHA-256 (hex) of the whole delivered record: key, every header name and value, and the
    /// value, each length-prefixed. The audit's `envelope` digest.
    public static func digest(key: String, headers: [EnvelopeHeader], value: [UInt8]) -> String {
        var hasher = SHA256Hasher()
        func length(_ count: Int) {
            let count = UInt32(truncatingIfNeeded: count)
            withUnsafeBytes(of: count.bigEndian) { hasher.update($0) }
        }
        length(key.utf8.count)
        hasher.update(key)
        length(1)
        hasher.update(byte: UInt8(truncatingIfNeeded: headers.count))
        for header in headers {
            length(header.name.utf8.count)
            hasher.update(header.name)
            length(header.value.count)
            hasher.update(header.value)
        }
        length(value.count)
        hasher.update(value)
        return SHA256Digest.hex(hasher.finish())
    }
}
