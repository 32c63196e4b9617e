import ShuniuModel

/// Where a source record sits: `topic/partition/offset`.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// The source topic (`src.<theme>`).
    public var topic: String
    /// Its partition.
    public var partition: Int32
    /// Its offset.
    public var offset: Int64

    /// Names a source position.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }

    public var description: String { "\(topic)/\(partition)/\(offset)" }

    /// The audit chain this position's decisions belong to: one per source partition.
    public var chain: String { "\(topic)/\(partition)" }
}

/// One routing decision: what happened to one source event for one grant (or for all, when
/// the event was rejected).
public struct RoutingDecision: Sendable, Hashable {
    /// What was decided.
    public enum Outcome: String, Sendable, Hashable {
        /// Delivered to the grant's subscriber.
        case delivered
        /// Not delivered: the row is outside the grant's scope.
        case outOfScope = "out-of-scope"
        /// The event was refused and sent to `dlq.<theme>`.
        case rejected
    }

    /// What was decided.
    public var outcome: Outcome
    /// The event's `ce_id` (empty if it could not be read).
    public var eventID: String
    /// The theme (from the event, else from the source topic).
    public var theme: String
    /// The event's `ce_source`, if readable.
    public var provider: String
    /// The event's subject id, if readable.
    public var subject: String
    /// The event's `ce_time`, if readable.
    public var time: String
    /// The subscriber department (deliveries and out-of-scope decisions).
    public var subscriber: String?
    /// The grant applied.
    public var grantID: String?
    /// The grant's legal basis.
    public var basis: String?
    /// What the subscriber receives: `upserted` or `deleted` (also when a row leaves scope).
    public var action: ChangeEvent.Action?
    /// The field names delivered.
    public var fields: [String]
    /// Exactly the value the subscriber receives (empty for a delete).
    public var value: [UInt8]
    /// The delivered record's key and `ce_subject` (`DeliveredEnvelope.key`; deliveries only).
    public var key: String = ""
    /// The delivered `ce_id` (`DeliveredEnvelope.id`; deliveries only).
    public var deliveryID: String = ""
    /// Every delivered header, in order (deliveries only).
    public var headers: [EnvelopeHeader] = []
    /// How the decision changed the scope memory of a scoped grant: `true` the subscriber now
    /// holds the subject, `false` it no longer does, `nil` no change (unscoped grants,
    /// out-of-scope, rejections). Written to the audit, so a new owner rebuilds the memory.
    public var held: Bool?

    /// SHA-256 of exactly the value delivered (hex; deliveries only).
    public var valueDigest: String? { outcome == .delivered ? SHA256Digest.hex(SHA256Digest.hash(value)) : nil }
    /// SHA-256 of the whole delivered record: key, headers and value (deliveries only).
    public var envelopeDigest: String? {
        outcome == .delivered ? DeliveredEnvelope.digest(key: key, headers: headers, value: value) : nil
    }
    /// A stable reason code: the rejection code, `out-of-scope`, or `left-scope` for a delete
    /// sent because a row moved out of the grant's scope.
    public var reason: String?
    /// The reason in words, for rejections.
    public var message: String?
    /// Where the source event sits.
    public var source: SourcePosition
}
