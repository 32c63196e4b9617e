import ShuniuKafka

/// How a projector runs. Every property has a working default.
public struct ProjectorConfig: Sendable {
    /// The cluster.
    public var client = KafkaClientConfig()
    /// Most records projected in one store transaction.
    public var batchSize = 20_000
    /// Keep running for new records (`true`), or stop once the ends the source partitions had
    /// at start are reached (`false`: a catch-up or a rebuild).
    public var follow = true
    /// How long one poll waits for records.
    public var pollTimeout: Duration = .milliseconds(100)

    /// The defaults.
    public init() {}
}

/// What a projector has done so far.
public struct ProjectorCounters: Sendable, Hashable {
    /// Source records read.
    public var read = 0
    /// Changes that took effect.
    public var applied = 0
    /// Changes not newer than the stored slice.
    public var stale = 0
    /// Records refused by validation.
    public var rejected = 0
    /// Store transactions committed.
    public var batches = 0

    /// Nothing yet.
    public init() {}
}
