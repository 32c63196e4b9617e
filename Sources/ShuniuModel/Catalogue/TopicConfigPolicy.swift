/// The configs every hub topic is created with, and checked against (`shuniu topics apply`).
///
/// What a topic keeps follows from its prefix:
/// - `src.*`, `ctl.*`, `audit.*` (and any topic of another prefix): **never expire**
///   (`retention.ms=-1`, `retention.bytes=-1`, `cleanup.policy=delete`). The source feeds are
///   what the libraries are rebuilt from, `ctl.*` is the grant and objection log every service
///   replays, `audit.*` is the proof of who received what: a broker default of 7 days would
///   empty them a week after going live.
/// - `sub.*`: ``subscriberRetentionMilliseconds`` (30 days by default): a subscriber that stays
///   away longer must re-read from its own mirror or ask for a replay from `src.*`.
/// - `dlq.*`: ``deadLetterRetentionMilliseconds`` (90 days by default): time for the provider to
///   read its rejections and correct them.
///
/// Every topic also gets `min.insync.replicas` and, unless it is nil, `max.message.bytes`.
/// Replication factor is not a config: it is given at creation (and changed on a real cluster
/// only by partition reassignment).
public struct TopicConfigPolicy: Sendable, Hashable {
    /// One day in milliseconds.
    public static let dayMilliseconds: Int64 = 86_400_000
    /// Apache Kafka's default `max.message.bytes` (1 MiB + 12 bytes of record-batch overhead).
    public static let kafkaDefaultMaxMessageBytes = 1_048_588

    /// Retention of `sub.*` topics, in milliseconds (-1: never expire).
    public var subscriberRetentionMilliseconds: Int64 = 30 * dayMilliseconds
    /// Retention of `dlq.*` topics, in milliseconds (-1: never expire).
    public var deadLetterRetentionMilliseconds: Int64 = 90 * dayMilliseconds
    /// Replicas per partition for new topics (1 on the single-broker dev cluster; 3 is usual on a real one).
    public var replicationFactor = 1
    /// `min.insync.replicas` of every topic: with `acks=all`, a write needs this many replicas.
    public var minInSyncReplicas = 1
    /// `max.message.bytes` of every topic (the largest record batch the broker accepts on it);
    /// nil leaves it to the broker's `message.max.bytes`. The default is Kafka's own default,
    /// set explicitly so that every cluster agrees with the router's producer limit.
    public var maxMessageBytes: Int? = kafkaDefaultMaxMessageBytes

    /// The defaults above.
    public init() {}

    /// Why a policy cannot be used.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        /// What is wrong and what to give instead.
        public var description: String
    }

    /// Checks the numbers against each other: replicas >= 1, 1 <= min.insync.replicas <=
    /// replicas, retentions -1 or positive, max.message.bytes positive.
    public func validate() throws(Invalid) {
        guard replicationFactor >= 1 else { throw Invalid(description: "the replication factor must be at least 1 (got \(replicationFactor))") }
        guard (1...replicationFactor).contains(minInSyncReplicas) else {
            throw Invalid(description: "min.insync.replicas must be between 1 and the replication factor \(replicationFactor) (got \(minInSyncReplicas)); otherwise no acks=all write succeeds")
        }
        for (what, value) in [("sub.* retention", subscriberRetentionMilliseconds), ("dlq.* retention", deadLetterRetentionMilliseconds)]
        where value != -1 && value <= 0 {
            throw Invalid(description: "\(what) must be -1 (never expire) or positive (got \(value) ms)")
        }
        if let maxMessageBytes, maxMessageBytes <= 0 {
            throw Invalid(description: "max.message.bytes must be positive (got \(maxMessageBytes))")
        }
    }

    /// How long a topic keeps its records, from its name.
    public enum Retention: Sendable, Hashable {
        /// `src.*`, `ctl.*`, `audit.*` and anything else: never expire.
        case forever
        /// `sub.*`.
        case subscriber
        /// `dlq.*`.
        case deadLetter
    }

    /// The retention class of `topic`.
    public static func retention(of topic: String) -> Retention {
        if topic.hasPrefix("sub.") { return .subscriber }
        if topic.hasPrefix("dlq.") { return .deadLetter }
        return .forever
    }

    /// The configs `topic` must have.
    public func configs(for topic: String) -> [String: String] {
        let retention: Int64 = switch Self.retention(of: topic) {
        case .forever: -1
        case .subscriber: subscriberRetentionMilliseconds
        case .deadLetter: deadLetterRetentionMilliseconds
        }
        var configs = ["retention.ms": String(retention), "retention.bytes": "-1", "cleanup.policy": "delete",
                       "min.insync.replicas": String(minInSyncReplicas)]
        if let maxMessageBytes { configs["max.message.bytes"] = String(maxMessageBytes) }
        return configs
    }
}
