import ShuniuKafka

/// Settings of the router service; every property has a working default.
public struct RouterConfig: Sendable {
    /// The cluster.
    public var client = KafkaClientConfig(clientID: "shuniu-router")
    /// The consumer group the router instances share (more instances, more throughput).
    public var groupID = "shuniu-router"
    /// Source records handled per batch (one produce round and one commit per batch).
    public var batchSize = 5_000
    /// The key of the `pseudonym` mask. Never logged.
    public var secret: [UInt8] = Array("shuniu-dev-secret-change-me".utf8)

    /// Deliver with Kafka transactions: outputs and source offsets commit atomically, so a
    /// `read_committed` subscriber sees each decision once. Only for clusters that honour
    /// transactions (the Tansu dev broker does not hide aborted records).
    public var exactlyOnce = false

    /// Defaults.
    public init() {}
}
