import ShuniuModel

/// One read of hub data by a department: an API look-up or a household check.
///
/// Recorded on `audit.access` in the chain format of `audit.exchange` (see
/// ``AccessRecord``), so `shuniu audit verify` checks both logs the same way and
/// `shuniu audit who-received` lists deliveries and reads together.
public struct AccessEvent: Sendable, Hashable {
    /// What came of the read.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// Data was returned (possibly a subset of fields, masked as granted).
        case read
        /// Nothing was returned: no such subject, or every row outside the caller's scope.
        case notFound = "not-found"
        /// Refused: no grant covers what was asked.
        case denied
        /// A verification (household check) that consulted the data and returned a verdict.
        case checked
    }

    /// How the data was reached: `api`, `check`, or another service's name.
    public var channel: String
    /// What came of it.
    public var outcome: Outcome
    /// The department that read.
    public var department: String
    /// The subject read (citizen ID or credit code).
    public var subject: String
    /// The theme read, when the record is about one theme's data.
    public var theme: String?
    /// The grant that allowed it.
    public var grantID: String?
    /// The grant's legal basis.
    public var basis: String?
    /// Why the caller read (request id, application number, policy), as given.
    public var purpose: String?
    /// The field names returned.
    public var fields: [String]
    /// Exactly the bytes returned for this subject and theme (only their SHA-256 is recorded).
    public var value: [UInt8]
    /// When (RFC 3339 UTC).
    public var time: String
    /// The id of the holder's consent code the read was made with (licence reads), if any.
    public var consent: String?
    /// Why a read was refused (`consent-required`, `consent-used`, ...), when the refusal has a code.
    public var reason: String?

    /// Describes one read.
    public init(channel: String, outcome: Outcome, department: String, subject: String, theme: String? = nil,
                grantID: String? = nil, basis: String? = nil, purpose: String? = nil, fields: [String] = [],
                value: [UInt8] = [], time: String, consent: String? = nil, reason: String? = nil) {
        self.channel = channel
        self.outcome = outcome
        self.department = department
        self.subject = subject
        self.theme = theme
        self.grantID = grantID
        self.basis = basis
        self.purpose = purpose
        self.fields = fields
        self.value = value
        self.time = time
        self.consent = consent
        self.reason = reason
    }
}

/// The record format of `audit.access`: `chain`, `seq`, `prev`, then `channel`, `decision`
/// (the outcome), `department`, `subject`, `theme`, `grant`, `basis`, `purpose`, `fields`
/// (comma-separated), `sha256` (of exactly what was returned; null when nothing was),
/// `time`, then `consent` (the consent code's id) and `reason` (a refusal's code) only when
/// set (so records without them are byte for byte those written before they existed), then
/// `continues` and `hash` — the layout of `audit.exchange` records.
public enum AccessRecord {
    /// The event's own fields, in record order.
    public static func fields(_ event: AccessEvent) -> [Row.Field] {
        func text(_ value: String?) -> JSONScalar { value.map { .string($0) } ?? .null }
        let returned = event.outcome == .read || event.outcome == .checked
        var fields: [Row.Field] = [
            .init(name: "channel", value: .string(event.channel)),
            .init(name: "decision", value: .string(event.outcome.rawValue)),
            .init(name: "department", value: .string(event.department)),
            .init(name: "subject", value: .string(event.subject)),
            .init(name: "theme", value: text(event.theme)),
            .init(name: "grant", value: text(event.grantID)),
            .init(name: "basis", value: text(event.basis)),
            .init(name: "purpose", value: text(event.purpose)),
            .init(name: "fields", value: .string(event.fields.joined(separator: ","))),
            .init(name: "sha256", value: returned ? .string(SHA256Digest.hex(SHA256Digest.hash(event.value))) : .null),
            .init(name: "time", value: .string(event.time)),
        ]
        if let consent = event.consent { fields.append(.init(name: "consent", value: .string(consent))) }
        if let reason = event.reason { fields.append(.init(name: "reason", value: .string(reason))) }
        return fields
    }
}
