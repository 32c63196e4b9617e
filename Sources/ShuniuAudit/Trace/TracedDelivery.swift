import ShuniuModel

/// One delivery of a row to a department, as leak tracing indexes it: who received it under
/// which grant, when, the row exactly as delivered (masked, pseudonyms under the receiving
/// department's key) and its digest.
public struct TracedDelivery: Sendable, Hashable {
    /// The receiving department.
    public var department: String
    /// The grant it was delivered under.
    public var grant: String
    /// The grant's legal basis, when known.
    public var basis: String?
    /// The theme.
    public var theme: String
    /// The event's subject (the clear id: it stays in the hub's report, it is not matched).
    public var subject: String
    /// The subject as the department received it in the record key and `ce_subject`: the
    /// subject when the grant delivers its key field clear, else the department's pseudonym of
    /// it. Matched like a value of the row (the `_subject` column of `shuniu subscribe`).
    public var recordKey: String?
    /// The event's `ce_id`.
    public var event: String
    /// The event's `ce_time`.
    public var eventTime: String
    /// When the router wrote the delivery's audit record (Kafka timestamp, ms; -1 unknown).
    public var deliveredAt: Int64
    /// The source record (`src.<theme>/<partition>/<offset>`).
    public var source: String
    /// The audit record that confirms it (`audit.exchange partition/offset`).
    public var audit: String
    /// The row as delivered.
    public var row: Row
    /// SHA-256 (hex) of exactly the delivered value, as the audit record states it.
    public var sha256: String

    /// Describes one delivery.
    public init(department: String, grant: String, basis: String? = nil, theme: String, subject: String,
                recordKey: String? = nil, event: String, eventTime: String, deliveredAt: Int64 = -1, source: String,
                audit: String = "", row: Row, sha256: String) {
        self.department = department
        self.grant = grant
        self.basis = basis
        self.theme = theme
        self.subject = subject
        self.recordKey = recordKey
        self.event = event
        self.eventTime = eventTime
        self.deliveredAt = deliveredAt
        self.source = source
        self.audit = audit
        self.row = row
        self.sha256 = sha256
    }
}
