/// Consumer settings, with the short group timeouts that make joins fast (a few seconds
/// instead of ~23 s with librdkafka's defaults on the dev broker).
public struct ConsumerConfig: Sendable {
    /// Where the cluster is and how to connect.
    public var client = KafkaClientConfig()
    /// The consumer group; `nil` for a reader that only uses `assign` and never commits.
    public var groupID: String?
    /// Where to start when the group has no committed offset: `earliest` (default) or `latest`.
    public var autoOffsetReset = "earliest"
    /// Broker-side failure detection of a silent member.
    public var sessionTimeout: Duration = .seconds(6)
    /// How often the member tells the coordinator it is alive.
    public var heartbeatInterval: Duration = .milliseconds(500)
    /// Longest gap between polls before the member is considered stuck.
    public var maxPollInterval: Duration = .seconds(300)
    /// Report the end of each partition in `ConsumerBatch.endOfPartition` (bounded reads).
    public var reportEndOfPartition = false
    /// `read_committed` (default) or `read_uncommitted`.
    public var isolationLevel = "read_committed"
    /// Called on the consumer's thread when partitions are assigned or about to be revoked;
    /// on revocation the stored offsets are committed right after the call returns.
    public var onRebalance: (@Sendable (RebalanceEvent) -> Void)?
    /// Where to start reading partitions as they are assigned, for consumers that keep their
    /// positions outside Kafka (in the same transaction as their output). Called on the
    /// consumer's thread before the assignment takes effect; a partition it leaves out starts at
    /// the group's committed offset.
    public var startPositions: (@Sendable ([TopicPartition]) -> [TopicPartition: KafkaOffset])?

    /// Defaults above, with the bootstrap address from `$KAFKA_BOOTSTRAP` or `127.0.0.1:9092`.
    public init(client: KafkaClientConfig = KafkaClientConfig(), groupID: String? = nil) {
        self.client = client
        self.groupID = groupID
    }

    var librdkafkaProperties: [String: String] {
        var result: [String: String] = [
            // Offsets are stored only when the caller marks messages processed, and committed
            // only by `commit()` or a revocation: at-least-once, never "read = done".
            "enable.auto.commit": "false",
            "enable.auto.offset.store": "false",
            "auto.offset.reset": autoOffsetReset,
            "session.timeout.ms": String(sessionTimeout.milliseconds),
            "heartbeat.interval.ms": String(heartbeatInterval.milliseconds),
            "max.poll.interval.ms": String(maxPollInterval.milliseconds),
            "enable.partition.eof": reportEndOfPartition ? "true" : "false",
            "isolation.level": isolationLevel,
        ]
        // librdkafka requires a group id even for assign-only readers; it is never joined then.
        result["group.id"] = groupID ?? "shuniu-reader"
        result.merge(client.librdkafkaProperties) { _, new in new }
        return result
    }
}

/// A change of the partitions this group member owns.
public enum RebalanceEvent: Sendable {
    /// These partitions are now assigned to this member.
    case assigned([TopicPartition])
    /// These partitions are about to be taken away; finish and mark their work now.
    case revoking([TopicPartition])
}

/// A record read from Kafka.
public struct ConsumerMessage: Sendable {
    /// The topic it was read from.
    public var topic: String
    /// Its partition.
    public var partition: Int32
    /// Its offset in the partition.
    public var offset: Int64
    /// The record key.
    public var key: [UInt8]?
    /// The record value (empty for a tombstone).
    public var value: [UInt8]
    /// The record headers, in order.
    public var headers: [KafkaHeader]
    /// The record timestamp in milliseconds since the epoch, or -1 if unknown.
    public var timestamp: Int64

    /// Creates a message (used by tests and replays).
    public init(topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8],
                headers: [KafkaHeader], timestamp: Int64 = -1) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }
}

/// What one poll returned: messages, partitions whose end was reached, and passing errors.
public struct ConsumerBatch: Sendable {
    /// Messages in the order read (ordered per partition).
    public var messages: [ConsumerMessage] = []
    /// Partitions whose end was reached during this poll (with `reportEndOfPartition`).
    public var endOfPartition: [TopicPartition] = []
    /// Non-fatal errors librdkafka reported (it keeps retrying by itself).
    public var errors: [KafkaError] = []

    /// True when the batch carries nothing at all.
    public var isEmpty: Bool { messages.isEmpty && endOfPartition.isEmpty && errors.isEmpty }
}
