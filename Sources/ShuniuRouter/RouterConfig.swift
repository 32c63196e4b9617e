import ShuniuKafka
import ShuniuModel

/// Settings of the router service; every property has a working default.
public struct RouterConfig: Sendable {
    /// The cluster.
    public var client = KafkaClientConfig(clientID: "shuniu-router")
    /// The consumer group the router instances share (more instances, more throughput).
    public var groupID = "shuniu-router"
    /// Source records handled per batch (one produce round and one commit per batch).
    public var batchSize = 5_000
    /// The hub secret every pseudonym derives from (`HubSecret.fromEnvironment()`). No
    /// default: the router refuses to start without one. Never logged.
    public var secret: HubSecret?

    /// Deliver with Kafka transactions: outputs and source offsets commit atomically, so a
    /// `read_committed` subscriber sees each decision once. Only for clusters that honour
    /// transactions (the Tansu dev broker does not hide aborted records).
    public var exactlyOnce = false

    /// The largest record the router writes, in bytes as librdkafka counts them (key, value,
    /// headers and framing; `RecordSize`): the producer's `message.max.bytes`. Set it to the
    /// broker's limit (Apache Kafka: broker `message.max.bytes` / topic `max.message.bytes`,
    /// 1048588 by default; leave ~100 bytes for the batch framing). A source record over it, or
    /// a delivery that would be, is dead-lettered with `too-large`; a dead letter over it is
    /// written as a stub (docs/bounds.md). Default ``RecordSize/defaultLimit`` (1 000 000).
    public var maximumRecordBytes = RecordSize.defaultLimit

    /// Defaults.
    public init() {}
}
