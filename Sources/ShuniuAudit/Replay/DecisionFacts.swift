import ShuniuModel
import ShuniuRouter

/// What an audit record states about one routing decision, comparable between a replayed
/// decision and a recorded one: the outcome, subscriber, grant, action, fields, digest of the
/// delivered bytes, and reason.
public struct DecisionFacts: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `delivered`, `out-of-scope` or `rejected`.
    public var decision: String
    /// The subscriber (empty for a rejection).
    public var subscriber: String
    /// The grant (empty for a rejection).
    public var grant: String
    /// `upserted` / `deleted`, when any.
    public var action: String?
    /// The field names delivered, comma-separated.
    public var fields: String
    /// SHA-256 of the delivered value (deliveries only).
    public var sha256: String?
    /// SHA-256 of the whole delivered record: key, headers, value (deliveries only).
    public var envelope: String?
    /// The reason code (rejections, out-of-scope, left-scope).
    public var reason: String?

    /// The facts of a decision `Router.decide` made.
    public init(_ decision: RoutingDecision) {
        self.decision = decision.outcome.rawValue
        subscriber = decision.subscriber ?? ""
        grant = decision.grantID ?? ""
        action = decision.action?.rawValue
        fields = decision.fields.joined(separator: ",")
        sha256 = decision.valueDigest
        envelope = decision.envelopeDigest
        reason = decision.reason
    }

    /// The facts an `audit.exchange` record states.
    public init(record row: Row) {
        decision = row["decision"]?.stringValue ?? ""
        subscriber = row["subscriber"]?.stringValue ?? ""
        grant = row["grant"]?.stringValue ?? ""
        action = row["action"]?.stringValue
        fields = row["fields"]?.stringValue ?? ""
        sha256 = row["sha256"]?.stringValue
        envelope = row["envelope"]?.stringValue
        reason = row["reason"]?.stringValue
    }

    /// Which decision of a source record this is: the subscriber and grant.
    var slot: String { "\(subscriber)|\(grant)" }

    /// What differs from `other`, in words.
    func differences(from other: DecisionFacts) -> [String] {
        var found: [String] = []
        if decision != other.decision { found.append("decision \(other.decision) → \(decision)") }
        if action != other.action { found.append("action \(other.action ?? "-") → \(action ?? "-")") }
        if fields != other.fields { found.append("fields [\(other.fields)] → [\(fields)]") }
        if sha256 != other.sha256 { found.append("digest \(other.sha256?.prefix(12) ?? "-") → \(sha256?.prefix(12) ?? "-")") }
        if envelope != other.envelope {
            found.append("envelope \(other.envelope?.prefix(12) ?? "-") → \(envelope?.prefix(12) ?? "-") (key or headers)")
        }
        if reason != other.reason { found.append("reason \(other.reason ?? "-") → \(reason ?? "-")") }
        return found
    }

    public var description: String {
        "\(decision) \(subscriber.isEmpty ? "" : "to \(subscriber) ")\(grant.isEmpty ? "" : "under \(grant) ")[\(fields)]"
    }
}

/// One audit record of a source record's routing, as replay reads it.
public struct AuditedDecision: Sendable, Hashable {
    /// The chain segment that holds it (one per routing of the record).
    public var segment: String
    /// Its Kafka timestamp (ms), -1 when unknown.
    public var timestamp: Int64
    /// The record's `time` (the event's `ce_time`).
    public var time: String
    /// The event's `ce_id`.
    public var event: String
    /// Where the audit record sits (`audit.exchange partition/offset`).
    public var position: String
    /// What it states.
    public var facts: DecisionFacts

    /// Describes one audit record.
    public init(segment: String, timestamp: Int64, time: String, event: String, position: String, facts: DecisionFacts) {
        self.segment = segment
        self.timestamp = timestamp
        self.time = time
        self.event = event
        self.position = position
        self.facts = facts
    }
}
