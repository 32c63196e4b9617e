/// Producer settings: durable and ordered by default (`acks=all`, idempotence on).
public struct ProducerConfig: Sendable {
    /// Where the cluster is and how to connect.
    public var client = KafkaClientConfig()
    /// `all` (default), `1` or `0`.
    public var acks = "all"
    /// Idempotent producer: no duplicates or reordering from internal retries.
    public var idempotent = true
    /// How long librdkafka waits to fill a batch.
    public var linger: Duration = .milliseconds(5)
    /// How long a message may wait for delivery before it fails with `_MSG_TIMED_OUT`.
    public var messageTimeout: Duration = .seconds(30)
    /// `none`, `lz4`, `zstd`, `snappy` or `gzip`.
    public var compression = "none"
    /// Messages librdkafka may hold before `send` waits (back-pressure, never a drop).
    public var queueCapacity = 200_000
    /// Let the broker create a missing topic on first produce. Off: a topic created that way
    /// gets the broker's default partition count (4 on Tansu), not the catalogue's.
    public var autoCreateTopics = false
    /// Set to make the producer transactional (`initTransactions` is then required).
    public var transactionalID: String?

    /// Defaults above, with the bootstrap address from `$KAFKA_BOOTSTRAP` or `127.0.0.1:9092`.
    public init(client: KafkaClientConfig = KafkaClientConfig()) {
        self.client = client
    }

    var librdkafkaProperties: [String: String] {
        var result: [String: String] = [
            "acks": acks,
            "enable.idempotence": idempotent ? "true" : "false",
            "linger.ms": String(linger.milliseconds),
            "message.timeout.ms": String(messageTimeout.milliseconds),
            "compression.codec": compression,
            "queue.buffering.max.messages": String(queueCapacity),
            "allow.auto.create.topics": autoCreateTopics ? "true" : "false",
        ]
        if let transactionalID { result["transactional.id"] = transactionalID }
        result.merge(client.librdkafkaProperties) { _, new in new }
        return result
    }
}

extension Duration {
    /// Whole milliseconds, rounded down, as librdkafka's `*.ms` settings want them.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
